"""Public pages: the request form and receipt, the status lookup, and personal data kept out of pages and logs."""

import logging

import pytest
from django.urls import reverse

from gongkai.disclosure.models import DisclosureRequest

from .factories import DisclosureRequestFactory

pytestmark = pytest.mark.django_db

FORM = {
    "applicant_type": "natural_person",
    "applicant_name": "陈小明",
    "id_document_type": "resident_id",
    "id_document_number": "310101198805054321",
    "contact_phone": "138-0013-8000",
    "contact_email": "",
    "contact_address": "",
    "information_title": "",
    "information_number": "",
    "description": "请提供2024年本区道路养护经费使用情况。",
    "provision_form": "electronic",
    "delivery_method": "online",
}


def test_submit_and_receipt(client, agency_a, caplog):
    with caplog.at_level(logging.DEBUG):
        response = client.post(reverse("disclosure:new"), {**FORM, "agency": agency_a.pk}, follow=True)

    case = DisclosureRequest.objects.get()
    page = response.content.decode()
    assert case.tracking_code in page
    assert case.channel == "online"
    assert case.due_date is not None
    assert "陈小明" not in page
    for value in ("陈小明", "310101198805054321", "13800138000", "138-0013-8000"):
        assert value not in caplog.text


def test_form_errors_in_chinese_fields(client, agency_a):
    data = {**FORM, "agency": agency_a.pk, "contact_phone": "", "id_document_type": "credit_code"}

    response = client.post(reverse("disclosure:new"), data)

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["contact_phone"] == ["请填写联系电话或电子邮箱。"]
    assert "id_document_type" in errors
    assert not DisclosureRequest.objects.exists()


def test_form_needs_csrf(agency_a):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(reverse("disclosure:new"), {**FORM, "agency": agency_a.pk})

    assert response.status_code == 403


def test_status_lookup_own_request(client, agency_a):
    case = DisclosureRequestFactory(agency=agency_a, contact_phone="13800138000", applicant_name="陈小明")

    response = client.post(reverse("disclosure:status"), {"tracking_code": case.tracking_code.lower(), "contact": "138 0013 8000"})

    page = response.content.decode()
    assert response.context["case"] == case
    assert case.get_status_display() in page
    assert "陈小明" not in page
    assert case.id_document_number not in page


def test_status_lookup_other_code(client, agency_a, caplog):
    mine = DisclosureRequestFactory(agency=agency_a, contact_phone="13800138000")
    other = DisclosureRequestFactory(agency=agency_a, contact_phone="13911112222", applicant_name="周其他")

    with caplog.at_level(logging.DEBUG):
        response = client.post(reverse("disclosure:status"), {"tracking_code": other.tracking_code, "contact": mine.contact_phone})

    page = response.content.decode()
    assert response.context["case"] is None
    assert "没有与该申请编号和联系方式相符的申请，请核对后重新查询。" in page
    for value in ("周其他", other.id_document_number, other.contact_phone, other.contact_email):
        assert value not in page
        assert value not in caplog.text


def test_form_page_accessible_markup(client):
    page = client.get(reverse("disclosure:new")).content.decode()

    assert "<script" not in page
    assert 'name="csrfmiddlewaretoken"' in page
    assert '<label for="id_applicant_name"' in page
    assert 'aria-describedby="id_contact_phone_helptext"' in page
