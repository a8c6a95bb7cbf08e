"""The search page over the bundled 示例 documents: results, best article, topic filter."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from gongkai.core.models import Agency
from gongkai.documents.models import Document
from gongkai.publishing.models import Topic

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
