"""Public pages: home, document, permanent link, agency, original download, feeds and sitemap."""

import xml.etree.ElementTree as ElementTree

import pytest

from gongkai.documents.choices import Disclosure, EventKind, Validity
from gongkai.documents.models import LegislativeEvent
from tests.factories import AgencyFactory, DocumentFactory

pytestmark = pytest.mark.django_db


def test_home_lists_latest_document(client):
    document = DocumentFactory()
    page = client.get("/").content.decode()

    assert '<html lang="zh-CN">' in page
    assert document.title in page
    assert document.lead_agency.name in page


def test_document_page_metadata_and_anchors(client):
    document = DocumentFactory(articles=["第一条 为了示例，制定本办法。", "第二条 本办法自发布之日起施行。"])
    page = client.get(document.get_absolute_url()).content.decode()

    for label in ["索引号", "主题分类", "发文机关", "成文日期", "标题", "发文字号", "发布日期", "效力状态"]:
        assert f'<th scope="row">{label}</th>' in page
    assert 'id="art-2"' in page
    assert f"<td>{document.index_number}</td>" in page


@pytest.mark.parametrize(
    ("kind", "text", "shown"),
    [
        (EventKind.REVISED, "2019年4月3日修订", "修订：2019年4月3日修订"),
        (EventKind.AMENDED, "2021年10月28日第一次修正", "修正：2021年10月28日第一次修正"),
        (EventKind.REPEALED, "2024年1月1日废止", "废止：2024年1月1日废止"),
    ],
)
def test_document_page_names_legislative_events(client, kind, text, shown):
    document = DocumentFactory()
    LegislativeEvent.objects.create(document=document, kind=kind, date="2021-10-28", text=text)

    page = client.get(document.get_absolute_url()).content.decode()

    assert f'<time datetime="2021-10-28">2021-10-28</time> {shown}</li>' in page


def test_withheld_document_is_404(client):
    document = DocumentFactory(disclosure=Disclosure.ON_REQUEST)

    assert client.get(document.get_absolute_url()).status_code == 404


def test_repealed_document_shows_status(client):
    document = DocumentFactory(validity=Validity.REPEALED)
    page = client.get(document.get_absolute_url()).content.decode()

    assert '<p class="status-banner" role="status">效力状态：<strong>废止</strong>' in page


def test_repealed_document_shows_status_in_english(client, settings):
    document = DocumentFactory(validity=Validity.REPEALED)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    page = client.get(document.get_absolute_url()).content.decode()

    assert '<p class="status-banner" role="status">Validity: <strong>Repealed</strong>' in page


def test_permanent_link_by_index_number(client):
    document = DocumentFactory(index_number="SHGOV/2025-00042")
    response = client.get("/i/SHGOV/2025-00042")

    assert response.status_code == 302
    assert response["Location"] == document.get_absolute_url()


def test_agency_page_lists_documents(client):
    agency = AgencyFactory(code="SHTEST")
    mine = DocumentFactory(agency=agency)
    other = DocumentFactory()
    page = client.get("/agencies/SHTEST/").content.decode()

    assert mine.title in page
    assert other.title not in page


def test_site_feeds_are_valid_xml(client):
    document = DocumentFactory()
    rss = client.get("/feeds/latest.rss")
    atom = client.get("/feeds/latest.atom")

    assert rss["Content-Type"].startswith("application/rss+xml")
    assert atom["Content-Type"].startswith("application/atom+xml")
    titles = [item.findtext("title") for item in ElementTree.fromstring(rss.content).iter("item")]
    assert titles == [document.title]


def test_agency_feed_filters(client):
    agency = AgencyFactory(code="SHFEED")
    mine = DocumentFactory(agency=agency)
    DocumentFactory()
    rss = client.get("/feeds/agencies/SHFEED.rss")
    titles = [item.findtext("title") for item in ElementTree.fromstring(rss.content).iter("item")]

    assert titles == [mine.title]


def test_sitemap_lists_public_documents(client):
    public = DocumentFactory()
    DocumentFactory(disclosure=Disclosure.NOT_DISCLOSED)
    index = client.get("/sitemap.xml")
    section = client.get("/sitemap-documents.xml").content.decode()

    assert index.status_code == 200
    assert f"/documents/{public.pk}/" in section
    assert section.count("<url>") == 1


def test_health_reports_database(client):
    DocumentFactory()
    response = client.get("/health")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "documents": 1}


def test_request_log_omits_query_string(client, caplog):
    caplog.set_level("INFO", logger="gongkai.requests")
    client.get("/requests/status/?code=ABC&contact=13912345678")
    lines = [record.getMessage() for record in caplog.records if record.name == "gongkai.requests"]

    assert len(lines) == 1
    assert lines[0].startswith("request method=GET path=/requests/status/ status=")
    assert "13912345678" not in lines[0]


def test_invalid_filter_is_reported(client):
    DocumentFactory()
    page = client.get("/search/?q=示例&doc_type=bogus").content.decode()

    assert '<p class="form-error" role="alert">筛选条件“文种”的取值“bogus”无效' in page


def test_topic_feed_lists_members(client):
    from gongkai.publishing.models import Topic

    document = DocumentFactory(title="上海市示例局关于营商环境的通知")
    DocumentFactory(title="上海市示例局关于其他事项的通知")
    Topic.objects.create(slug="yingshang", name="营商环境", lead_agency=document.lead_agency, keywords="营商环境")
    rss = client.get("/feeds/topics/yingshang.rss")
    titles = [item.findtext("title") for item in ElementTree.fromstring(rss.content).iter("item")]

    assert titles == [document.title]


def test_missing_page_is_chinese(client):
    response = client.get("/documents/999999/")
    page = response.content.decode()

    assert response.status_code == 404
    assert '<html lang="zh-CN">' in page
    assert "<h1>页面不存在</h1>" in page


def test_staff_login_lands_on_staff_home(client, django_user_model):
    django_user_model.objects.create_user(username="clerk", password="示例-Passw0rd-2025")
    response = client.post("/staff/login/", {"username": "clerk", "password": "示例-Passw0rd-2025"})

    assert response.status_code == 302
    assert response["Location"] == "/staff/"
    assert client.get("/staff/").status_code == 200


def test_topics_index_lists_topics(client):
    from gongkai.publishing.models import Topic

    document = DocumentFactory()
    Topic.objects.create(slug="yingshang", name="营商环境", lead_agency=document.lead_agency)

    assert "营商环境" in client.get("/topics/").content.decode()


NOTICE = "上海市人民政府办公厅关于示例事项的通知\n沪府办发〔2025〕5号\n各区人民政府：\n现将有关事项通知如下。\n上海市人民政府办公厅\n2025年3月7日\n"


@pytest.mark.parametrize(
    ("name", "text", "encoding", "content_type"),
    [
        ("示例通知.md", "# " + NOTICE, "utf-8", "text/markdown; charset=utf-8"),
        ("示例通知.txt", NOTICE, "gb18030", "text/plain; charset=gb18030"),
        ("示例通知.txt", NOTICE, "utf-16", "text/plain; charset=utf-16"),
    ],
)
def test_text_original_names_charset(client, tmp_path, name, text, encoding, content_type):
    import io

    from django.core.management import call_command

    from gongkai.documents.models import Document

    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    call_command("import", str(path), stdout=io.StringIO())
    document = Document.objects.get()
    response = client.get(f"/documents/{document.pk}/original/{document.source_files.get().pk}/")

    assert response["Content-Type"] == content_type
    assert b"".join(response.streaming_content).decode(encoding) == text


def test_batch_file_is_not_offered_as_original(client, tmp_path):
    """Records of a JSON Lines file link to their source web page, never to the whole batch file."""
    import io
    import json

    from django.core.management import call_command

    from gongkai.documents.models import Document

    records = [
        {"title": f"上海市人民政府关于示例事项{number}的通知", "issuer": "上海", "level": "Provincial", "url": url,
         "published_date": "2025-03-07", "body": "上海市人民政府关于示例事项的通知\n现将有关事项通知如下。" * 3}
        for number, url in [(1, "https://www.shanghai.gov.cn/nw12344/1.html"), (2, "javascript:alert(1)")]
    ]
    path = tmp_path / "示例批量.jsonl"
    path.write_text("".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records), encoding="utf-8")
    call_command("import", str(path), stdout=io.StringIO())
    first, second = Document.objects.order_by("id")
    source = first.source_files.get()
    page = client.get(first.get_absolute_url()).content.decode()
    other = client.get(second.get_absolute_url()).content.decode()

    assert "示例批量.jsonl" not in page
    assert client.get(f"/documents/{first.pk}/original/{source.pk}/").status_code == 404
    assert 'href="https://www.shanghai.gov.cn/nw12344/1.html"' in page
    assert "javascript:" not in other
