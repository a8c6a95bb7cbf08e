"""Every change to a disclosure request, one function per action.

Each function checks the user's permission and the case's state, changes the data, recomputes the due
date and writes one audit entry, all in one transaction. It raises `NotPermitted`, `InvalidTransition`
or `InvalidInput` with a message for the user; views only translate these into messages.
Audit entries and logs carry ids and case state, never the applicant's personal data.
"""

from __future__ import annotations

import datetime
import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core import audit
from gongkai.core.permissions import can_act_for, profile
from gongkai.disclosure import access, assist, clock, conf, fees, intake, letters
from gongkai.disclosure.choices import OPEN_STATUSES, ConsultedParty, EventKind, FeeMethod, LetterKind, Status
from gongkai.disclosure.models import CaseEvent, DisclosureRequest, Letter
from gongkai.disclosure.outcomes import Outcome

logger = logging.getLogger(__name__)

PUBLIC_FORM = "public form"

APPLICANT_FIELDS = (
    "applicant_type",
    "applicant_name",
    "id_document_type",
    "id_document_number",
    "contact_phone",
    "contact_email",
    "contact_address",
    "information_title",
    "information_number",
    "description",
    "provision_form",
    "delivery_method",
)

# Outcomes that may close a case that is waiting for the applicant rather than being processed.
CLOSING_OUTCOMES = {
    Status.AWAITING_CONFIRMATION: {Outcome.OTHER},
    Status.AWAITING_SUPPLEMENT: {Outcome.OTHER_NO_SUPPLEMENT, Outcome.OTHER},
    Status.AWAITING_PAYMENT: {Outcome.OTHER_FEE_UNPAID, Outcome.OTHER},
    Status.PROCESSING: set(Outcome) - {Outcome.OTHER_NO_SUPPLEMENT, Outcome.OTHER_FEE_UNPAID},
}


class DisclosureError(Exception):
    """An action on a disclosure request failed; the message is meant for the user."""


class NotPermitted(DisclosureError):
    """The user may not take this action on this case."""


class InvalidTransition(DisclosureError):
    """The action does not apply to the case in its current state."""


class InvalidInput(DisclosureError):
    """A value given to the action is invalid, such as a date before the receipt date."""


def snapshot(request: DisclosureRequest) -> dict:
    """Return the case state written to the audit log: ids, status and dates, no personal data."""
    return {
        "status": request.status,
        "agency": request.agency_id,
        "assigned_to": request.assigned_to_id,
        "channel": request.channel,
        "received_on": _iso(request.received_on),
        "due_date": _iso(request.due_date),
        "outcome": request.outcome,
        "answered_on": _iso(request.answered_on),
        "events": [[event.kind, _iso(event.date), _iso(event.end_date)] for event in request.events.all()],
    }


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


def _require_handler(user, request: DisclosureRequest) -> None:
    if not access.can_handle(user, request):
        raise NotPermitted(_("You may not act on request %(code)s.") % {"code": request.tracking_code})


def _require_status(request: DisclosureRequest, *statuses: str) -> None:
    if request.status not in statuses:
        raise InvalidTransition(
            _("Request %(code)s is %(status)s; this action is not possible now.")
            % {"code": request.tracking_code, "status": request.get_status_display()}
        )


def _require_date(request: DisclosureRequest, day: datetime.date, field: str, earliest: datetime.date | None = None) -> None:
    earliest = earliest or request.received_on or request.submitted_on
    if day > timezone.localdate():
        raise InvalidInput(_("%(field)s %(date)s lies in the future.") % {"field": field, "date": day.isoformat()})
    if earliest and day < earliest:
        raise InvalidInput(
            _("%(field)s %(date)s lies before %(earliest)s.")
            % {"field": field, "date": day.isoformat(), "earliest": earliest.isoformat()}
        )


def _save(request: DisclosureRequest, action: str, user, before: dict | None, actor_label: str = "") -> None:
    """Recompute the due date, save the request and write the audit entry."""
    try:
        clock.refresh(request, events=list(CaseEvent.objects.filter(request=request)))
    except ValueError as error:
        raise InvalidInput(str(error)) from error

    request.save()
    audit.record(
        f"disclosure_request.{action}",
        request,
        actor=user,
        actor_label=actor_label,
        before=before,
        after=snapshot(request),
    )
    logger.info("Disclosure request %s: %s", request.pk, action)


@transaction.atomic
def submit_online(data: dict, agency, today: datetime.date | None = None) -> DisclosureRequest:
    """Register a request from the public form; the receipt issued with it is the agency's confirmation.

    NOTE: Art. 31(3) fixes the receipt date of online requests on the day both sides confirm. The form
    confirms at once by issuing the tracking code, so the day of submission is the receipt date.
    """
    today = today or timezone.localdate()
    request = DisclosureRequest(
        agency=agency,
        channel="online",
        submitted_on=today,
        received_on=today,
        status=Status.PROCESSING,
        tracking_code=intake.new_tracking_code(today.year),
        **{name: data.get(name, "") for name in APPLICANT_FIELDS},
    )
    request.save()
    CaseEvent.objects.create(request=request, kind=EventKind.RECEIVED, date=today)
    request.suggestions = assist.suggest(request)
    _save(request, "submit", None, None, actor_label=PUBLIC_FORM)
    return request


@transaction.atomic
def register(
    user,
    data: dict,
    *,
    agency,
    channel: str,
    submitted_on: datetime.date,
    confirmed_on: datetime.date | None = None,
    applicant_unreachable: bool = False,
) -> DisclosureRequest:
    """Register a request received in person, by post, by fax or online, with the channel's receipt date."""
    if not can_act_for(user, agency):
        raise NotPermitted(_("You may not register requests for %(agency)s.") % {"agency": agency.name})

    if submitted_on > timezone.localdate():
        raise InvalidInput(_("The date of submission %(date)s lies in the future.") % {"date": submitted_on.isoformat()})
    received_on = intake.receipt_date(channel, submitted_on, confirmed_on, applicant_unreachable)
    if received_on is not None and received_on < submitted_on:
        raise InvalidInput(_("The receipt date may not lie before the date of submission."))
    if received_on is not None and received_on > timezone.localdate():
        raise InvalidInput(_("The receipt date %(date)s lies in the future.") % {"date": received_on.isoformat()})

    request = DisclosureRequest(
        agency=agency,
        channel=channel,
        submitted_on=submitted_on,
        received_on=received_on,
        status=Status.PROCESSING if received_on else Status.AWAITING_CONFIRMATION,
        assigned_to=user if profile(user) is not None else None,
        tracking_code=intake.new_tracking_code(submitted_on.year),
        **{name: data.get(name, "") for name in APPLICANT_FIELDS},
    )
    request.save()
    if received_on:
        CaseEvent.objects.create(request=request, kind=EventKind.RECEIVED, date=received_on, created_by=user)
    request.suggestions = assist.suggest(request)
    _save(request, "register", user, None)
    return request


@transaction.atomic
def confirm_receipt(user, request: DisclosureRequest, day: datetime.date) -> None:
    """Fix the receipt date once both sides confirmed, or once contact with the applicant is restored."""
    _require_handler(user, request)
    _require_status(request, Status.AWAITING_CONFIRMATION)
    _require_date(request, day, _("Receipt date"), earliest=request.submitted_on)
    before = snapshot(request)

    request.received_on = day
    request.status = Status.PROCESSING
    CaseEvent.objects.create(request=request, kind=EventKind.RECEIVED, date=day, created_by=user)
    _save(request, "confirm_receipt", user, before)


@transaction.atomic
def assign(user, request: DisclosureRequest, assignee) -> None:
    """Assign the case to a staff member of an agency visible to the disclosure office."""
    if not access.is_office_for(user, request):
        raise NotPermitted(_("Only the disclosure office may assign request %(code)s.") % {"code": request.tracking_code})
    if not can_act_for(assignee, request.agency):
        raise InvalidInput(_("%(user)s does not work for %(agency)s.") % {"user": assignee.get_username(), "agency": request.agency.name})
    before = snapshot(request)

    request.assigned_to = assignee
    _save(request, "assign", user, before)


@transaction.atomic
def request_supplement(user, request: DisclosureRequest, day: datetime.date, items: str, working_days: int) -> None:
    """Send the one 补正 notice (Art. 30): what to supplement and a period in working days to do it."""
    _require_handler(user, request)
    _require_status(request, Status.PROCESSING)
    if request.events.filter(kind=EventKind.SUPPLEMENT_REQUESTED).exists():
        raise InvalidTransition(_("A supplement may be requested only once (Art. 30)."))
    if not items.strip():
        raise InvalidInput(_("List what the applicant must supplement."))
    if not 1 <= working_days <= 60:
        raise InvalidInput(_("The supplement period must be between 1 and 60 working days."))
    _require_date(request, day, _("Notice date"))
    before = snapshot(request)

    CaseEvent.objects.create(
        request=request, kind=EventKind.SUPPLEMENT_REQUESTED, date=day, working_days=working_days, note=items, created_by=user
    )
    request.status = Status.AWAITING_SUPPLEMENT
    _save(request, "request_supplement", user, before)


@transaction.atomic
def receive_supplement(user, request: DisclosureRequest, day: datetime.date) -> None:
    """Record the supplemented request, from whose receipt the answer period starts again."""
    _require_handler(user, request)
    _require_status(request, Status.AWAITING_SUPPLEMENT)
    notice = request.events.filter(kind=EventKind.SUPPLEMENT_REQUESTED).last()
    _require_date(request, day, _("Supplement date"), earliest=notice.date)
    before = snapshot(request)

    CaseEvent.objects.create(request=request, kind=EventKind.SUPPLEMENT_RECEIVED, date=day, created_by=user)
    request.status = Status.PROCESSING
    _save(request, "receive_supplement", user, before)


@transaction.atomic
def extend(user, request: DisclosureRequest, day: datetime.date, working_days: int, reason: str) -> None:
    """Extend the answer period once, by at most 20 working days, with the disclosure office's approval."""
    _require_handler(user, request)
    if not access.can_approve_extension(user, request):
        raise NotPermitted(_("Only the head of the disclosure office may approve an extension."))
    _require_status(request, Status.PROCESSING, Status.CONSULTING, Status.AWAITING_PAYMENT)
    if request.events.filter(kind=EventKind.EXTENDED).exists():
        raise InvalidTransition(_("The answer period may be extended only once (Art. 33)."))
    maximum = conf.get("MAX_EXTENSION_WORKING_DAYS")
    if not 1 <= working_days <= maximum:
        raise InvalidInput(_("An extension must be between 1 and %(max)s working days.") % {"max": maximum})
    if not reason.strip():
        raise InvalidInput(_("Give the reason for the extension."))
    _require_date(request, day, _("Extension date"))
    before = snapshot(request)

    CaseEvent.objects.create(
        request=request, kind=EventKind.EXTENDED, date=day, working_days=working_days, note=reason, approved_by=user, created_by=user
    )
    _save(request, "extend", user, before)


@transaction.atomic
def start_consultation(user, request: DisclosureRequest, day: datetime.date, party_kind: str, party_name: str) -> CaseEvent:
    """Send a consultation letter to a third party or another agency; the clock stops until it ends."""
    _require_handler(user, request)
    _require_status(request, Status.PROCESSING, Status.CONSULTING)
    if party_kind not in ConsultedParty.values:
        raise InvalidInput(_("Choose whom the letter consults."))
    if not party_name.strip():
        raise InvalidInput(_("Give the name of the consulted party."))
    _require_date(request, day, _("Letter date"))
    before = snapshot(request)

    event = CaseEvent.objects.create(
        request=request, kind=EventKind.CONSULTATION, date=day, party_kind=party_kind, party_name=party_name, created_by=user
    )
    request.status = Status.CONSULTING
    _save(request, "start_consultation", user, before)
    return event


@transaction.atomic
def end_consultation(user, request: DisclosureRequest, event: CaseEvent, day: datetime.date, note: str = "") -> None:
    """Record the reply to a consultation, or the end of its period without one."""
    _require_handler(user, request)
    _require_status(request, Status.CONSULTING)
    if event.request_id != request.pk or event.kind != EventKind.CONSULTATION or event.end_date is not None:
        raise InvalidTransition(_("This consultation is not open on request %(code)s.") % {"code": request.tracking_code})
    _require_date(request, day, _("Reply date"), earliest=event.date)
    before = snapshot(request)

    event.end_date = day
    event.note = note
    event.save(update_fields=["end_date", "note"])
    if not request.events.filter(kind=EventKind.CONSULTATION, end_date__isnull=True).exists():
        request.status = Status.PROCESSING
    _save(request, "end_consultation", user, before)


@transaction.atomic
def set_later_date(user, request: DisclosureRequest, day: datetime.date, due_date: datetime.date, reason: str) -> None:
    """Set a later answer date for requests clearly beyond a reasonable number or frequency (Art. 35)."""
    _require_handler(user, request)
    _require_status(request, Status.PROCESSING)
    if not reason.strip():
        raise InvalidInput(_("Give the reason for the later answer date."))
    _require_date(request, day, _("Decision date"))
    if request.due_date and due_date <= request.due_date:
        raise InvalidInput(_("The later answer date must lie after the current due date %(date)s.") % {"date": request.due_date.isoformat()})
    before = snapshot(request)

    CaseEvent.objects.create(request=request, kind=EventKind.LATER_DATE_SET, date=day, due_date=due_date, note=reason, created_by=user)
    _save(request, "set_later_date", user, before)


@transaction.atomic
def send_fee_notice(user, request: DisclosureRequest, day: datetime.date, method: str, pages: int | None = None) -> CaseEvent:
    """Record a fee notice received by the applicant on `day`, with the fee computed by `method`."""
    _require_handler(user, request)
    _require_status(request, Status.PROCESSING)
    if method not in FeeMethod.values:
        raise InvalidInput(_("Choose per request or per page."))
    try:
        quote = fees.quote(request, method, pages)
    except ValueError as error:
        raise InvalidInput(str(error)) from error
    if quote.amount <= 0:
        raise InvalidInput(_("No fee is due: %(explanation)s") % {"explanation": quote.explanation})
    _require_date(request, day, _("Notice date"))
    before = snapshot(request)

    event = CaseEvent.objects.create(
        request=request,
        kind=EventKind.FEE_NOTICE,
        date=day,
        fee_method=method,
        quantity=quote.quantity,
        amount=quote.amount,
        note=quote.explanation,
        created_by=user,
    )
    request.status = Status.AWAITING_PAYMENT
    _save(request, "send_fee_notice", user, before)
    return event


@transaction.atomic
def record_payment(user, request: DisclosureRequest, day: datetime.date) -> None:
    """Record payment of the fee; the clock runs again from the next day."""
    _require_handler(user, request)
    _require_status(request, Status.AWAITING_PAYMENT)
    event = request.events.filter(kind=EventKind.FEE_NOTICE, end_date__isnull=True).last()
    _require_date(request, day, _("Payment date"), earliest=event.date)
    before = snapshot(request)

    event.end_date = day
    event.save(update_fields=["end_date"])
    request.status = Status.PROCESSING
    _save(request, "record_payment", user, before)


@transaction.atomic
def answer(user, request: DisclosureRequest, outcome: str, day: datetime.date, note: str = "") -> None:
    """Decide the request with `outcome`, which closes the case; it stays on record and is never deleted."""
    _require_handler(user, request)
    if request.status not in OPEN_STATUSES:
        raise InvalidTransition(_("Request %(code)s is already answered.") % {"code": request.tracking_code})
    if request.status == Status.CONSULTING:
        raise InvalidTransition(_("Close the open consultation before answering."))
    if outcome not in Outcome.values:
        raise InvalidInput(_("Choose an outcome."))
    if outcome not in CLOSING_OUTCOMES[request.status]:
        raise InvalidTransition(
            _("Outcome %(outcome)s does not apply to a request that is %(status)s.")
            % {"outcome": Outcome(outcome).label, "status": request.get_status_display()}
        )
    _require_date(request, day, _("Answer date"), earliest=request.submitted_on)
    before = snapshot(request)

    CaseEvent.objects.create(request=request, kind=EventKind.ANSWERED, date=day, note=outcome, created_by=user)
    request.outcome = outcome
    request.answered_on = day
    request.answer_note = note
    request.status = Status.ANSWERED
    _save(request, "answer", user, before)


@transaction.atomic
def generate_letter(user, request: DisclosureRequest, kind: str) -> Letter:
    """Render letter `kind` from its template and keep the text as generated."""
    _require_handler(user, request)
    if kind == LetterKind.ANSWER and not request.outcome:
        raise InvalidTransition(_("Answer the request before generating the answer letter."))
    try:
        title, body = letters.render(request, kind)
    except letters.TemplateMissing as error:
        raise InvalidInput(str(error)) from error

    letter = Letter.objects.create(request=request, kind=kind, title=title, body=body, created_by=user)
    audit.record(
        "disclosure_letter.generate", letter, actor=user, after={"request": request.pk, "kind": kind, "letter": letter.pk}
    )
    logger.info("Disclosure request %s: letter %s generated", request.pk, letter.pk)
    return letter


@transaction.atomic
def record_delivery(user, letter: Letter, method: str, day: datetime.date) -> None:
    """Record how and when a letter was delivered: the signing date, or the date handed to the post."""
    request = letter.request
    _require_handler(user, request)
    if letter.delivered_on is not None:
        raise InvalidTransition(_("The delivery of this letter is already recorded."))
    _require_date(request, day, _("Delivery date"))
    before = {"delivery_method": letter.delivery_method, "delivered_on": None}

    letter.delivery_method = method
    letter.delivered_on = day
    letter.save(update_fields=["delivery_method", "delivered_on"])
    audit.record(
        "disclosure_letter.deliver", letter, actor=user, before=before, after={"delivery_method": method, "delivered_on": day.isoformat()}
    )
    logger.info("Disclosure request %s: letter %s delivered", request.pk, letter.pk)
