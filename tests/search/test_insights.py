"""Weekly query statistics: counting, masking of long numbers, and the staff page."""

import datetime

import pytest

from gongkai.search import insights
from gongkai.search.models import QueryStat
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2025, 3, 3)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("  医保   报销 ", "医保 报销"),
        ("ABC 公积金", "abc 公积金"),
        ("13912345678 的申请", "# 的申请"),
        ("沪府办发〔2025〕5号", "沪府办发〔2025〕5号"),
    ],
)
def test_normalise_query(query, expected):
    assert insights.normalise(query) == expected


def test_record_counts_by_week():
    insights.record("医保", 3, today=MONDAY)
    insights.record(" 医保 ", 0, today=MONDAY + datetime.timedelta(days=6))
    insights.record("医保", 2, today=MONDAY + datetime.timedelta(days=7))
    insights.flush()
    first, second = QueryStat.objects.order_by("week")

    assert (first.week, first.query, first.searches, first.zero_results) == (MONDAY, "医保", 2, 1)
    assert (second.week, second.searches, second.zero_results) == (MONDAY + datetime.timedelta(days=7), 1, 0)


def test_empty_query_not_recorded():
    insights.record("   ", 0, today=MONDAY)

    assert QueryStat.objects.count() == 0


def test_search_page_records_query(client):
    client.get("/search/", {"q": "不存在的词语"})
    client.get("/search/", {"q": "不存在的词语"})
    insights.flush()
    stat = QueryStat.objects.get()

    assert stat.query == "不存在的词语"
    assert (stat.searches, stat.zero_results) == (2, 2)


def test_counts_wait_in_memory_between_flushes():
    insights.record("医保", 3, today=MONDAY)
    insights.record("医保", 3, today=MONDAY)

    assert QueryStat.objects.get().searches == 1
    insights.flush()
    assert QueryStat.objects.get().searches == 2


def test_insights_page_needs_staff(client, django_user_model):
    insights.record("营商环境", 0, today=MONDAY)
    anonymous = client.get("/staff/search-insights/")
    client.force_login(django_user_model.objects.create_user(username="clerk", is_staff=True))
    page = client.get("/staff/search-insights/").content.decode()

    assert anonymous.status_code == 302
    assert "营商环境" in page


def test_staff_and_filtered_searches(client, django_user_model):
    """A filter that empties the results does not make the word a "no results" word; staff are not counted."""
    client.get("/search/", {"q": "不存在的词语", "agency": AgencyFactory().code})
    client.force_login(django_user_model.objects.create_user(username="clerk", is_staff=True))
    client.get("/search/", {"q": "不存在的词语"})
    insights.flush()
    stat = QueryStat.objects.get()

    assert (stat.query, stat.searches, stat.zero_results) == ("不存在的词语", 1, 0)
