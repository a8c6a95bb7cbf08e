"""Finding the agency a document names, under one name for each body."""

import pytest

from gongkai.core import agencies
from gongkai.core.models import Agency


@pytest.mark.parametrize(
    ("name", "formal"),
    [
        ("江苏省政府办公厅", "江苏省人民政府办公厅"),
        ("江苏省人民政府办公厅", "江苏省人民政府办公厅"),
        ("浦东新区政府", "浦东新区人民政府"),
        ("国务院", "国务院"),
        ("中国保监会", "中国保监会"),
    ],
)
def test_formal_name(name, formal):
    assert agencies.formal_name(name) == formal


@pytest.mark.django_db
def test_government_without_people_is_the_same_body():
    first, created = agencies.resolve("江苏省人民政府办公厅")
    second, again = agencies.resolve("江苏省政府办公厅")

    assert created is True
    assert again is False
    assert second == first
    assert Agency.objects.filter(name__startswith="江苏省").count() == 1
