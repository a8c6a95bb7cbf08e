"""Entering a holiday schedule in the admin: saved days, the audit entry, and a date outside the year."""

import datetime

import pytest

from gongkai.core.calendar import compute_deadline
from gongkai.core.models import AuditEntry
from gongkai.disclosure.models import CalendarDay, HolidaySchedule

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/disclosure/holidayschedule/add/"


def schedule_form(year: str, days: list[tuple[str, bool, str]]) -> dict:
    data = {
        "year": year,
        "notice": "国务院办公厅关于2027年部分节假日安排的通知",
        "notice_url": "",
        "days-TOTAL_FORMS": str(len(days)),
        "days-INITIAL_FORMS": "0",
        "days-MIN_NUM_FORMS": "0",
        "days-MAX_NUM_FORMS": "1000",
    }
    for index, (date, is_working_day, name) in enumerate(days):
        data[f"days-{index}-date"] = date
        data[f"days-{index}-name"] = name
        if is_working_day:
            data[f"days-{index}-is_working_day"] = "on"
    return data


def test_schedule_added_and_audited(admin_client):
    days = [("2027-01-01", False, "元旦"), ("2027-01-04", False, "元旦"), ("2027-02-20", True, "春节")]

    response = admin_client.post(ADD_URL, schedule_form("2027", days))

    assert response.status_code == 302
    schedule = HolidaySchedule.objects.get(year=2027)
    assert schedule.days.count() == 3
    entry = AuditEntry.objects.get(action="holiday_schedule.add")
    assert entry.object_id == str(schedule.pk)
    assert entry.after["days"][2] == {"date": "2027-02-20", "is_working_day": True, "name": "春节"}
    assert compute_deadline(datetime.date(2026, 12, 10), 20).due == datetime.date(2027, 1, 11)


def test_day_outside_year_rejected(admin_client):
    response = admin_client.post(ADD_URL, schedule_form("2027", [("2026-12-31", False, "元旦")]))

    assert response.status_code == 200
    assert not HolidaySchedule.objects.exists()
    assert not CalendarDay.objects.exists()
    assert "2027" in str(response.context["inline_admin_formsets"][0].formset.errors)


def test_schedule_change_audited(admin_client):
    schedule = HolidaySchedule.objects.create(year=2027)
    first = CalendarDay.objects.create(schedule=schedule, date=datetime.date(2027, 1, 1), is_working_day=False, name="元旦")
    data = schedule_form("2027", [("2027-01-01", False, "元旦"), ("2027-01-04", False, "元旦")])
    data.update({"days-INITIAL_FORMS": "1", "days-0-id": str(first.pk), "days-0-schedule": str(schedule.pk)})

    response = admin_client.post(f"/admin/disclosure/holidayschedule/{schedule.pk}/change/", data)

    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="holiday_schedule.change")
    assert [day["date"] for day in entry.before["days"]] == ["2027-01-01"]
    assert [day["date"] for day in entry.after["days"]] == ["2027-01-01", "2027-01-04"]
