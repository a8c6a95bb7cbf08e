"""The answer clock: due dates over the Spring Festival, 补正 restarts, consultations pause, extensions add."""

import datetime
import logging

import pytest

from gongkai.core.models import AuditEntry
from gongkai.disclosure import actions, clock
from gongkai.disclosure.choices import (
    ApplicantType,
    ConsultedParty,
    DeliveryMethod,
    IdDocumentType,
    ProvisionForm,
    Status,
)

from .factories import DisclosureRequestFactory

pytestmark = pytest.mark.django_db

D = datetime.date.fromisoformat

APPLICANT = {
    "applicant_type": ApplicantType.NATURAL_PERSON,
    "applicant_name": "张三",
    "id_document_type": IdDocumentType.RESIDENT_ID,
    "id_document_number": "310101199001011234",
    "contact_phone": "13800000000",
    "contact_email": "zhangsan@example.com",
    "contact_address": "",
    "information_title": "",
    "information_number": "",
    "description": "请提供本区2024年老旧小区改造项目清单。",
    "provision_form": ProvisionForm.ELECTRONIC,
    "delivery_method": DeliveryMethod.EMAIL,
}


@pytest.mark.parametrize(
    ("filed", "notice_due", "due", "skipped", "makeup"),
    [
        ("2025-01-24", "2025-02-10", "2025-02-27", "2025-01-28 星期二 春节", "2025-01-26 星期日 调休上班（春节）"),
        ("2026-02-13", "2026-03-02", "2026-03-19", "2026-02-16 星期一 春节", "2026-02-14 星期六 调休上班（春节）"),
    ],
)
def test_friday_before_spring_festival(agency_a, filed, notice_due, due, skipped, makeup):
    case = actions.submit_online(APPLICANT, agency_a, today=D(filed))
    result = clock.compute(case)

    assert case.received_on == D(filed)
    assert case.due_date == D(due)
    assert result.supplement_notice_due == D(notice_due)
    assert f"  {skipped}" in result.lines
    assert f"  {makeup}" in result.lines
    assert any("通过互联网渠道提交，以双方确认之日为收到申请之日（第三十一条第（三）项）" in line for line in result.lines)
    assert any(f"起算 20 个工作日，届满日为 {due}" in line for line in result.lines)


def test_supplement_restarts_clock(agency_a, office_a):
    case = DisclosureRequestFactory(agency=agency_a, received_on=D("2025-03-03"), submitted_on=D("2025-03-03"))

    actions.request_supplement(office_a, case, D("2025-03-05"), "请明确所需信息的年份。", 15)
    assert case.status == Status.AWAITING_SUPPLEMENT
    assert case.due_date is None

    actions.receive_supplement(office_a, case, D("2025-03-10"))
    result = clock.compute(case)

    assert case.status == Status.PROCESSING
    assert case.due_date == D("2025-04-08")
    assert result.start == D("2025-03-10")
    assert any("答复期限自该日重新起算（第三十条）" in line for line in result.lines)


def test_supplement_only_once(agency_a, office_a):
    case = DisclosureRequestFactory(agency=agency_a)
    actions.request_supplement(office_a, case, D("2025-03-05"), "请明确年份。", 15)
    actions.receive_supplement(office_a, case, D("2025-03-10"))

    with pytest.raises(actions.InvalidTransition) as error:
        actions.request_supplement(office_a, case, D("2025-03-11"), "请再明确。", 15)
    assert str(error.value) == "补正只能一次性告知，不能再次告知（第三十条）。"


def test_consultation_pauses_clock(agency_a, office_a):
    case = DisclosureRequestFactory(agency=agency_a, received_on=D("2025-03-03"), submitted_on=D("2025-03-03"))
    assert case.due_date == D("2025-03-31")

    event = actions.start_consultation(office_a, case, D("2025-03-05"), ConsultedParty.THIRD_PARTY, "某某建设有限公司")
    paused = clock.compute(case)
    assert case.status == Status.CONSULTING
    assert case.due_date is None
    assert paused.remaining_working_days == 18

    actions.end_consultation(office_a, case, event, D("2025-03-13"), "不同意公开")
    result = clock.compute(case)

    assert case.status == Status.PROCESSING
    assert case.due_date == D("2025-04-09")
    paused_days = [day.date for day in result.skipped if day.reason.startswith("征求意见期间")]
    assert paused_days == [D("2025-03-06"), D("2025-03-07"), D("2025-03-10"), D("2025-03-11"), D("2025-03-12"), D("2025-03-13")]
    assert "  2025-04-04 星期五 清明节" in result.lines


def test_extension_adds_twenty_days(agency_a, office_a):
    case = DisclosureRequestFactory(agency=agency_a, received_on=D("2025-03-03"), submitted_on=D("2025-03-03"))
    assert case.due_date == D("2025-03-31")

    actions.extend(office_a, case, D("2025-03-25"), 20, "需要调取档案")

    assert case.due_date == D("2025-04-28")
    assert any("延长答复期限 20 个工作日" in line for line in clock.compute(case).lines)


def test_extension_needs_office(agency_a, clerk_a):
    case = DisclosureRequestFactory(agency=agency_a, assigned_to=clerk_a)

    with pytest.raises(actions.NotPermitted) as error:
        actions.extend(clerk_a, case, D("2025-03-25"), 20, "需要调取档案")
    assert str(error.value) == "只有公开办负责人可以批准延期答复。"


def test_extension_limit(agency_a, office_a):
    case = DisclosureRequestFactory(agency=agency_a)

    with pytest.raises(actions.InvalidInput):
        actions.extend(office_a, case, D("2025-03-25"), 21, "需要调取档案")
    actions.extend(office_a, case, D("2025-03-25"), 10, "需要调取档案")
    with pytest.raises(actions.InvalidTransition):
        actions.extend(office_a, case, D("2025-03-26"), 10, "再次延期")


def test_later_date_art_35(agency_a, office_a):
    case = DisclosureRequestFactory(agency=agency_a, received_on=D("2025-03-03"), submitted_on=D("2025-03-03"))

    actions.set_later_date(office_a, case, D("2025-03-20"), D("2025-06-30"), "申请数量明显超过合理范围")

    assert case.due_date == D("2025-06-30")
    assert any("第三十五条" in line for line in clock.compute(case).lines)


def test_fee_notice_pauses_clock(agency_a, office_a):
    case = DisclosureRequestFactory(agency=agency_a, received_on=D("2025-03-03"), submitted_on=D("2025-03-03"))

    actions.send_fee_notice(office_a, case, D("2025-03-05"), "per_page", 50)
    assert case.status == Status.AWAITING_PAYMENT
    assert case.due_date is None

    actions.record_payment(office_a, case, D("2025-03-13"))
    assert case.due_date == D("2025-04-09")


def test_ordinary_post_unreachable(agency_a, office_a):
    data = {**APPLICANT, "contact_phone": ""}
    case = actions.register(
        office_a, data, agency=agency_a, channel="ordinary_post", submitted_on=D("2025-03-03"), applicant_unreachable=True
    )
    assert case.status == Status.AWAITING_CONFIRMATION
    assert case.due_date is None

    actions.confirm_receipt(office_a, case, D("2025-03-10"))

    assert case.received_on == D("2025-03-10")
    assert case.due_date == D("2025-04-08")


def test_holiday_schedule_recomputes(admin_client, agency_a, caplog):
    case = DisclosureRequestFactory(agency=agency_a, received_on=D("2026-12-10"), submitted_on=D("2026-12-10"))
    assert (case.due_date, case.due_provisional) == (D("2027-01-08"), True)
    data = {
        "year": "2027",
        "notice": "国务院办公厅关于2027年部分节假日安排的通知",
        "notice_url": "",
        "days-TOTAL_FORMS": "2",
        "days-INITIAL_FORMS": "0",
        "days-MIN_NUM_FORMS": "0",
        "days-MAX_NUM_FORMS": "1000",
        "days-0-date": "2027-01-01",
        "days-0-name": "元旦",
        "days-1-date": "2027-01-04",
        "days-1-name": "元旦",
    }

    with caplog.at_level(logging.INFO, logger="gongkai"):
        response = admin_client.post("/admin/disclosure/holidayschedule/add/", data)

    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.due_date, case.due_provisional) == (D("2027-01-11"), False)
    entry = AuditEntry.objects.get(action="disclosure_request.recompute")
    assert entry.before == {"due_date": "2027-01-08", "due_provisional": True}
    assert entry.after == {"due_date": "2027-01-11", "due_provisional": False}
    assert f"Due date of disclosure request {case.pk} moved from 2027-01-08 to 2027-01-11" in caplog.text
