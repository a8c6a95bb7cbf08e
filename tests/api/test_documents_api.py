"""The open API's document endpoints, its one error shape, CORS and rate limit."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from gongkai.documents.choices import Disclosure
from gongkai.documents.models import Document
from tests.factories import DocumentFactory

pytestmark = pytest.mark.django_db

CHINESE = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(autouse=True)
def fresh_throttle():
    cache.clear()


def test_document_by_id(client):
    document = DocumentFactory(articles=["第一条 为了示例，制定本办法。", "第二条 本办法自发布之日起施行。"])
    response = client.get(f"/api/documents/{document.pk}")
    body = response.json()

    assert response.status_code == 200
    assert body["title"] == document.title
    assert body["document_number"] == document.document_number
    assert [part["anchor"] for part in body["parts"]] == ["art-1", "art-2"]
    assert body["url"] == f"http://testserver/documents/{document.pk}/"


def test_document_by_index_number(client):
    document = DocumentFactory(index_number="SHGOV/2025-00007")
    response = client.get("/api/documents/by-index/SHGOV/2025-00007")

    assert response.status_code == 200
    assert response.json()["id"] == document.pk


def test_withheld_document_is_not_found(client):
    document = DocumentFactory(disclosure=Disclosure.NOT_DISCLOSED)
    response = client.get(f"/api/documents/{document.pk}")

    assert response.status_code == 404
    assert response.json() == {
        "error": {"status": 404, "code": "not_found", "message": "找不到请求的资源：请检查地址中的编号或索引号。", "fields": {}}
    }


@pytest.mark.parametrize("method", ["get", "post"])
def test_unknown_path_is_named(method):
    response = getattr(Client(enforce_csrf_checks=True), method)("/api/no-such-endpoint")

    assert response.status_code == 404
    assert response.json()["error"]["message"] == "接口地址 /api/no-such-endpoint 不存在：可用的接口见 /api/docs。"


@pytest.mark.parametrize(
    ("method", "url", "status", "code"),
    [
        ("post", "/api/search", 405, "method_not_allowed"),
        ("delete", "/api/documents", 405, "method_not_allowed"),
    ],
)
def test_other_methods_get_the_error_shape(method, url, status, code):
    client = Client(enforce_csrf_checks=True)
    response = getattr(client, method)(url)
    body = response.json()

    assert response.status_code == status
    assert set(body["error"]) == {"status", "code", "message", "fields"}
    assert body["error"]["code"] == code
    assert body["error"]["message"].startswith(f"接口 {url} ")


def test_method_not_allowed_names_methods(client):
    response = client.post("/api/search")

    assert response["Allow"] == "GET"
    assert response.json()["error"]["message"] == "接口 /api/search 不接受 POST 请求：请改用 GET。"


@pytest.mark.parametrize(
    ("url", "status", "code"),
    [
        ("/api/documents/999999", 404, "not_found"),
        ("/api/documents?page=0", 400, "invalid_parameter"),
        ("/api/documents?per_page=500", 400, "invalid_parameter"),
        ("/api/documents?year=abc", 400, "invalid_parameter"),
        ("/api/documents?validity=unknown", 400, "invalid_parameter"),
        ("/api/changes", 400, "invalid_parameter"),
        ("/api/changes?since=yesterday", 400, "invalid_parameter"),
        ("/api/no-such-endpoint", 404, "not_found"),
    ],
)
def test_every_error_has_one_shape(client, url, status, code):
    response = client.get(url)
    body = response.json()

    assert response.status_code == status
    assert set(body) == {"error"}
    assert set(body["error"]) == {"status", "code", "message", "fields"}
    assert body["error"]["status"] == status
    assert body["error"]["code"] == code
    assert body["error"]["message"]
    assert isinstance(body["error"]["fields"], dict)


@pytest.mark.parametrize(
    "url, message, fields",
    [
        ("/api/documents?year=abc", "参数无效：year 的值“abc”应为整数。请按接口文档 /api/docs 修正后重试。", {"year": "应为整数"}),
        (
            "/api/search?q=示例&sort=foo",
            "参数无效：sort 的值“foo”应为以下取值之一：relevance、date。请按接口文档 /api/docs 修正后重试。",
            {"sort": "应为以下取值之一：relevance、date"},
        ),
        ("/api/changes", "参数无效：since 必须填写。请按接口文档 /api/docs 修正后重试。", {"since": "必须填写"}),
    ],
)
def test_invalid_parameter_names_field(client, url, message, fields):
    body = client.get(url).json()

    assert body["error"]["message"] == message
    assert body["error"]["fields"] == fields


@pytest.mark.parametrize(
    "url, message, fields",
    [
        (
            "/api/documents?year=abc",
            "Invalid parameters: year: the value “abc” must be a whole number. "
            "Correct them as the API documentation at /api/docs describes and try again.",
            {"year": "must be a whole number"},
        ),
        ("/api/documents?page=0", "Invalid parameter: page must be a whole number of 1 or more.", {"page": "must not be less than 1"}),
        ("/api/no-such-endpoint", "There is no API at /api/no-such-endpoint: /api/docs lists the ones there are.", {}),
    ],
)
def test_errors_follow_the_chosen_language(client, settings, url, message, fields):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    body = client.get(url).json()

    assert body["error"]["message"] == message
    assert body["error"]["fields"] == fields


def test_list_filters_by_agency(client):
    first = DocumentFactory()
    DocumentFactory()
    code = first.lead_agency.code
    body = client.get(f"/api/documents?agency={code}").json()

    assert body["total"] == 1
    assert body["results"][0]["id"] == first.pk


def test_changes_since_timestamp(client):
    old = DocumentFactory()
    Document.objects.filter(pk=old.pk).update(updated_at=timezone.now() - datetime.timedelta(days=3))
    new = DocumentFactory()
    since = (timezone.now() - datetime.timedelta(days=1)).isoformat()
    body = client.get("/api/changes", {"since": since}).json()

    assert [row["id"] for row in body["results"]] == [new.pk]
    assert body["next"] is None


def test_changes_pages_with_next(client):
    for _ in range(3):
        DocumentFactory()
    body = client.get("/api/changes", {"since": "2000-01-01T00:00:00+00:00", "limit": 2}).json()
    second = client.get(body["next"]).json()

    assert len(body["results"]) == 2
    assert len(second["results"]) == 1
    assert second["next"] is None


def test_cors_allows_read_only(client):
    response = client.options(
        "/api/documents", HTTP_ORIGIN="https://example.gov.cn", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )

    assert response["Access-Control-Allow-Origin"] == "*"
    assert "POST" not in response["Access-Control-Allow-Methods"]


def test_rate_limit_returns_429(client, settings):
    from gongkai.api.api import THROTTLE as throttle

    original = throttle.rate, throttle.num_requests, throttle.duration
    throttle.num_requests, throttle.duration = 2, 60
    try:
        statuses = [client.get("/api/documents").status_code for _ in range(3)]
        last = client.get("/api/documents")
    finally:
        throttle.rate, throttle.num_requests, throttle.duration = original

    assert statuses == [200, 200, 429]
    assert last.json()["error"]["code"] == "rate_limited"
    assert int(last["Retry-After"]) >= 1


def test_openapi_schema_and_docs(client):
    schema = client.get("/api/openapi.json").json()
    docs = client.get("/api/docs")

    assert schema["openapi"].startswith("3.")
    assert "/api/search" in schema["paths"]
    assert "/api/documents/by-index/{index_number}" in schema["paths"]
    assert docs.status_code == 200


def test_openapi_parameters_are_described(client):
    schema = client.get("/api/openapi.json").json()

    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                assert parameter.get("description"), f"{method.upper()} {path} parameter {parameter['name']}"


def test_search_invalid_filter_is_400(client):
    body = client.get("/api/search", {"q": "示例", "validity": "bogus"}).json()

    assert body["error"]["status"] == 400
    assert body["error"]["code"] == "invalid_parameter"
    assert body["error"]["message"].startswith("筛选条件“效力状态”的取值“bogus”无效")
    assert body["error"]["fields"] == {"validity": body["error"]["message"]}


def test_search_reversed_dates_is_400(client):
    body = client.get("/api/search", {"q": "示例", "date_from": "2025-05-01", "date_to": "2025-01-01"}).json()

    assert body["error"]["message"] == "起始日期 2025-05-01 晚于截止日期 2025-01-01：请交换两个日期，或改填其中一个。"
    assert set(body["error"]["fields"]) == {"date_from"}


def test_openapi_response_fields_are_described(client):
    schema = client.get("/api/openapi.json").json()

    for name, component in schema["components"]["schemas"].items():
        for field, definition in component.get("properties", {}).items():
            assert CHINESE.search(definition.get("description", "")), f"{name}.{field}"


def test_openapi_operations_are_described_in_chinese(client):
    schema = client.get("/api/openapi.json").json()

    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for text in (operation["summary"], operation.get("description", "")):
                # A docstring would show through as an English description.
                assert not text or CHINESE.search(text), f"{method.upper()} {path}: {text}"
