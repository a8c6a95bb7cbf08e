"""Working days (工作日) under the State Council holiday notices, and deadlines counted in them.

A day's status comes from the first of these sources that covers it:

1. days that administrators entered (`CalendarOverrides`, stored as `gongkai.disclosure.models.CalendarDay`);
2. the `chinesecalendar` package, which transcribes each year's 国务院办公厅 holiday notice
   (version 1.11.0 covers 2004–2026);
3. for any other year, a provisional (暂定) schedule: weekends plus the statutory holidays of
   《全国年节及纪念日放假办法》 as amended by State Council Decree 795 (in force 2025-01-01), with the
   substitute day (补假) that its Art. 6 requires when a holiday falls on a Saturday or Sunday.

Deadlines count from the day after receipt: the day of receipt is day 0, so "20 working days from receipt"
ends on the 20th working day after it, and the due date is always a working day.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType

import chinese_calendar
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from lunar_python import Lunar

from gongkai.core.punctuation import join_list

ONE_DAY = datetime.timedelta(days=1)
# Monday to Sunday from Django's own catalogue (星期一 … 星期日 in zh-hans), indexed by date.weekday().
WEEKDAY_NAMES = tuple(WEEKDAYS[index] for index in range(7))

PACKAGE_YEARS = range(min(chinese_calendar.holidays).year, max(chinese_calendar.holidays).year + 1)

# The provisional schedule applies the 2025 statutory rules, which would be wrong for earlier years, and
# the package starts in 2004. The upper bound only keeps an estimate from running decades ahead.
EARLIEST_START = datetime.date(PACKAGE_YEARS.start, 1, 1)
LATEST_START = datetime.date(2099, 12, 31)

# The longest period in the Regulations is 20 working days plus a 20-day extension (Art. 33). A limit of
# about one year of working days leaves room for agency-set periods and stops a typo from counting decades.
MAX_WORKING_DAYS = 250

# Holiday names as the notices print them, because the package's own Chinese names are shorter (清明, 中秋).
PACKAGE_HOLIDAY_NAMES = {
    chinese_calendar.Holiday.new_years_day: "元旦",
    chinese_calendar.Holiday.spring_festival: "春节",
    chinese_calendar.Holiday.tomb_sweeping_day: "清明节",
    chinese_calendar.Holiday.labour_day: "劳动节",
    chinese_calendar.Holiday.dragon_boat_festival: "端午节",
    chinese_calendar.Holiday.mid_autumn_festival: "中秋节",
    chinese_calendar.Holiday.national_day: "国庆节",
}

WEEKEND = gettext_lazy("Weekend")
# Translators: follows a due date that is only an estimate, as in "2030-02-07 Thursday (provisional)".
PROVISIONAL_MARK = gettext_lazy(" (provisional)")


@dataclass(frozen=True)
class ScheduledDay:
    """A day an administrator entered: a day off, or a working day such as a make-up working Saturday."""

    is_working_day: bool
    name: str = ""


@dataclass(frozen=True)
class CalendarOverrides:
    """Administrator-entered days, which take precedence over the package, and the years they fully cover.

    A year in `years` has a published schedule: its days not listed in `days` follow the weekend rule.
    """

    days: Mapping[datetime.date, ScheduledDay] = field(default_factory=dict)
    years: frozenset[int] = frozenset()


@dataclass(frozen=True)
class DayStatus:
    """Whether a date is a working day, why (周末, 春节, 调休上班（春节）…), and whether that is only an estimate.

    `reason` is in the language active when the status was computed, except for holiday names, which stay as
    the notices print them.
    """

    date: datetime.date
    is_working_day: bool
    reason: str = ""
    provisional: bool = False

    @property
    def is_makeup_workday(self) -> bool:
        """True for a Saturday or Sunday that a holiday notice made a working day (调休上班)."""
        return self.is_working_day and self.date.weekday() >= 5


@dataclass(frozen=True)
class Deadline:
    """A due date and how it was reached from the day of receipt (`start`, day 0)."""

    start: datetime.date
    working_days: int
    due: datetime.date
    skipped: tuple[DayStatus, ...]
    makeup_workdays: tuple[DayStatus, ...]
    provisional_years: tuple[int, ...]

    @property
    def provisional(self) -> bool:
        """True when a day after `start` up to `due` lies in a year without a published schedule."""
        return bool(self.provisional_years)

    def as_dict(self) -> dict:
        """Return the deadline as JSON-ready values with ISO dates."""
        return {
            "start": self.start.isoformat(),
            "working_days": self.working_days,
            "due": self.due.isoformat(),
            "provisional": self.provisional,
            "skipped": [{"date": day.date.isoformat(), "reason": day.reason} for day in self.skipped],
            "makeup_workdays": [{"date": day.date.isoformat(), "reason": day.reason} for day in self.makeup_workdays],
        }

    def explanation(self) -> list[str]:
        """Return the lines that explain the due date to a user, in the active language."""
        lines = [
            ngettext(
                "Counting {count} working day from {start} (the day of receipt, which is not counted), "
                "the due date is {due}.",
                "Counting {count} working days from {start} (the day of receipt, which is not counted), "
                "the due date is {due}.",
                self.working_days,
            ).format(count=self.working_days, start=format_day(self.start), due=format_day(self.due))
        ]

        if self.skipped:
            count = len(self.skipped)
            lines.append(
                ngettext("Skipped {count} non-working day:", "Skipped {count} non-working days:", count).format(count=count)
            )
            lines.extend(f"  {format_day(day.date)} {day.reason}" for day in self.skipped)
        else:
            lines.append(_("There are no non-working days in the period."))

        if self.makeup_workdays:
            count = len(self.makeup_workdays)
            lines.append(
                ngettext("Counted {count} make-up working day:", "Counted {count} make-up working days:", count).format(
                    count=count
                )
            )
            lines.extend(f"  {format_day(day.date)} {day.reason}" for day in self.makeup_workdays)

        if self.provisional:
            years = join_list(str(year) for year in self.provisional_years)
            lines.append(
                ngettext(
                    "Note: the holiday schedule of {years} has not been entered yet, so its days are estimated from "
                    "weekends and the statutory holidays of 《全国年节及纪念日放假办法》 (with substitute days) and the "
                    "result is provisional. Once the State Council General Office publishes the schedule, enter it in "
                    "the admin and compute again.",
                    "Note: the holiday schedules of {years} have not been entered yet, so their days are estimated from "
                    "weekends and the statutory holidays of 《全国年节及纪念日放假办法》 (with substitute days) and the "
                    "result is provisional. Once the State Council General Office publishes the schedules, enter them "
                    "in the admin and compute again.",
                    len(self.provisional_years),
                ).format(years=years)
            )
        return lines


def format_day(day: datetime.date) -> str:
    """Return `day` as "2025-01-20 星期一", with the weekday in the active language."""
    return f"{day.isoformat()} {WEEKDAY_NAMES[day.weekday()]}"


def check_start(start: datetime.date) -> None:
    """Raise ValueError with a translated message when `start` lies outside the years this module supports."""
    if not EARLIEST_START <= start <= LATEST_START:
        raise ValueError(
            _("Start date {start} is out of the supported range: enter a date from {earliest} to {latest}.").format(
                start=start.isoformat(), earliest=EARLIEST_START.isoformat(), latest=LATEST_START.isoformat()
            )
        )


def check_working_days(working_days: int) -> None:
    """Raise ValueError with a translated message when `working_days` is not between 1 and MAX_WORKING_DAYS."""
    if not 1 <= working_days <= MAX_WORKING_DAYS:
        raise ValueError(
            _("Number of working days {working_days} is out of range: enter a whole number from 1 to {maximum}.").format(
                working_days=working_days, maximum=MAX_WORKING_DAYS
            )
        )


class WorkingDayCalendar:
    """The status of each date, from administrator overrides, then the package, then the provisional rule."""

    def __init__(self, overrides: CalendarOverrides | None = None):
        self.overrides = overrides or CalendarOverrides()

    def has_schedule(self, year: int) -> bool:
        """True when `year`'s holiday notice is in the package or an administrator entered it."""
        return year in PACKAGE_YEARS or year in self.overrides.years

    def status(self, day: datetime.date) -> DayStatus:
        """Return whether `day` is a working day and why."""
        scheduled = self.overrides.days.get(day)
        if scheduled is not None:
            return _entered_status(day, scheduled, provisional=not self.has_schedule(day.year))

        if day.year in PACKAGE_YEARS:
            return _package_status(day)

        if day.year in self.overrides.years:
            return _weekend_status(day, provisional=False)

        return _provisional_status(day)


def add_working_days(
    start: datetime.date, working_days: int, overrides: CalendarOverrides | None = None
) -> Deadline:
    """Count `working_days` working days after `start` (the day of receipt, day 0) and return the deadline.

    Raises ValueError with a translated message for a start date or day count out of range.
    """
    check_start(start)
    check_working_days(working_days)
    calendar = WorkingDayCalendar(overrides)

    skipped: list[DayStatus] = []
    makeup_workdays: list[DayStatus] = []
    provisional_years: set[int] = set()
    day = start
    counted = 0
    while counted < working_days:
        day += ONE_DAY
        status = calendar.status(day)

        if status.provisional:
            provisional_years.add(day.year)
        if not status.is_working_day:
            skipped.append(status)
            continue

        counted += 1
        if status.is_makeup_workday:
            makeup_workdays.append(status)

    return Deadline(
        start=start,
        working_days=working_days,
        due=day,
        skipped=tuple(skipped),
        makeup_workdays=tuple(makeup_workdays),
        provisional_years=tuple(sorted(provisional_years)),
    )


def load_overrides() -> CalendarOverrides:
    """Read the administrator-entered holiday schedules from the database."""
    # Imported here, not at the top, because gongkai.disclosure.models imports this module.
    from gongkai.disclosure.models import CalendarDay, HolidaySchedule

    days = {
        row.date: ScheduledDay(is_working_day=row.is_working_day, name=row.name)
        for row in CalendarDay.objects.only("date", "is_working_day", "name")
    }
    years = frozenset(HolidaySchedule.objects.values_list("year", flat=True))
    return CalendarOverrides(days=days, years=years)


def compute_deadline(start: datetime.date, working_days: int) -> Deadline:
    """Count `working_days` working days after `start` with the schedules stored in the database."""
    return add_working_days(start, working_days, load_overrides())


def statutory_days_off(year: int) -> dict[datetime.date, str]:
    """Return the days off that 《全国年节及纪念日放假办法》 (2024 amendment) gives in `year`, with their names.

    Art. 2 lists 13 days: 元旦 1 (1 January), 春节 4 (农历除夕 and 正月初一 to 初三), 清明节 1 (the solar
    term 清明), 劳动节 2 (1 and 2 May), 端午节 1 (五月初五), 中秋节 1 (八月十五) and 国庆节 3 (1 to 3 October).
    Art. 6 gives a substitute weekday (补假) for a holiday on a Saturday or Sunday. The result also
    contains the weekend holiday days, so that their reason names the holiday.
    """
    return dict(_cached_statutory_days_off(year))


@cache
def _cached_statutory_days_off(year: int) -> Mapping[datetime.date, str]:
    days_off: dict[datetime.date, str] = {}
    owed: list[tuple[datetime.date, str]] = []
    for name, dates in _statutory_holidays(year):
        for day in dates:
            if day.weekday() >= 5 or day in days_off:
                owed.append((day, name))
            days_off.setdefault(day, name)

    # NOTE: the notice fixes the actual substitute day and adds 调休 blocks that no rule predicts. Taking the
    # next free weekday reproduces the published totals of 2025 and 2026 (248 working days each).
    for day, name in sorted(owed):
        substitute = day + ONE_DAY
        while substitute.weekday() >= 5 or substitute in days_off:
            substitute += ONE_DAY
        days_off[substitute] = f"{name}补假"

    return MappingProxyType(days_off)


def _statutory_holidays(year: int) -> list[tuple[str, list[datetime.date]]]:
    lunar_new_year = _lunar_to_solar(year, 1, 1)
    return [
        ("元旦", [datetime.date(year, 1, 1)]),
        ("春节", [lunar_new_year + offset * ONE_DAY for offset in range(-1, 3)]),
        ("清明节", [_solar_term(year, "清明")]),
        ("劳动节", [datetime.date(year, 5, 1), datetime.date(year, 5, 2)]),
        ("端午节", [_lunar_to_solar(year, 5, 5)]),
        ("中秋节", [_lunar_to_solar(year, 8, 15)]),
        ("国庆节", [datetime.date(year, 10, day) for day in (1, 2, 3)]),
    ]


def _lunar_to_solar(year: int, month: int, day: int) -> datetime.date:
    solar = Lunar.fromYmd(year, month, day).getSolar()
    return datetime.date(solar.getYear(), solar.getMonth(), solar.getDay())


def _solar_term(year: int, name: str) -> datetime.date:
    solar = Lunar.fromYmd(year, 1, 1).getJieQiTable()[name]
    return datetime.date(solar.getYear(), solar.getMonth(), solar.getDay())


def _entered_status(day: datetime.date, scheduled: ScheduledDay, provisional: bool) -> DayStatus:
    if scheduled.is_working_day:
        reason = _makeup_reason(scheduled.name) if day.weekday() >= 5 else ""
        return DayStatus(day, is_working_day=True, reason=reason, provisional=provisional)

    reason = scheduled.name or (str(WEEKEND) if day.weekday() >= 5 else _("Day off"))
    return DayStatus(day, is_working_day=False, reason=reason, provisional=provisional)


def _package_status(day: datetime.date) -> DayStatus:
    is_holiday, holiday = chinese_calendar.get_holiday_detail(day)
    name = _package_holiday_name(holiday) if holiday else ""

    if not is_holiday:
        reason = _makeup_reason(name) if name and day.weekday() >= 5 else ""
        return DayStatus(day, is_working_day=True, reason=reason)

    return DayStatus(day, is_working_day=False, reason=name or str(WEEKEND))


def _makeup_reason(holiday: str) -> str:
    return _("Make-up working day ({holiday})").format(holiday=holiday)


def _package_holiday_name(value: str) -> str:
    holiday = chinese_calendar.Holiday(value)
    return PACKAGE_HOLIDAY_NAMES.get(holiday, holiday.chinese)


def _weekend_status(day: datetime.date, provisional: bool) -> DayStatus:
    if day.weekday() >= 5:
        return DayStatus(day, is_working_day=False, reason=str(WEEKEND), provisional=provisional)
    return DayStatus(day, is_working_day=True, provisional=provisional)


def _provisional_status(day: datetime.date) -> DayStatus:
    name = _cached_statutory_days_off(day.year).get(day)
    if name is None:
        return _weekend_status(day, provisional=True)
    return DayStatus(day, is_working_day=False, reason=_("{holiday} (provisional)").format(holiday=name), provisional=True)

