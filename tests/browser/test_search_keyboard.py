"""Searching, filtering and jumping to an article in Chromium, with the keyboard only."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db(transaction=True)

SAMPLES = Path(__file__).resolve().parents[2] / "src" / "gongkai" / "documents" / "samples"


@pytest.fixture
def samples_imported():
    call_command("import", str(SAMPLES), stdout=io.StringIO())


def press_tab_until(page, predicate, limit=80):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(predicate):
            return
    raise AssertionError(f"no focusable element matched {predicate} after {limit} Tab presses")


def test_keyboard_search_filter_and_article(live_server, page, samples_imported):
    page.goto(live_server.url + "/")

    press_tab_until(page, "document.activeElement.id === 'q'")
    page.keyboard.type("答复 期限")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=*")
    assert page.locator("ol.hits li").count() >= 1
    assert "上海市政府信息公开示例办法" in page.locator("ol.hits").inner_text()

    press_tab_until(page, "document.activeElement.closest('.facets') !== null && document.activeElement.textContent.includes('规章')")
    page.keyboard.press("Enter")
    page.wait_for_url("**doc_type=rule*")
    assert page.locator(".facets a[aria-current='true']").count() == 1
    assert page.locator("ol.hits li").count() == 1

    press_tab_until(page, "document.activeElement.closest('.best-article') !== null")
    page.keyboard.press("Enter")
    page.wait_for_url("**/documents/**#art-*")
    anchor = page.evaluate("location.hash")
    assert page.locator(anchor).is_visible()
    assert "20个工作日" in page.locator(anchor).inner_text()
