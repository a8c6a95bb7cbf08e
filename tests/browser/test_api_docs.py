"""The open API's documentation page in Chromium."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_api_docs_lists_operations(live_server, page):
    page.goto(live_server.url + "/api/docs")

    page.wait_for_selector(".swagger-ui .opblock-summary", timeout=15_000)
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    assert page.locator("h1").first.inner_text() == "gongkai 开放接口"
    assert page.locator(".swagger-ui .opblock-summary-path").filter(has_text="/api/search").count() >= 1
