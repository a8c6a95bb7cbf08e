"""Public request pages and staff case pages. Each state change goes through `gongkai.disclosure.actions`."""

from __future__ import annotations

import datetime
import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.core import calendar
from gongkai.core.permissions import visible_agencies
from gongkai.core.punctuation import labelled
from gongkai.disclosure import access, actions, clock, conf, forms, intake, letters
from gongkai.disclosure.choices import EventKind
from gongkai.disclosure.models import CaseEvent, DisclosureRequest, Letter
from gongkai.disclosure.outcomes import Outcome

logger = logging.getLogger(__name__)

SESSION_RECEIPT = "disclosure_receipt"
LOGIN_URL = "disclosure:login"
PAGE_SIZE = 50
staff_required = login_required(login_url=LOGIN_URL)


def new_request(request):
    """Show the public request form, and register a valid submission and redirect to its receipt."""
    form = forms.RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        agency = data.pop("agency")
        case = actions.submit_online(data, agency)
        request.session[SESSION_RECEIPT] = case.pk
        return redirect("disclosure:receipt")
    return render(request, "disclosure/request_form.html", {"form": form})


def receipt(request):
    """Show the receipt of the request submitted last in this browser session."""
    case_id = request.session.get(SESSION_RECEIPT)
    if case_id is None:
        return redirect("disclosure:new")
    case = get_object_or_404(DisclosureRequest, pk=case_id)
    return render(request, "disclosure/receipt.html", {"case": case})


def status_lookup(request):
    """Show a request's status to a visitor who gives its tracking code and the contact entered in it.

    The page shows the case's progress and never the applicant's personal data. An unknown code and a
    wrong contact get the same message, so the page does not reveal which codes exist.
    """
    form = forms.StatusLookupForm(request.POST or None)
    case = None
    if request.method == "POST" and form.is_valid():
        case = intake.find_for_applicant(form.cleaned_data["tracking_code"], form.cleaned_data["contact"])
        if case is None:
            form.add_error(None, _("No request matches this tracking code and contact."))
    return render(request, "disclosure/status.html", {"form": form, "case": case})


def _due_soon_horizon() -> datetime.date:
    return calendar.compute_deadline(timezone.localdate(), conf.get("DUE_SOON_WORKING_DAYS")).due


@staff_required
def request_list(request):
    """List the requests of the visible agencies by view (open, mine, due soon, overdue, all) and agency, with counts per agency."""
    today = timezone.localdate()
    cases = access.visible_requests(request.user).select_related("agency", "assigned_to")
    view = request.GET.get("view", "open")
    if view == "due_soon":
        cases = cases.open().filter(due_date__gte=today, due_date__lte=_due_soon_horizon())
    elif view == "overdue":
        cases = cases.open().filter(due_date__lt=today)
    elif view == "mine":
        cases = cases.open().filter(assigned_to=request.user)
    elif view != "all":
        view = "open"
        cases = cases.open()

    agency_code = request.GET.get("agency", "")
    if agency_code:
        cases = cases.filter(agency__code=agency_code)

    by_agency = (
        access.visible_requests(request.user)
        .open()
        .values("agency__code", "agency__name")
        .annotate(
            open_count=Count("pk"),
            overdue=Count("pk", filter=Q(due_date__lt=today)),
            due_soon=Count("pk", filter=Q(due_date__gte=today, due_date__lte=_due_soon_horizon())),
        )
        .order_by("agency__code")
    )
    page = Paginator(cases.order_by("due_date", "pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "disclosure/staff/list.html",
        {"page": page, "view": view, "agency_code": agency_code, "by_agency": by_agency, "today": today},
    )


@staff_required
def register(request):
    """Register a request received in person, by post, by fax or online."""
    agencies = visible_agencies(request.user)
    form = forms.StaffRegistrationForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            case = actions.register(
                request.user,
                data,
                agency=data.pop("agency"),
                channel=data.pop("channel"),
                submitted_on=data.pop("submitted_on"),
                confirmed_on=data.pop("confirmed_on"),
                applicant_unreachable=data.pop("applicant_unreachable"),
            )
        except actions.DisclosureError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Request %(code)s registered.") % {"code": case.tracking_code})
            return redirect("disclosure:detail", pk=case.pk)
    return render(request, "disclosure/staff/register.html", {"form": form})


def _visible_case(request, pk: int):
    """Return the case if the user's agencies include its agency; otherwise 404, so ids reveal nothing."""
    return get_object_or_404(access.visible_requests(request.user).select_related("agency", "assigned_to"), pk=pk)


@staff_required
def request_detail(request, pk: int):
    """Show the case page: the clock and how its due date was computed, events, letters and the action forms."""
    case = _visible_case(request, pk)
    handler = access.can_handle(request.user, case)
    try:
        case_clock = clock.compute(case)
    except ValueError as error:
        case_clock = clock.Clock(received_on=case.received_on, lines=(str(error),))

    open_consultations = case.events.filter(kind=EventKind.CONSULTATION, end_date__isnull=True)
    context = {
        "case": case,
        "clock": case_clock,
        "handler": handler,
        "events": case.events.select_related("created_by"),
        "letters": case.letters.all(),
        "suggestions": case.suggestions,
        "suggested_outcome": Outcome(case.suggestions["outcome"]).label if case.suggestions.get("outcome") else "",
        "action_forms": _action_forms(case, open_consultations) if handler else {},
        "open_consultations": open_consultations,
    }
    return render(request, "disclosure/staff/detail.html", context)


def _action_forms(case, open_consultations) -> dict:
    """Return one unbound form per action; `auto_id` keeps the ids unique across the forms of the page."""
    today = timezone.localdate()
    initial = {"date": today}
    suggested = case.suggestions.get("outcome", "")
    initials = {"answer": {**initial, "outcome": suggested}, "assign": {}, "generate_letter": {}}

    action_forms = {}
    for name, form_class in ACTION_FORMS.items():
        kwargs = {"initial": initials.get(name, initial), "auto_id": f"id_{name}_%s"}
        if form_class is forms.AssignForm:
            kwargs["agency"] = case.agency
        action_forms[name] = form_class(**kwargs)

    action_forms["end_consultation"] = [
        (event, forms.EndConsultationForm(initial={**initial, "event": event.pk}, auto_id=f"id_end_consultation_{event.pk}_%s"))
        for event in open_consultations
    ]
    action_forms["letter_delivery"] = {
        letter.pk: forms.DeliveryForm(initial={**initial, "letter": letter.pk}, auto_id=f"id_delivery_{letter.pk}_%s")
        for letter in case.letters.all()
    }
    return action_forms


def _run_action(name: str, user, case, data: dict):
    """Call the action function `name` with the cleaned form `data`."""
    if name in ("confirm_receipt", "receive_supplement", "record_payment"):
        return getattr(actions, name)(user, case, data["date"])
    if name == "assign":
        return actions.assign(user, case, data["assignee"])
    if name == "request_supplement":
        return actions.request_supplement(user, case, data["date"], data["items"], data["working_days"])
    if name == "extend":
        return actions.extend(user, case, data["date"], data["working_days"], data["reason"])
    if name == "start_consultation":
        return actions.start_consultation(user, case, data["date"], data["party_kind"], data["party_name"])
    if name == "end_consultation":
        event = get_object_or_404(CaseEvent, pk=data["event"], request=case)
        return actions.end_consultation(user, case, event, data["date"], data["note"])
    if name == "set_later_date":
        return actions.set_later_date(user, case, data["date"], data["due_date"], data["reason"])
    if name == "send_fee_notice":
        return actions.send_fee_notice(user, case, data["date"], data["method"], data["pages"])
    if name == "answer":
        return actions.answer(user, case, data["outcome"], data["date"], data["note"])
    if name == "generate_letter":
        return actions.generate_letter(user, case, data["kind"])
    letter = get_object_or_404(Letter, pk=data["letter"], request=case)
    return actions.record_delivery(user, letter, data["method"], data["date"])


ACTION_FORMS = {
    "confirm_receipt": forms.DateForm,
    "assign": forms.AssignForm,
    "request_supplement": forms.SupplementForm,
    "receive_supplement": forms.DateForm,
    "extend": forms.ExtensionForm,
    "start_consultation": forms.ConsultationForm,
    "end_consultation": forms.EndConsultationForm,
    "set_later_date": forms.LaterDateForm,
    "send_fee_notice": forms.FeeNoticeForm,
    "record_payment": forms.DateForm,
    "answer": forms.AnswerForm,
    "generate_letter": forms.LetterForm,
    "record_delivery": forms.DeliveryForm,
}


@staff_required
@require_POST
def request_action(request, pk: int, name: str):
    """Run one action on a case from its POST form and return to the case page with the result."""
    case = _visible_case(request, pk)
    form_class = ACTION_FORMS.get(name)
    if form_class is None:
        raise Http404(name)

    form = form_class(request.POST, agency=case.agency) if form_class is forms.AssignForm else form_class(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect("disclosure:detail", pk=case.pk)

    try:
        _run_action(name, request.user, case, form.cleaned_data)
    except actions.DisclosureError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Saved."))
    return redirect("disclosure:detail", pk=case.pk)


def _form_errors(form) -> str:
    parts = []
    for field, texts in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        parts.append(labelled(label, " ".join(texts)) if label else " ".join(texts))
    return _("; ").join(parts)


@staff_required
def letter_file(request, pk: int, letter_pk: int, file_format: str):
    """Download a generated letter as DOCX or PDF; only the staff who may handle the case get it."""
    case = _visible_case(request, pk)
    if not access.can_handle(request.user, case):
        raise Http404("letter")
    letter = get_object_or_404(Letter, pk=letter_pk, request=case)
    if file_format not in ("docx", "pdf"):
        raise Http404(file_format)

    if file_format == "docx":
        content = letters.to_docx(letter)
        content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    else:
        content = letters.to_pdf(letter)
        content_type = "application/pdf"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{case.tracking_code}-{letter.pk}.{file_format}"'
    return response
