"""Traditional characters in queries: converted where the library does not use them, simplified text left alone."""

import pytest

from gongkai.search.indexing import index_documents
from gongkai.search.query import parse
from gongkai.search.simplified import to_simplified
from tests.factories import DocumentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def library():
    document = DocumentFactory(articles=["第一条 垃圾焚烧厂应当每年开展二噁英监测，不得破坏土地资源。"])
    index_documents([document.pk])


@pytest.mark.parametrize(
    ("typed", "searched"),
    [
        ("醫療保險", "医疗保险"),
        ("破壞土地", "破坏土地"),
        ("破坏土地", "破坏土地"),
        ("二噁英 監測", "二噁英 监测"),
        ("醫療保險 破坏土地", "医疗保险 破坏土地"),
        ("滬府辦發〔2025〕5號", "沪府办发〔2025〕5号"),
        ("劳动合同 -试用期", "劳动合同 -试用期"),
    ],
)
def test_to_simplified(library, typed, searched):
    assert to_simplified(typed) == searched


def test_parsed_query_is_simplified(library):
    parsed = parse("二噁英 監測")

    assert parsed.raw == "二噁英 监测"
    assert [group.text for group in parsed.groups][-1] == "监测"
