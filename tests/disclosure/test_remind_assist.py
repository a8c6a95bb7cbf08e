"""`gongkai remind` and the registration suggestions (智能办理)."""

import datetime
import io
import logging

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from gongkai.core import calendar
from gongkai.disclosure import actions, assist
from gongkai.disclosure.models import DisclosureRequest
from gongkai.disclosure.outcomes import Outcome
from gongkai.documents.models import Document

from .factories import DisclosureRequestFactory

pytestmark = pytest.mark.django_db


def test_remind_emails_assignee(agency_a, clerk_a, caplog):
    today = timezone.localdate()
    overdue = DisclosureRequestFactory(agency=agency_a, assigned_to=clerk_a, applicant_name="孙七")
    DisclosureRequest.objects.filter(pk=overdue.pk).update(due_date=today - datetime.timedelta(days=3))
    later = DisclosureRequestFactory(agency=agency_a, assigned_to=clerk_a)
    DisclosureRequest.objects.filter(pk=later.pk).update(due_date=calendar.add_working_days(today, 30).due)

    with caplog.at_level(logging.INFO, logger="gongkai"):
        call_command("remind", stdout=io.StringIO())

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [clerk_a.email]
    assert overdue.tracking_code in mail.outbox[0].body
    assert "已逾期" in mail.outbox[0].body
    assert later.tracking_code not in mail.outbox[0].body
    assert "孙七" not in mail.outbox[0].body + caplog.text
    assert f"Reminding user {clerk_a.pk} of disclosure requests [{overdue.pk}]" in caplog.text


def test_suggests_published_document(agency_a, office_a):
    document = Document.objects.create(
        title="上海市示例区老旧小区改造实施方案", document_number="沪示规〔2024〕3号", index_number="SJGHZY/2024-00001"
    )
    data = {
        "applicant_type": "natural_person",
        "applicant_name": "钱八",
        "id_document_type": "resident_id",
        "id_document_number": "310101199202021111",
        "contact_phone": "13700000000",
        "information_number": "沪示规〔2024〕3号",
        "description": "请提供老旧小区改造实施方案。",
        "provision_form": "electronic",
        "delivery_method": "email",
    }

    case = actions.register(office_a, data, agency=agency_a, channel="in_person", submitted_on=datetime.date(2025, 3, 3))

    assert case.suggestions["documents"][0]["id"] == document.pk
    assert case.suggestions["outcome"] == Outcome.DISCLOSED


@pytest.mark.parametrize(
    ("description", "flag", "outcome"),
    [
        ("我要举报某小区违法搭建，请公开处理结果。", "petition", Outcome.NOT_PROCESSED_PETITION),
        ("请提供2024年统计年鉴一本。", "publication", Outcome.NOT_PROCESSED_PUBLICATION),
    ],
)
def test_flags_petition_and_publication(agency_a, description, flag, outcome):
    case = DisclosureRequestFactory(agency=agency_a, description=description)

    suggestions = assist.suggest(case)

    assert flag in suggestions["flags"]
    assert suggestions["outcome"] == outcome


def test_detects_repeat_request(agency_a, office_a):
    first = DisclosureRequestFactory(agency=agency_a, id_document_number="310101199202021111", description="请提供2024年道路养护经费明细。")
    actions.answer(office_a, first, Outcome.DISCLOSED, datetime.date(2025, 3, 10))
    second = DisclosureRequestFactory(agency=agency_a, id_document_number="310101199202021111", description="请提供2024年道路养护经费的明细。")

    suggestions = assist.suggest(second)

    assert [repeat["tracking_code"] for repeat in suggestions["repeats"]] == [first.tracking_code]
    assert suggestions["outcome"] == Outcome.NOT_PROCESSED_REPEAT


def test_suggests_via_search_engine(agency_a):
    """The document is indexed with `gongkai.search.indexing`, so the match comes from the search engine."""
    indexing = pytest.importorskip("gongkai.search.indexing")
    document = Document.objects.create(
        title="上海市示例区道路养护资金管理办法", document_number="沪示规〔2024〕7号", index_number="SJGHZY/2024-00007"
    )
    indexing.index_documents([document.pk])
    case = DisclosureRequestFactory(agency=agency_a, information_title="道路养护资金管理办法", description="请提供该办法全文。")

    matches = assist._engine_matches(assist._search_engine(), case)

    assert [match["id"] for match in matches] == [document.pk]
    assert assist.suggest(case)["documents"] == matches
