"""`GET /api/search` over the bundled 示例 documents: the fields the issue names, and the same order as the command line."""

import io
import json
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command

from gongkai.documents.models import Document

pytestmark = pytest.mark.django_db(transaction=True)

SAMPLES = Path(__file__).resolve().parents[2] / "src" / "gongkai" / "documents" / "samples"
RULE_TITLE = "上海市政府信息公开示例办法"


@pytest.fixture
def samples():
    cache.clear()
    call_command("import", str(SAMPLES), stdout=io.StringIO())


def test_search_result_fields(client, samples):
    body = client.get("/api/search", {"q": "答复 期限"}).json()
    rule = Document.objects.get(title=RULE_TITLE)

    assert body["total"] == 1
    assert body["searched_as"] == ""
    assert {"agency", "doc_type", "year", "validity"} <= set(body["facets"])
    result = body["results"][0]
    assert result["id"] == rule.pk
    assert result["title"] == RULE_TITLE
    assert result["index_number"] == rule.index_number
    assert result["agencies"] == [rule.lead_agency.name]
    assert result["publish_date"] == rule.publish_date.isoformat()
    assert result["validity"] == "valid"
    assert result["article"] == "第三条"
    assert result["url"] == f"http://testserver{rule.get_absolute_url()}#art-3"
    assert result["score"] > 0


def test_search_traditional_query(client, samples):
    body = client.get("/api/search", {"q": "答復 期限"}).json()

    assert body["query"] == "答復 期限"
    assert body["searched_as"] == "答复 期限"
    assert [result["title"] for result in body["results"]] == [RULE_TITLE]


def test_search_same_as_command_line(client, samples):
    body = client.get("/api/search", {"q": "政务公开 信息"}).json()
    output = io.StringIO()
    call_command("search", "政务公开", "信息", "--json", stdout=output)
    printed = json.loads(output.getvalue())

    assert body["total"] == printed["total"] > 0
    assert [result["id"] for result in body["results"]] == [result["id"] for result in printed["results"]]
    assert [result["score"] for result in body["results"]] == [round(result["score"], 4) for result in printed["results"]]


def test_search_json_keeps_chinese(client, samples):
    body = client.get("/api/search", {"q": "答复 期限"}).content.decode()

    assert f'"title": "{RULE_TITLE}"' in body


def test_schema_describes_search_parameters(client):
    schema = client.get("/api/openapi.json").json()
    parameters = {parameter["name"]: parameter for parameter in schema["paths"]["/api/search"]["get"]["parameters"]}

    assert parameters["q"]["description"].startswith("检索词：")
    assert parameters["date_to"]["description"] == "发布日期止，不得早于 date_from。"


@pytest.mark.parametrize(
    ("year", "status", "message"),
    [
        ("none", 200, None),
        ("abc", 400, "年份“abc”无效，请填写四位数字，例如 2025。"),
    ],
)
def test_search_year_filter(client, samples, year, status, message):
    response = client.get("/api/search", {"q": "答复 期限", "year": year})

    assert response.status_code == status
    if message:
        assert response.json()["error"]["message"] == message
