"""Working-day counting under the State Council notices for 2025 and 2026, and the provisional rule after them.

The expected due dates follow the 2025 notice (国办发明电〔2024〕12号) and the 2026 notice of 2025-11-04,
counting from the day after receipt. They do not depend on how the package stores its data.
"""

import datetime

import chinese_calendar
import pytest

from gongkai.core.calendar import (
    CalendarOverrides,
    ScheduledDay,
    WorkingDayCalendar,
    add_working_days,
    statutory_days_off,
)


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def reasons(statuses) -> list[tuple[str, str]]:
    return [(status.date.isoformat(), status.reason) for status in statuses]


@pytest.mark.parametrize(
    ("start", "working_days", "due"),
    [
        ("2025-01-20", 7, "2025-02-05"),
        ("2025-01-20", 20, "2025-02-21"),
        ("2025-01-20", 40, "2025-03-21"),
        ("2025-09-22", 20, "2025-10-24"),
        ("2025-12-15", 20, "2026-01-13"),
        ("2026-01-30", 20, "2026-03-05"),
        ("2026-04-30", 20, "2026-06-01"),
        ("2025-09-26", 7, "2025-10-13"),
        ("2025-04-25", 15, "2025-05-20"),
        ("2026-02-06", 20, "2026-03-12"),
        ("2026-02-13", 7, "2026-03-02"),
        ("2026-09-18", 20, "2026-10-22"),
    ],
)
def test_reference_due_dates(start, working_days, due):
    deadline = add_working_days(day(start), working_days)

    assert deadline.due == day(due)
    assert deadline.provisional is False


def test_spring_festival_skipped_days():
    deadline = add_working_days(day("2025-01-20"), 7)

    assert reasons(deadline.skipped) == [
        ("2025-01-25", "周末"),
        ("2025-01-28", "春节"),
        ("2025-01-29", "春节"),
        ("2025-01-30", "春节"),
        ("2025-01-31", "春节"),
        ("2025-02-01", "春节"),
        ("2025-02-02", "春节"),
        ("2025-02-03", "春节"),
        ("2025-02-04", "春节"),
    ]
    assert reasons(deadline.makeup_workdays) == [("2025-01-26", "调休上班（春节）")]


def test_national_day_skipped_days():
    deadline = add_working_days(day("2025-09-22"), 20)

    assert reasons(deadline.skipped) == [
        ("2025-09-27", "周末"),
        ("2025-10-01", "国庆节"),
        ("2025-10-02", "国庆节"),
        ("2025-10-03", "国庆节"),
        ("2025-10-04", "国庆节"),
        ("2025-10-05", "国庆节"),
        ("2025-10-06", "中秋节"),
        ("2025-10-07", "国庆节"),
        ("2025-10-08", "国庆节"),
        ("2025-10-12", "周末"),
        ("2025-10-18", "周末"),
        ("2025-10-19", "周末"),
    ]
    assert reasons(deadline.makeup_workdays) == [
        ("2025-09-28", "调休上班（国庆节）"),
        ("2025-10-11", "调休上班（国庆节）"),
    ]


@pytest.mark.parametrize(
    ("start", "due"),
    [
        ("2025-01-29", "2025-02-05"),  # 春节 holiday
        ("2025-01-25", "2025-01-26"),  # ordinary Saturday before a make-up working Sunday
        ("2025-01-26", "2025-01-27"),  # make-up working Sunday
        ("2025-02-08", "2025-02-10"),  # make-up working Saturday
        ("2025-10-08", "2025-10-09"),  # last day of 国庆节
    ],
)
def test_start_on_special_day(start, due):
    assert add_working_days(day(start), 1).due == day(due)


def test_deadline_into_unpublished_year():
    deadline = add_working_days(day("2026-12-10"), 20)

    assert deadline.due == day("2027-01-08")
    assert deadline.provisional is True
    assert deadline.provisional_years == (2027,)
    assert ("2027-01-01", "元旦（暂定）") in reasons(deadline.skipped)
    assert deadline.explanation()[-1].startswith("注意：2027 年的放假安排尚未录入")


def test_provisional_spring_festival_2030():
    deadline = add_working_days(day("2030-01-28"), 10)

    assert deadline.due == day("2030-02-15")
    assert deadline.provisional_years == (2030,)
    assert reasons(deadline.skipped) == [
        ("2030-02-02", "春节（暂定）"),
        ("2030-02-03", "春节（暂定）"),
        ("2030-02-04", "春节（暂定）"),
        ("2030-02-05", "春节（暂定）"),
        ("2030-02-06", "春节补假（暂定）"),
        ("2030-02-07", "春节补假（暂定）"),
        ("2030-02-09", "周末"),
        ("2030-02-10", "周末"),
    ]


def test_statutory_days_off_2027():
    """The 2027 dates of the lunar holidays and 清明 are those of the published lunar calendar."""
    assert statutory_days_off(2027) == {
        day("2027-01-01"): "元旦",
        day("2027-02-05"): "春节",
        day("2027-02-06"): "春节",
        day("2027-02-07"): "春节",
        day("2027-02-08"): "春节",
        day("2027-02-09"): "春节补假",
        day("2027-02-10"): "春节补假",
        day("2027-04-05"): "清明节",
        day("2027-05-01"): "劳动节",
        day("2027-05-02"): "劳动节",
        day("2027-05-03"): "劳动节补假",
        day("2027-05-04"): "劳动节补假",
        day("2027-06-09"): "端午节",
        day("2027-09-15"): "中秋节",
        day("2027-10-01"): "国庆节",
        day("2027-10-02"): "国庆节",
        day("2027-10-03"): "国庆节",
        day("2027-10-04"): "国庆节补假",
        day("2027-10-05"): "国庆节补假",
    }


@pytest.mark.parametrize("year", [2025, 2026])
def test_statutory_rule_matches_notices(year):
    """The provisional rule, applied to a year with a notice, gives days off that the notice also gives, and
    the same number of working days, because 调休 only moves days."""
    days_off = statutory_days_off(year)
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    every_day = [first + datetime.timedelta(days=offset) for offset in range((last - first).days + 1)]
    rule_working_days = [d for d in every_day if d.weekday() < 5 and d not in days_off]

    assert [d for d in days_off if chinese_calendar.is_workday(d)] == []
    assert len(rule_working_days) == len(chinese_calendar.get_workdays(first, last))


def test_override_corrects_package():
    overrides = CalendarOverrides(days={day("2025-02-05"): ScheduledDay(is_working_day=False, name="春节延长")})

    deadline = add_working_days(day("2025-01-20"), 7, overrides)

    assert deadline.due == day("2025-02-06")
    assert ("2025-02-05", "春节延长") in reasons(deadline.skipped)


def test_entered_year_not_provisional():
    overrides = CalendarOverrides(
        days={
            day("2027-01-01"): ScheduledDay(is_working_day=False, name="元旦"),
            day("2027-01-04"): ScheduledDay(is_working_day=False, name="元旦"),
        },
        years=frozenset({2027}),
    )

    deadline = add_working_days(day("2026-12-10"), 20, overrides)

    assert deadline.due == day("2027-01-11")
    assert deadline.provisional is False
    assert ("2027-01-04", "元旦") in reasons(deadline.skipped)


def test_entered_year_replaces_statutory_rule():
    """In an entered year a weekday the schedule does not list is a working day, even on a statutory holiday."""
    calendar = WorkingDayCalendar(CalendarOverrides(years=frozenset({2027})))

    status = calendar.status(day("2027-01-01"))

    assert status.is_working_day is True
    assert status.provisional is False


def test_entered_makeup_saturday():
    overrides = CalendarOverrides(
        days={day("2027-02-20"): ScheduledDay(is_working_day=True, name="春节")}, years=frozenset({2027})
    )

    deadline = add_working_days(day("2027-02-19"), 1, overrides)

    assert deadline.due == day("2027-02-20")
    assert reasons(deadline.makeup_workdays) == [("2027-02-20", "调休上班（春节）")]


@pytest.mark.parametrize(
    ("start", "working_days", "message"),
    [
        ("2003-12-31", 20, "起算日期 2003-12-31 超出支持范围，请输入 2004-01-01 至 2099-12-31 之间的日期。"),
        ("2100-01-01", 20, "起算日期 2100-01-01 超出支持范围，请输入 2004-01-01 至 2099-12-31 之间的日期。"),
        ("2025-01-20", 0, "工作日天数 0 超出范围，请输入 1 至 250 之间的整数。"),
        ("2025-01-20", 251, "工作日天数 251 超出范围，请输入 1 至 250 之间的整数。"),
    ],
)
def test_out_of_range_rejected(start, working_days, message):
    with pytest.raises(ValueError) as error:
        add_working_days(day(start), working_days)

    assert str(error.value) == message
