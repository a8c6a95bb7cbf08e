"""`core.bulk.insert_instances`: the values Django would write, on both databases."""

import pytest

from gongkai.core.bulk import insert_instances
from gongkai.documents.choices import PartKind
from gongkai.documents.models import Part
from gongkai.search.models import Term
from tests.factories import DocumentFactory

pytestmark = pytest.mark.django_db


def test_parts_round_trip():
    document = DocumentFactory()
    parts = [
        Part(document=document, position=10, kind=PartKind.TABLE, level=0, label="", number=None, anchor="p-10", text="表", rows=[["项目", "金额"], ["补贴", 2480]]),
        Part(document=document, position=11, kind=PartKind.ARTICLE, level=0, label="第五条", number=5, anchor="art-5", text="第五条 示例。", rows=None),
    ]

    insert_instances(parts)

    stored = list(Part.objects.filter(document=document, position__gte=10).order_by("position").values_list("kind", "label", "number", "anchor", "text", "rows"))
    assert stored == [
        (PartKind.TABLE, "", None, "p-10", "表", [["项目", "金额"], ["补贴", 2480]]),
        (PartKind.ARTICLE, "第五条", 5, "art-5", "第五条 示例。", None),
    ]


def test_auto_now_fields_are_stamped():
    insert_instances([Term(word="一网统管", note="示例")])

    term = Term.objects.get(word="一网统管")
    assert term.updated_at is not None
    assert term.note == "示例"


def test_nothing_to_insert():
    insert_instances([])

    assert not Term.objects.filter(word="一网统管").exists()
