"""The answer clock of a disclosure request: the due date derived from the stored events.

Rules of 《中华人民共和国政府信息公开条例》 (2019) as encoded here:

- the receipt date is day 0 and counting starts the next working day (see `gongkai.core.calendar`);
- the answer is due 20 working days after receipt (Art. 33), plus one approved extension of at most
  20 working days;
- a 补正 notice is due 7 working days after receipt; once the supplemented request arrives, the answer
  period starts again from that day (Art. 30), and while the supplement is awaited no due date runs;
- the time spent consulting a third party or another agency is not counted (Art. 33): the working days
  after the day a letter is sent, up to and including the day the reply arrives, are skipped, and while
  a consultation is open the clock stands still;
- a fee notice pauses the clock the same way until payment, when `FEE_PAUSES_CLOCK` is set;
- under Art. 35 the agency may set a later answer date with a reason, which then replaces the count.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from gongkai.core import audit, calendar
from gongkai.core.punctuation import join_list
from gongkai.disclosure import conf
from gongkai.disclosure.choices import Channel, EventKind
from gongkai.disclosure.models import DisclosureRequest

logger = logging.getLogger(__name__)

# The clock's lines are shown to staff on the case page, never printed in a letter, so they are translated.
RECEIPT_RULES = {
    Channel.IN_PERSON: gettext_lazy("Submitted in person: the day of submission is the receipt date (Art. 31(1))"),
    Channel.REGISTERED_POST: gettext_lazy(
        "Submitted by post requiring a signature: the day the agency signs for it is the receipt date (Art. 31(2))"
    ),
    Channel.ORDINARY_POST: gettext_lazy(
        "Submitted by ordinary post without a signature: the day the disclosure office confirms receipt with the "
        "applicant is the receipt date (Art. 31(2)); if the applicant cannot be reached, counting starts on the day "
        "contact is restored"
    ),
    Channel.FAX: gettext_lazy("Submitted by fax: the day both sides confirm receipt is the receipt date (Art. 31(3))"),
    Channel.ONLINE: gettext_lazy("Submitted online: the day both sides confirm receipt is the receipt date (Art. 31(3))"),
}

PAUSE_REASONS = {
    EventKind.CONSULTATION: gettext_lazy("consultation period, not counted in the answer period (Art. 33 para. 3)"),
    EventKind.FEE_NOTICE: gettext_lazy("waiting for the information processing fee, not counted in the answer period"),
}


@dataclass(frozen=True)
class Pause:
    """A period left out of the answer period: the days after `start` up to and including `end`."""

    kind: str
    start: datetime.date
    end: datetime.date | None
    party: str = ""

    def covers(self, day: datetime.date) -> bool:
        return self.start < day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Clock:
    """The state of a case's answer period and the lines that explain it, in the active language."""

    received_on: datetime.date | None
    start: datetime.date | None = None
    working_days: int = 0
    due: datetime.date | None = None
    supplement_notice_due: datetime.date | None = None
    waiting_since: datetime.date | None = None
    remaining_working_days: int | None = None
    skipped: tuple[calendar.DayStatus, ...] = ()
    makeup_workdays: tuple[calendar.DayStatus, ...] = ()
    provisional_years: tuple[int, ...] = ()
    lines: tuple[str, ...] = field(default_factory=tuple)

    @property
    def provisional(self) -> bool:
        return bool(self.provisional_years)

    @property
    def running(self) -> bool:
        return self.due is not None


def compute(request, events=None, overrides: calendar.CalendarOverrides | None = None) -> Clock:
    """Derive the clock of `request` from its events (default: those stored) and the holiday schedules.

    Raises ValueError with a message for the user when a date lies outside the supported years.
    """
    events = list(request.events.all() if events is None else events)
    overrides = calendar.load_overrides() if overrides is None else overrides
    lines = []

    received_on = request.received_on
    if received_on is None:
        lines.append(
            _("The receipt date is not fixed yet. {rule}. The answer period is counted once it is fixed.").format(
                rule=RECEIPT_RULES[request.channel]
            )
        )
        return Clock(received_on=None, lines=tuple(lines))
    lines.append(
        _("Receipt date: {date}. {rule}.").format(date=calendar.format_day(received_on), rule=RECEIPT_RULES[request.channel])
    )

    notice_due = calendar.add_working_days(received_on, conf.get("SUPPLEMENT_NOTICE_WORKING_DAYS"), overrides).due
    lines.append(
        _(
            "If the request must be supplemented, tell the applicant everything to supplement at once by {date} "
            "(Art. 30: within 7 working days of the receipt date)."
        ).format(date=calendar.format_day(notice_due))
    )

    start, waiting = _answer_period_start(events, received_on, lines)
    if waiting is not None:
        return Clock(received_on=received_on, supplement_notice_due=notice_due, waiting_since=waiting, lines=tuple(lines))

    working_days = conf.get("ANSWER_WORKING_DAYS") + _extension_days(events, lines)
    pauses = _pauses(events, start, overrides, lines)
    counted = _count(start, working_days, pauses, overrides)

    if counted.due is None:
        lines.append(
            ngettext(
                "The answer period runs {working_days} working day from {start}: {counted} counted, {remaining} left. "
                "Counting is paused from {stopped} and resumes when the period above ends.",
                "The answer period runs {working_days} working days from {start}: {counted} counted, {remaining} left. "
                "Counting is paused from {stopped} and resumes when the period above ends.",
                working_days,
            ).format(
                start=calendar.format_day(start),
                working_days=working_days,
                counted=working_days - counted.remaining,
                remaining=counted.remaining,
                stopped=calendar.format_day(counted.stopped_at),
            )
        )
        return Clock(
            received_on=received_on,
            start=start,
            working_days=working_days,
            supplement_notice_due=notice_due,
            waiting_since=counted.stopped_at,
            remaining_working_days=counted.remaining,
            skipped=counted.skipped,
            makeup_workdays=counted.makeup_workdays,
            provisional_years=counted.provisional_years,
            lines=tuple(lines),
        )

    lines.extend(_count_lines(start, working_days, counted))
    due = _later_date(events, counted.due, lines)
    return Clock(
        received_on=received_on,
        start=start,
        working_days=working_days,
        due=due,
        supplement_notice_due=notice_due,
        remaining_working_days=None,
        skipped=counted.skipped,
        makeup_workdays=counted.makeup_workdays,
        provisional_years=counted.provisional_years,
        lines=tuple(lines),
    )


def _answer_period_start(events, received_on, lines) -> tuple[datetime.date, datetime.date | None]:
    """Return day 0 of the answer period, and the date of a 补正 notice still awaiting its supplement."""
    requested = [event for event in events if event.kind == EventKind.SUPPLEMENT_REQUESTED]
    supplied = [event for event in events if event.kind == EventKind.SUPPLEMENT_RECEIVED]

    if requested and not supplied:
        notice = requested[-1]
        lines.append(
            _(
                "A supplement notice was sent on {date}. The answer period starts again on the day the supplemented "
                "request arrives (Art. 30) and does not run until then."
            ).format(date=calendar.format_day(notice.date))
        )
        return received_on, notice.date

    if supplied:
        supplement = supplied[-1]
        lines.append(
            _("The supplemented request arrived on {date}. The answer period starts again from that day (Art. 30).").format(
                date=calendar.format_day(supplement.date)
            )
        )
        return supplement.date, None
    return received_on, None


def _extension_days(events, lines) -> int:
    extensions = [event for event in events if event.kind == EventKind.EXTENDED]
    for extension in extensions:
        lines.append(
            ngettext(
                "With the approval of the head of the disclosure office, the answer period was extended on {date} "
                "by {days} working day and the applicant was notified (Art. 33 para. 2). Reason: {reason}.",
                "With the approval of the head of the disclosure office, the answer period was extended on {date} "
                "by {days} working days and the applicant was notified (Art. 33 para. 2). Reason: {reason}.",
                extension.working_days or 0,
            ).format(
                date=calendar.format_day(extension.date),
                days=extension.working_days,
                reason=extension.note or _("not given"),
            )
        )
    return sum(extension.working_days or 0 for extension in extensions)


def _pauses(events, start, overrides, lines) -> list[Pause]:
    pauses = []
    for event in events:
        if event.kind == EventKind.FEE_NOTICE and not conf.get("FEE_PAUSES_CLOCK"):
            continue
        if event.kind not in PAUSE_REASONS or event.date < start:
            continue

        end = event.end_date
        if event.kind == EventKind.CONSULTATION:
            limit = calendar.add_working_days(event.date, conf.get("CONSULTATION_REPLY_WORKING_DAYS"), overrides).due
            if end is None and conf.get("CONSULTATION_PAUSE_ENDS_AT_LIMIT"):
                end = limit
            values = {
                "party": event.party_name or event.get_party_kind_display(),
                "sent": calendar.format_day(event.date),
                "limit": calendar.format_day(limit),
            }
            if end:
                line = _(
                    "Consultation of {party}: sent on {sent}, reply due by {limit} (Arts. 32 and 34, 15 working days); "
                    "ended on {end}."
                ).format(end=calendar.format_day(end), **values)
            else:
                line = _(
                    "Consultation of {party}: sent on {sent}, reply due by {limit} (Arts. 32 and 34, 15 working days); "
                    "not ended yet."
                ).format(**values)
            lines.append(line)
        else:
            limit = calendar.add_working_days(event.date, conf.get("FEE_PAYMENT_WORKING_DAYS"), overrides).due
            values = {"sent": calendar.format_day(event.date), "limit": calendar.format_day(limit)}
            if end:
                line = _("Fee notice: delivered on {sent}, payment due by {limit}; paid on {paid}.").format(
                    paid=calendar.format_day(end), **values
                )
            else:
                line = _("Fee notice: delivered on {sent}, payment due by {limit}; not paid yet.").format(**values)
            lines.append(line)
        pauses.append(Pause(kind=event.kind, start=event.date, end=end, party=event.party_name))
    return pauses


@dataclass(frozen=True)
class _Count:
    due: datetime.date | None
    stopped_at: datetime.date | None
    remaining: int
    skipped: tuple[calendar.DayStatus, ...]
    makeup_workdays: tuple[calendar.DayStatus, ...]
    provisional_years: tuple[int, ...]


def _count(start, working_days, pauses, overrides) -> _Count:
    """Count `working_days` working days after `start`, skipping days off and paused days."""
    calendar.check_start(start)
    days = calendar.WorkingDayCalendar(overrides)
    skipped, makeup_workdays, provisional_years = [], [], set()

    day = start
    counted = 0
    while counted < working_days:
        day += calendar.ONE_DAY
        status = days.status(day)
        if status.provisional:
            provisional_years.add(day.year)

        if not status.is_working_day:
            skipped.append(status)
            continue

        pause = next((pause for pause in pauses if pause.covers(day)), None)
        if pause is not None and pause.end is None:
            return _Count(None, pause.start, working_days - counted, tuple(skipped), tuple(makeup_workdays), tuple(sorted(provisional_years)))
        if pause is not None:
            skipped.append(calendar.DayStatus(day, is_working_day=True, reason=str(PAUSE_REASONS[pause.kind])))
            continue

        counted += 1
        if status.is_makeup_workday:
            makeup_workdays.append(status)

    return _Count(day, None, 0, tuple(skipped), tuple(makeup_workdays), tuple(sorted(provisional_years)))


def _count_lines(start, working_days, counted: _Count) -> list[str]:
    lines = [
        ngettext(
            "Counting {working_days} working day from {start} (that day not counted), the due date is {due}.",
            "Counting {working_days} working days from {start} (that day not counted), the due date is {due}.",
            working_days,
        ).format(start=calendar.format_day(start), working_days=working_days, due=calendar.format_day(counted.due))
    ]
    if counted.skipped:
        count = len(counted.skipped)
        lines.append(ngettext("Skipped {count} day:", "Skipped {count} days:", count).format(count=count))
        lines.extend(f"  {calendar.format_day(day.date)} {day.reason}" for day in counted.skipped)
    if counted.makeup_workdays:
        count = len(counted.makeup_workdays)
        lines.append(
            ngettext("Counted {count} make-up working day:", "Counted {count} make-up working days:", count).format(count=count)
        )
        lines.extend(f"  {calendar.format_day(day.date)} {day.reason}" for day in counted.makeup_workdays)
    if counted.provisional_years:
        years = join_list(counted.provisional_years)
        lines.append(
            _(
                "Note: the holiday schedule of {years} is not entered yet, so the due date is provisional. "
                "It is recomputed automatically once the schedule is entered."
            ).format(years=years)
        )
    return lines


def _later_date(events, due, lines) -> datetime.date:
    later = [event for event in events if event.kind == EventKind.LATER_DATE_SET]
    if not later:
        return due

    event = later[-1]
    lines.append(
        _(
            "The number or frequency of requests clearly exceeds a reasonable range: on {date} the agency set a later "
            "answer date of {due} and notified the applicant (Art. 35). Reason: {reason}."
        ).format(date=calendar.format_day(event.date), due=calendar.format_day(event.due_date), reason=event.note)
    )
    return event.due_date


def refresh(request, overrides: calendar.CalendarOverrides | None = None, events=None) -> Clock:
    """Recompute and store `request.due_date` from its events; the caller saves the request."""
    clock = compute(request, events=events, overrides=overrides)
    request.due_date = clock.due
    request.due_provisional = clock.provisional
    return clock


def recompute_open_requests(*, actor=None, actor_label: str = "") -> list[tuple[int, datetime.date | None, datetime.date | None]]:
    """Recompute the due date of every open request after a holiday schedule changed.

    Returns (request id, old due date, new due date) for each request whose due date moved, writes an
    audit entry for it and logs the ids.
    """
    overrides = calendar.load_overrides()
    moved = []
    with transaction.atomic():
        for request in DisclosureRequest.objects.open().prefetch_related("events"):
            old_due, old_provisional = request.due_date, request.due_provisional
            refresh(request, overrides)
            if (request.due_date, request.due_provisional) == (old_due, old_provisional):
                continue

            request.save(update_fields=["due_date", "due_provisional", "updated_at"])
            audit.record(
                "disclosure_request.recompute",
                request,
                actor=actor,
                actor_label=actor_label,
                before={"due_date": _iso(old_due), "due_provisional": old_provisional},
                after={"due_date": _iso(request.due_date), "due_provisional": request.due_provisional},
            )
            logger.info("Due date of disclosure request %s moved from %s to %s", request.pk, old_due, request.due_date)
            moved.append((request.pk, old_due, request.due_date))
    return moved


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None
