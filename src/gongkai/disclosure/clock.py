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

from gongkai.core import audit, calendar
from gongkai.disclosure import conf
from gongkai.disclosure.choices import Channel, EventKind
from gongkai.disclosure.models import DisclosureRequest

logger = logging.getLogger(__name__)

RECEIPT_RULES = {
    Channel.IN_PERSON: "当面提交，以提交之日为收到申请之日（第三十一条第（一）项）",
    Channel.REGISTERED_POST: "以邮寄方式提交，以本机关签收之日为收到申请之日（第三十一条第（二）项）",
    Channel.ORDINARY_POST: (
        "以无需签收的平常信函提交，以政府信息公开工作机构与申请人确认之日为收到申请之日（第三十一条第（二）项）；"
        "无法联系申请人的，自恢复联络之日起算"
    ),
    Channel.FAX: "以传真方式提交，以双方确认之日为收到申请之日（第三十一条第（三）项）",
    Channel.ONLINE: "通过互联网渠道提交，以双方确认之日为收到申请之日（第三十一条第（三）项）",
}

PAUSE_REASONS = {
    EventKind.CONSULTATION: "征求意见期间，不计算在答复期限内（第三十三条第三款）",
    EventKind.FEE_NOTICE: "等待缴纳信息处理费期间，不计算在答复期限内",
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
    """The state of a case's answer period and the lines that explain it, in Chinese."""

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

    Raises ValueError with a Chinese message when a date lies outside the supported years.
    """
    events = list(request.events.all() if events is None else events)
    overrides = calendar.load_overrides() if overrides is None else overrides
    lines = []

    received_on = request.received_on
    if received_on is None:
        lines.append(f"尚未确定收到申请之日：{RECEIPT_RULES[request.channel]}。确定后开始计算答复期限。")
        return Clock(received_on=None, lines=tuple(lines))
    lines.append(f"收到申请之日：{calendar.format_day(received_on)}。{RECEIPT_RULES[request.channel]}。")

    notice_due = calendar.add_working_days(received_on, conf.get("SUPPLEMENT_NOTICE_WORKING_DAYS"), overrides).due
    lines.append(f"如需补正，应于 {calendar.format_day(notice_due)} 前一次性告知申请人（第三十条，收到申请之日起 7 个工作日内）。")

    start, waiting = _answer_period_start(events, received_on, lines)
    if waiting is not None:
        return Clock(received_on=received_on, supplement_notice_due=notice_due, waiting_since=waiting, lines=tuple(lines))

    working_days = conf.get("ANSWER_WORKING_DAYS") + _extension_days(events, lines)
    pauses = _pauses(events, start, overrides, lines)
    counted = _count(start, working_days, pauses, overrides)

    if counted.due is None:
        lines.append(
            f"答复期限自 {calendar.format_day(start)} 起算 {working_days} 个工作日，"
            f"已计 {working_days - counted.remaining} 个，剩余 {counted.remaining} 个工作日，"
            f"自 {calendar.format_day(counted.stopped_at)} 起暂停计算，待上述期间结束后继续。"
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
            f"已于 {calendar.format_day(notice.date)} 发出补正告知，答复期限自收到补正后的申请之日重新起算（第三十条），"
            "在此之前不计算答复期限。"
        )
        return received_on, notice.date

    if supplied:
        supplement = supplied[-1]
        lines.append(
            f"已于 {calendar.format_day(supplement.date)} 收到补正后的申请，答复期限自该日重新起算（第三十条）。"
        )
        return supplement.date, None
    return received_on, None


def _extension_days(events, lines) -> int:
    extensions = [event for event in events if event.kind == EventKind.EXTENDED]
    for extension in extensions:
        lines.append(
            f"经政府信息公开工作机构负责人同意，于 {calendar.format_day(extension.date)} 延长答复期限 "
            f"{extension.working_days} 个工作日并告知申请人（第三十三条第二款）。理由：{extension.note or '未填写'}。"
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
            party = f"向{event.party_name or event.get_party_kind_display()}"
            lines.append(
                f"{party}征求意见：{calendar.format_day(event.date)} 发出，对方应于 {calendar.format_day(limit)} 前答复"
                f"（第三十二条、第三十四条，15 个工作日）；"
                + (f"{calendar.format_day(end)} 结束。" if end else "尚未结束。")
            )
        else:
            limit = calendar.add_working_days(event.date, conf.get("FEE_PAYMENT_WORKING_DAYS"), overrides).due
            lines.append(
                f"收费通知：{calendar.format_day(event.date)} 送达，申请人应于 {calendar.format_day(limit)} 前缴费；"
                + (f"{calendar.format_day(end)} 缴纳。" if end else "尚未缴纳。")
            )
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
            skipped.append(calendar.DayStatus(day, is_working_day=True, reason=PAUSE_REASONS[pause.kind]))
            continue

        counted += 1
        if status.is_makeup_workday:
            makeup_workdays.append(status)

    return _Count(day, None, 0, tuple(skipped), tuple(makeup_workdays), tuple(sorted(provisional_years)))


def _count_lines(start, working_days, counted: _Count) -> list[str]:
    lines = [
        f"自 {calendar.format_day(start)}（当日不计入）起算 {working_days} 个工作日，届满日为 {calendar.format_day(counted.due)}。"
    ]
    if counted.skipped:
        lines.append(f"跳过 {len(counted.skipped)} 日：")
        lines.extend(f"  {calendar.format_day(day.date)} {day.reason}" for day in counted.skipped)
    if counted.makeup_workdays:
        lines.append(f"计入 {len(counted.makeup_workdays)} 个调休上班日：")
        lines.extend(f"  {calendar.format_day(day.date)} {day.reason}" for day in counted.makeup_workdays)
    if counted.provisional_years:
        years = "、".join(str(year) for year in counted.provisional_years)
        lines.append(f"注意：{years} 年的放假安排尚未录入，届满日为暂定，录入后将自动重新计算。")
    return lines


def _later_date(events, due, lines) -> datetime.date:
    later = [event for event in events if event.kind == EventKind.LATER_DATE_SET]
    if not later:
        return due

    event = later[-1]
    lines.append(
        f"申请数量、频次明显超过合理范围，本机关于 {calendar.format_day(event.date)} 确定延迟答复的合理期限至 "
        f"{calendar.format_day(event.due_date)} 并告知申请人（第三十五条）。理由：{event.note}。"
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
