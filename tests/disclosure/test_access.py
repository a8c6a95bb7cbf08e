"""Staff pages: agency A's staff never reach agency B's cases, and personal data stay with the case handlers."""

import datetime

import pytest
from django.urls import reverse

from gongkai.core.models import AuditEntry
from gongkai.disclosure import actions
from gongkai.disclosure.choices import LetterKind
from gongkai.disclosure.models import DisclosureRequest
from gongkai.disclosure.outcomes import Outcome

from .factories import DisclosureRequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def case_b(agency_b, office_b):
    case = DisclosureRequestFactory(agency=agency_b, applicant_name="王五", contact_phone="13912345678", tracking_code="YS2025-BBBBBBBBBB")
    actions.answer(office_b, case, Outcome.DISCLOSED, datetime.date(2025, 3, 10))
    actions.generate_letter(office_b, case, LetterKind.ANSWER)
    return case


def urls_of(case):
    letter = case.letters.first()
    return [
        reverse("disclosure:detail", args=[case.pk]),
        reverse("disclosure:letter_file", args=[case.pk, letter.pk, "pdf"]),
        reverse("disclosure:letter_file", args=[case.pk, letter.pk, "docx"]),
    ]


@pytest.mark.parametrize("username", ["office_a", "clerk_a"])
def test_other_agency_hidden(client, case_b, office_a, clerk_a, username):
    client.force_login(office_a if username == "office_a" else clerk_a)

    for url in urls_of(case_b):
        assert client.get(url).status_code == 404, url
    response = client.post(reverse("disclosure:action", args=[case_b.pk, "generate_letter"]), {"kind": "receipt"})
    assert response.status_code == 404
    listing = client.get(reverse("disclosure:list") + "?view=all").content.decode()
    assert case_b.tracking_code not in listing
    assert "王五" not in listing
    assert case_b.letters.count() == 1


def test_own_agency_visible(client, office_b, case_b):
    client.force_login(office_b)

    for url in urls_of(case_b):
        assert client.get(url).status_code == 200, url
    assert "王五" in client.get(urls_of(case_b)[0]).content.decode()


def test_unassigned_clerk_sees_no_personal_data(client, agency_a, clerk_a, office_a):
    case = DisclosureRequestFactory(agency=agency_a, applicant_name="赵六", assigned_to=office_a)
    client.force_login(clerk_a)

    page = client.get(reverse("disclosure:detail", args=[case.pk])).content.decode()

    assert case.tracking_code in page
    assert "赵六" not in page
    assert case.id_document_number not in page
    with pytest.raises(actions.NotPermitted):
        actions.answer(clerk_a, case, Outcome.DISCLOSED, datetime.date(2025, 3, 10))


def test_assigned_clerk_acts(client, agency_a, clerk_a):
    case = DisclosureRequestFactory(agency=agency_a, applicant_name="赵六", assigned_to=clerk_a)
    client.force_login(clerk_a)

    response = client.post(
        reverse("disclosure:action", args=[case.pk, "answer"]),
        {"outcome": Outcome.WITHHELD_PROCESS, "date": "2025-03-20", "note": ""},
    )

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.outcome == Outcome.WITHHELD_PROCESS
    entry = AuditEntry.objects.get(action="disclosure_request.answer", object_id=str(case.pk))
    assert entry.before["status"] == "processing"
    assert entry.after["status"] == "answered"
    assert entry.after["outcome"] == Outcome.WITHHELD_PROCESS
    assert "赵六" not in str(entry.before) + str(entry.after) + entry.object_repr


def test_staff_pages_need_login(client, case_b):
    response = client.get(reverse("disclosure:detail", args=[case_b.pk]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("disclosure:login"))


def test_invalid_transition_message(client, agency_a, office_a):
    case = DisclosureRequestFactory(agency=agency_a)
    client.force_login(office_a)

    response = client.post(reverse("disclosure:action", args=[case.pk, "receive_supplement"]), {"date": "2025-03-20"}, follow=True)

    messages = [str(message) for message in response.context["messages"]]
    assert messages == [f"申请 {case.tracking_code} 当前状态为“办理中”，现在不能执行此操作。"]


def test_admin_cannot_delete_case(admin_client, agency_a):
    case = DisclosureRequestFactory(agency=agency_a)

    response = admin_client.post(f"/admin/disclosure/disclosurerequest/{case.pk}/delete/", {"post": "yes"})

    assert response.status_code == 403
    assert type(case).objects.filter(pk=case.pk).exists()


def test_case_page_explains_clock(client, agency_a, office_a):
    case = DisclosureRequestFactory(agency=agency_a, received_on=datetime.date(2025, 1, 24), submitted_on=datetime.date(2025, 1, 24))
    client.force_login(office_a)

    response = client.get(reverse("disclosure:detail", args=[case.pk]))

    page = response.content.decode()
    assert "届满日为 2025-02-27 星期四" in page
    assert "2025-01-28 星期二 春节" in page
    assert page.count('id="id_answer_date"') == 1
    assert page.count('id="id_extend_date"') == 1
    assert case.applicant_name in page


def test_register_in_person(client, agency_a, office_a):
    client.force_login(office_a)
    data = {
        "agency": agency_a.pk,
        "channel": "registered_post",
        "submitted_on": "2025-03-03",
        "confirmed_on": "2025-03-05",
        "applicant_type": "business",
        "applicant_name": "某某科技有限公司",
        "id_document_type": "credit_code",
        "id_document_number": "91310000MA1K000000",
        "contact_phone": "021-12345678",
        "description": "请提供本区2024年产业扶持资金申报指南。",
        "provision_form": "paper",
        "delivery_method": "post",
        "contact_address": "上海市示例区示例路1号",
    }

    response = client.post(reverse("disclosure:register"), data)

    case = DisclosureRequest.objects.get()
    assert response.status_code == 302
    assert case.received_on == datetime.date(2025, 3, 5)
    assert case.assigned_to == office_a
    assert AuditEntry.objects.filter(action="disclosure_request.register", object_id=str(case.pk)).exists()


def test_register_needs_confirmation_date(client, agency_a, office_a):
    client.force_login(office_a)

    response = client.post(reverse("disclosure:register"), {"agency": agency_a.pk, "channel": "fax", "submitted_on": "2025-03-03"})

    assert response.status_code == 200
    assert response.context["form"].errors["confirmed_on"] == ["请填写签收或确认日期，该日期即为收到申请日期。"]
