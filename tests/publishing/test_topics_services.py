"""Topic pages (curated and rule-based members) and service pages."""

import datetime

import pytest
from django.urls import reverse

from gongkai.core.models import Agency
from gongkai.documents.choices import Disclosure
from gongkai.documents.models import Document, DocumentAgency
from gongkai.publishing.models import ServiceItem, Topic

pytestmark = pytest.mark.django_db


def document(title, agency, index, subject="", disclosure=Disclosure.PROACTIVE, is_current=True):
    item = Document.objects.create(
        title=title, index_number=index, subject=subject, disclosure=disclosure, is_current=is_current, publish_date=datetime.date(2025, 3, 5)
    )
    DocumentAgency.objects.create(document=item, agency=agency)
    return item


@pytest.fixture
def agencies():
    return Agency.objects.create(code="SLJ", name="上海市示例局"), Agency.objects.create(code="QTJ", name="上海市其他局")


def test_topic_members(agencies, client):
    lead, other = agencies
    chosen = document("关于稳岗留工的通知", other, "QTJ/2025-00001")
    by_subject = document("关于就业补贴的通知", other, "QTJ/2025-00002", subject="劳动、人事、监察")
    by_keyword = document("关于促进创业带动就业的意见", other, "QTJ/2025-00003")
    by_agency = document("上海市示例局关于年度工作的通知", lead, "SLJ/2025-00001")
    hidden = document("关于就业工作的内部通知", other, "QTJ/2025-00004", disclosure=Disclosure.NOT_DISCLOSED)
    outside = document("关于道路养护的通知", other, "QTJ/2025-00005")
    topic = Topic.objects.create(slug="jiuye", name="稳就业", lead_agency=lead, subjects="劳动、人事、监察", keywords="创业\n")
    topic.documents.add(chosen)
    topic.agencies.add(lead)

    members = set(topic.member_documents())
    assert members == {chosen, by_subject, by_keyword, by_agency}
    page = client.get(reverse("publishing:topic", args=["jiuye"])).content.decode()
    assert by_keyword.title in page
    assert hidden.title not in page
    assert outside.title not in page


def test_service_lists_policies(agencies, client):
    lead, _ = agencies
    policy = document("关于科技创新券的通知", lead, "SLJ/2025-00001")
    withdrawn = document("关于旧版创新券的通知", lead, "SLJ/2025-00002", disclosure=Disclosure.NOT_DISCLOSED)
    service = ServiceItem.objects.create(name="科技创新券申领", agency=lead, url="https://zwdt.sh.gov.cn/item/1", conditions="本区注册企业")
    service.policies.add(policy, withdrawn)
    page = client.get(reverse("publishing:service", args=[service.pk])).content.decode()

    assert policy.title in page
    assert withdrawn.title not in page
    assert 'href="https://zwdt.sh.gov.cn/item/1"' in page
