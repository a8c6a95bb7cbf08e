"""`gongkai deadline`: output formats, administrator-entered schedules and messages for invalid arguments."""

import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command

from gongkai.disclosure.models import CalendarDay, HolidaySchedule

pytestmark = pytest.mark.django_db


def run_deadline(*args: str) -> str:
    out = io.StringIO()
    call_command("deadline", *args, stdout=out)
    return out.getvalue()


def test_json_output():
    result = json.loads(run_deadline("2025-01-20", "7", "--json"))

    assert set(result) == {"start", "working_days", "due", "provisional", "skipped", "makeup_workdays"}
    assert result["start"] == "2025-01-20"
    assert result["working_days"] == 7
    assert result["due"] == "2025-02-05"
    assert result["provisional"] is False
    assert result["skipped"][:2] == [
        {"date": "2025-01-25", "reason": "周末"},
        {"date": "2025-01-28", "reason": "春节"},
    ]
    assert len(result["skipped"]) == 9
    assert result["makeup_workdays"] == [{"date": "2025-01-26", "reason": "调休上班（春节）"}]


def test_text_output():
    lines = run_deadline("2025-01-20", "7").splitlines()

    assert lines[0] == "2025-02-05 星期三"
    assert lines[1] == "自 2025-01-20 星期一（收到之日，不计入）起算 7 个工作日，届满日为 2025-02-05 星期三。"
    assert "  2025-01-28 星期二 春节" in lines
    assert "  2025-01-26 星期日 调休上班（春节）" in lines


def test_provisional_text_output():
    lines = run_deadline("2026-12-10", "20").splitlines()

    assert lines[0] == "2027-01-08 星期五（暂定）"
    assert "  2027-01-01 星期五 元旦（暂定）" in lines
    assert lines[-1].startswith("注意：2027 年的放假安排尚未录入")


def test_entered_schedule_used():
    schedule = HolidaySchedule.objects.create(year=2027, notice="国务院办公厅关于2027年部分节假日安排的通知")
    CalendarDay.objects.create(schedule=schedule, date=datetime.date(2027, 1, 1), is_working_day=False, name="元旦")
    CalendarDay.objects.create(schedule=schedule, date=datetime.date(2027, 1, 4), is_working_day=False, name="元旦")

    result = json.loads(run_deadline("2026-12-10", "20", "--json"))

    assert result["due"] == "2027-01-11"
    assert result["provisional"] is False
    assert {"date": "2027-01-04", "reason": "元旦"} in result["skipped"]


@pytest.mark.parametrize(
    ("start", "days", "message"),
    [
        ("2025-13-01", "20", "参数 START 无效：“2025-13-01”不是有效日期，请按 YYYY-MM-DD 格式输入，例如 2025-01-20。"),
        ("昨天", "20", "参数 START 无效：“昨天”不是有效日期，请按 YYYY-MM-DD 格式输入，例如 2025-01-20。"),
        (
            "2003-06-01",
            "20",
            "参数 START 无效：起算日期 2003-06-01 超出支持范围，请输入 2004-01-01 至 2099-12-31 之间的日期。",
        ),
        ("2025-01-20", "二十", "参数 DAYS 无效：“二十”不是整数，请输入 1 至 250 之间的工作日天数，例如 20。"),
        ("2025-01-20", "2.5", "参数 DAYS 无效：“2.5”不是整数，请输入 1 至 250 之间的工作日天数，例如 20。"),
        ("2025-01-20", "0", "参数 DAYS 无效：工作日天数 0 超出范围，请输入 1 至 250 之间的整数。"),
        ("2025-01-20", "-5", "参数 DAYS 无效：工作日天数 -5 超出范围，请输入 1 至 250 之间的整数。"),
    ],
)
def test_invalid_argument_rejected(start, days, message):
    with pytest.raises(CommandError) as error:
        run_deadline(start, days)

    assert str(error.value) == message
