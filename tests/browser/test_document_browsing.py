"""Opening a document and jumping to an article in Chromium, with the keyboard only."""

import pytest

from tests.factories import DocumentFactory

pytestmark = pytest.mark.django_db(transaction=True)

ARTICLES = [f"第{number}条 示例条文内容，第{number}条规定的事项。" for number in "一二三四五六七八九十"]


def tab_until(page, predicate, limit=60):
    """Press Tab until the focused element satisfies `predicate`; fail after `limit` presses."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(predicate):
            return
    raise AssertionError(f"no focusable element matched {predicate} after {limit} Tab presses")


def test_keyboard_opens_document_and_article(live_server, page):
    document = DocumentFactory(title="上海市示例条例", articles=ARTICLES)
    page.goto(live_server.url + "/")

    tab_until(page, "document.activeElement.textContent.trim() === '上海市示例条例'")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{document.get_absolute_url()}")
    assert page.locator("h1").inner_text() == "上海市示例条例"

    page.goto(live_server.url + document.get_absolute_url() + "#art-7")
    assert page.evaluate("location.hash") == "#art-7"
    assert page.locator("#art-7").is_visible()
    tab_until(page, "document.activeElement.getAttribute('href') === '#art-8'")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#art-8"


def test_skip_link_is_first_stop(live_server, page):
    DocumentFactory()
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")

    assert page.evaluate("document.activeElement.textContent.trim()") == "跳到正文"
    assert page.locator("html").get_attribute("lang") == "zh-CN"


def test_document_page_fits_phone(live_server, phone):
    document = DocumentFactory(articles=ARTICLES)
    phone.goto(live_server.url + document.get_absolute_url())
    overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")

    assert overflow <= 0
