"""The search page over the bundled 示例 documents: results, best article, topic filter."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from gongkai.core.models import Agency
from gongkai.documents.models import Document
from gongkai.publishing.models import Topic
from gongkai.search.indexing import index_documents
from tests.factories import AgencyFactory, DocumentFactory

pytestmark = pytest.mark.django_db(transaction=True)

SAMPLES = Path(__file__).resolve().parents[2] / "src" / "gongkai" / "documents" / "samples"
RULE_TITLE = "上海市政府信息公开示例办法"


@pytest.fixture
def samples():
    call_command("import", str(SAMPLES), stdout=io.StringIO())


def test_search_links_best_article(client, samples):
    page = client.get("/search/", {"q": "答复 期限"}).content.decode()
    rule = Document.objects.get(title=RULE_TITLE)

    assert RULE_TITLE in page
    assert f'href="{rule.get_absolute_url()}#art-3"' in page


def test_topic_filter_restricts_results(client, samples):
    notice = Document.objects.exclude(title=RULE_TITLE).get()
    lead = Agency.objects.get_or_create(name="上海市示例主题牵头机关", defaults={"code": "TOPICLEAD"})[0]
    Topic.objects.create(slug="gongkai", name="政务公开", lead_agency=lead).documents.add(notice)
    page = client.get("/search/", {"q": "政务公开", "topic": "gongkai"}).content.decode()

    assert notice.title in page
    assert RULE_TITLE not in page


def test_cached_results_follow_the_index(client, samples):
    """A results page is cached, but withdrawing or adding a topic document shows at the next request."""
    rule = Document.objects.get(title=RULE_TITLE)
    first = client.get("/search/", {"q": "答复 期限"}).content.decode()
    again = client.get("/search/", {"q": "答复 期限"}).content.decode()
    rule.delete()
    after = client.get("/search/", {"q": "答复 期限"}).content.decode()

    assert RULE_TITLE in first
    assert hits_of(again) == hits_of(first)
    assert RULE_TITLE not in after


def test_cached_topic_results_follow_membership(client, samples):
    notice = Document.objects.exclude(title=RULE_TITLE).get()
    lead = Agency.objects.get_or_create(name="上海市示例主题牵头机关", defaults={"code": "TOPICLEAD"})[0]
    topic = Topic.objects.create(slug="gongkai", name="政务公开", lead_agency=lead)
    before = client.get("/search/", {"q": "政务公开", "topic": "gongkai"}).content.decode()
    topic.documents.add(notice)
    after = client.get("/search/", {"q": "政务公开", "topic": "gongkai"}).content.decode()

    assert notice.title not in before
    assert notice.title in after


def hits_of(page: str) -> str:
    return page[page.index('<ol class="hits"') : page.index("</ol>", page.index('<ol class="hits"'))]


def test_page_past_the_end(client, samples):
    page = client.get("/search/", {"q": "答复 期限", "page": "999"}).content.decode()

    assert "本页已超出检索结果的范围：结果共 1 页。" in page
    assert "没有找到符合条件的文件" not in page


def test_facet_shows_ten_then_more(client):
    documents = [
        DocumentFactory(title=f"示例市关于优化营商环境的通知{number}", agency=AgencyFactory(), articles=["第一条 优化营商环境。"])
        for number in range(12)
    ]
    index_documents([document.pk for document in documents])

    page = client.get("/search/", {"q": "营商环境"}).content.decode()
    start = page.index('id="facet-agency"')
    visible, more = page[start : page.index("</section>", start)].split("<details>")

    assert visible.count("<li>") == 10
    assert more.count("<li>") == 2
    assert "更多（2 项）" in more


def test_undated_documents_have_a_year_facet(client):
    dated = DocumentFactory(title="示例市营商环境条例", articles=["第一条 优化营商环境。"])
    undated = DocumentFactory(
        title="示例市营商环境办法", written_date=None, publish_date=None, version_date=None, articles=["第一条 优化营商环境。"]
    )
    index_documents([dated.pk, undated.pk])

    page = client.get("/search/", {"q": "营商环境"}).content.decode()
    filtered = client.get("/search/", {"q": "营商环境", "year": "none"}).content.decode()

    assert "year=none" in page
    assert "未注明日期" in page
    assert undated.title in filtered
    assert dated.title not in filtered
    assert "年份：未注明日期" in filtered


def test_filter_relaxation_links_to_results(client, samples):
    page = client.get("/search/", {"q": "答复 期限", "doc_type": "law"}).content.decode()

    assert "没有找到符合条件的文件" in page
    assert '<a href="?q=%E7%AD%94%E5%A4%8D+%E6%9C%9F%E9%99%90">去掉“文种”筛选条件后有 1 条结果。</a>' in page


def test_traditional_query_notice(client, samples):
    page = client.get("/search/", {"q": "答復 期限"}).content.decode()

    assert "已将繁体字转为简体字检索：答复 期限" in page
    assert RULE_TITLE in page
    assert 'value="答復 期限"' in page, "the search box keeps what the user typed"


def test_zero_results_show_active_filters(client, samples):
    page = client.get("/search/", {"q": "答复 期限", "doc_type": "law"}).content.decode()

    assert '<p class="active-filters">当前筛选条件：' in page
    assert 'aria-label="去掉筛选条件 文种：法律">文种：法律 <span aria-hidden="true">✕</span></a>' in page
    assert "去掉筛选条件重新搜索" not in page, "the only filter already has its own link"
    assert 'href="/ask/?q=%E7%AD%94%E5%A4%8D+%E6%9C%9F%E9%99%90">向政策问答提问</a>' in page
    assert 'href="/requests/new/">向行政机关申请政府信息公开</a>' in page


@pytest.mark.parametrize(
    ("parameters", "warning"),
    [
        ({"validity": "bogus"}, "筛选条件“效力状态”的取值“bogus”无效，可用的有："),
        ({"agency": "NOPE"}, "发文机关代码“NOPE”不存在，请检查代码。检索结果中的发文机关分面列出了在用的代码。已忽略筛选条件“发文机关”。"),
        (
            {"date_from": "2025-12-01", "date_to": "2025-06-01"},
            "起始日期 2025-12-01 晚于截止日期 2025-06-01：请交换两个日期，或改填其中一个。已忽略筛选条件“起始日期”。",
        ),
        ({"year": "99"}, "年份“99”无效，请填写四位数字，例如 2025。已忽略筛选条件“年份”。"),
        ({"year": "abc"}, "年份“abc”无效，请填写四位数字，例如 2025。已忽略筛选条件“年份”。"),
        ({"date_to": "2025/06/01"}, "截止日期“2025/06/01”无效，请按 2025-03-31 的格式填写。已忽略筛选条件“截止日期”。"),
    ],
)
def test_invalid_filter_dropped_with_warning(client, samples, parameters, warning):
    page = client.get("/search/", {"q": "答复 期限", **parameters}).content.decode()

    assert warning in page
    assert RULE_TITLE in page


def test_search_feed_names_its_search(client, samples):
    rss = client.get("/feeds/search.rss", {"q": "答复", "doc_type": "rule"}).content.decode()

    assert "<title>搜索：答复（文种：规章）</title>" in rss
    assert 'href="http://testserver/feeds/search.rss?q=%E7%AD%94%E5%A4%8D&amp;doc_type=rule" rel="self"' in rss
    assert RULE_TITLE in rss


def test_robots_txt_points_to_sitemap(client):
    response = client.get("/robots.txt")

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode().splitlines() == [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /staff/",
        "Sitemap: http://testserver/sitemap.xml",
    ]
