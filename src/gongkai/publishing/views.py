"""Staff pages of the publishing workflow and the public topic, service and verification pages.

Views only read forms and call one action each. The actions check permissions and write the
audit log. Drafts and documents are looked up among those of the user's agencies, so a URL naming
another agency's draft or document returns 404.
"""

from __future__ import annotations

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.core.models import AuditEntry
from gongkai.core.permissions import visible_agencies
from gongkai.documents.choices import Disclosure
from gongkai.documents.models import Document
from gongkai.publishing import actions, verification
from gongkai.publishing.choices import DraftKind
from gongkai.publishing.exceptions import PublishingError
from gongkai.publishing.forms import (
    CleanUpForm,
    DisclosureForm,
    DraftForm,
    EditForm,
    OverrideForm,
    ScheduleForm,
    ValidityForm,
    VerifyForm,
    WithdrawForm,
)
from gongkai.publishing.models import Draft, ServiceItem, Topic
from gongkai.publishing.suggest import suggest_policies

# Staff sign in on the same page for publishing and disclosure requests (settings.LOGIN_URL).
staff_required = login_required


def visible_documents(user):
    return Document.objects.filter(agencies__in=visible_agencies(user)).distinct()


def reports_errors(view):
    """Show a publishing error as a message on the draft or document page instead of failing."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PublishingError as error:
            messages.error(request, str(error))
            referer = request.META.get("HTTP_REFERER", "")
            if url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
                return redirect(referer)
            return redirect("publishing:drafts")

    return wrapper


def _upload(form) -> tuple[str, bytes] | None:
    uploaded = form.cleaned_data.get("upload")
    return (uploaded.name, uploaded.read()) if uploaded else None


# -- Drafts ---------------------------------------------------------------------------------


@staff_required
def drafts(request):
    rows = Draft.objects.visible_to(request.user).select_related("agency")
    return render(request, "publishing/drafts.html", {"drafts": rows})


@staff_required
@reports_errors
def new_draft(request):
    policy_drafts = Draft.objects.visible_to(request.user).filter(kind=DraftKind.POLICY, document__isnull=True)
    form = DraftForm(request.POST or None, request.FILES or None, policy_drafts=policy_drafts)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        interprets = get_object_or_404(policy_drafts, pk=data["interprets"]) if data.get("interprets") else None
        interprets_document = None
        if data.get("interprets_index_number"):
            interprets_document = Document.objects.filter(index_number=data["interprets_index_number"].strip()).first()
            if interprets_document is None:
                messages.error(request, _("No document has the index number %(index)s.") % {"index": data["interprets_index_number"]})
                return render(request, "publishing/draft_form.html", {"form": form})
        agency = interprets.agency if interprets else actions.staff_agency(request.user)
        if agency is None:
            messages.error(request, _("Your account belongs to no agency; ask an administrator to set it."))
            return redirect("publishing:drafts")
        draft = actions.create_draft(
            request.user,
            agency,
            title=data["title"],
            upload=_upload(form),
            text=data["text"],
            kind=DraftKind.INTERPRETATION if interprets or interprets_document else data["kind"],
            interprets=interprets,
            interprets_document=interprets_document,
            interpretation_kind=data["interpretation_kind"],
            document_number=data["document_number"],
            doc_type=data["doc_type"],
            subject=data["subject"],
            written_date=data["written_date"],
        )
        return redirect(draft)
    return render(request, "publishing/draft_form.html", {"form": form})


@staff_required
def draft_detail(request, pk: int):
    draft = get_object_or_404(Draft.objects.visible_to(request.user).select_related("agency", "document"), pk=pk)
    decisions = {decision.key: decision for decision in draft.decisions.select_related("decided_by")}
    findings = [{**finding, "decision": decisions.get(finding["key"])} for finding in draft.findings]
    history = AuditEntry.objects.filter(object_type="publishing.draft", object_id=str(draft.pk)).order_by("created_at", "id")
    context = {
        "draft": draft,
        "findings": findings,
        "history": history,
        "disclosure_form": DisclosureForm(initial={"disclosure": draft.disclosure or Disclosure.PROACTIVE}),
        "edit_form": EditForm(initial={"title": draft.title, "document_number": draft.document_number, "subject": draft.subject}),
        "override_form": OverrideForm(),
        "schedule_form": ScheduleForm(),
        "suggestions": _suggestions(draft),
    }
    return render(request, "publishing/draft.html", context)


def _suggestions(draft: Draft) -> list[Document]:
    """Return the policies an interpretation draft that names none may explain, for the drafter to choose from."""
    if draft.kind != DraftKind.INTERPRETATION or draft.interprets_id or draft.interprets_document_id:
        return []
    return suggest_policies(draft.title, draft.written_date)


def _draft_for(request, pk: int) -> Draft:
    return get_object_or_404(Draft.objects.visible_to(request.user), pk=pk)


@staff_required
@require_POST
@reports_errors
def edit_draft(request, pk: int):
    draft = _draft_for(request, pk)
    form = EditForm(request.POST, request.FILES)
    if not form.is_valid():
        return HttpResponseBadRequest(form.errors.as_text())
    data = form.cleaned_data
    actions.edit_draft(
        request.user,
        draft,
        upload=_upload(form),
        text=data["text"] or None,
        title=data["title"],
        document_number=data["document_number"],
        subject=data["subject"],
    )
    messages.success(request, _("The draft was changed; decide the disclosure attribute and run the checks again."))
    return redirect(draft)


@staff_required
@require_POST
@reports_errors
def decide_disclosure(request, pk: int):
    draft = _draft_for(request, pk)
    form = DisclosureForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(form.errors.as_text())
    data = form.cleaned_data
    actions.decide_disclosure(request.user, draft, data["disclosure"], ground=data["ground"], reason=data["reason"])
    return redirect(draft)


@staff_required
@require_POST
@reports_errors
def run_checks(request, pk: int):
    draft = actions.run_checks(request.user, _draft_for(request, pk))
    blocking, warnings = actions.unresolved(draft)
    if blocking:
        messages.error(request, _("%(count)d findings block publication.") % {"count": len(blocking)})
    elif warnings:
        messages.warning(request, _("%(count)d warnings wait for a reviewer's confirmation.") % {"count": len(warnings)})
    else:
        messages.success(request, _("The checks found nothing that stops publication."))
    return redirect(draft)


@staff_required
@require_POST
@reports_errors
def confirm_warning(request, pk: int, key: str):
    draft = _draft_for(request, pk)
    actions.confirm_warning(request.user, draft, key)
    return redirect(draft)


@staff_required
@require_POST
@reports_errors
def confirm_all_warnings(request, pk: int):
    draft = _draft_for(request, pk)
    actions.confirm_all_warnings(request.user, draft)
    return redirect(draft)


@staff_required
@require_POST
@reports_errors
def override_finding(request, pk: int, key: str):
    draft = _draft_for(request, pk)
    form = OverrideForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    actions.override_finding(request.user, draft, key, reason)
    return redirect(draft)


@staff_required
@require_POST
@reports_errors
def set_interpreted_policy(request, pk: int):
    draft = _draft_for(request, pk)
    policy = Document.objects.filter(index_number=request.POST.get("index_number", "").strip()).first()
    if policy is None:
        messages.error(request, _("No document has the index number %(index)s.") % {"index": request.POST.get("index_number", "")})
        return redirect(draft)
    actions.set_interpreted_policy(request.user, draft, policy)
    return redirect(draft)


@staff_required
@require_POST
@reports_errors
def publish(request, pk: int):
    draft = _draft_for(request, pk)
    document = actions.publish(request.user, draft)
    messages.success(request, _("Published with index number %(index)s.") % {"index": document.index_number})
    return redirect(draft)


@staff_required
@require_POST
@reports_errors
def schedule(request, pk: int):
    draft = _draft_for(request, pk)
    form = ScheduleForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(form.errors.as_text())
    actions.schedule(request.user, draft, form.cleaned_data["publish_at"])
    return redirect(draft)


@staff_required
@require_POST
@reports_errors
def cancel_schedule(request, pk: int):
    draft = _draft_for(request, pk)
    actions.cancel_schedule(request.user, draft)
    return redirect(draft)


# -- Published documents ---------------------------------------------------------------------


@staff_required
@reports_errors
def documents(request):
    rows = list(visible_documents(request.user).order_by("-publish_date", "-id")[:200])
    form = CleanUpForm(request.POST or None, documents=rows)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen = [document for document in rows if document.pk in data["documents"]]
        actions.clean_up(request.user, chosen, data["validity"], date=data["date"], reason=data["reason"])
        messages.success(request, _("%(count)d documents changed.") % {"count": len(chosen)})
        return redirect("publishing:documents")
    return render(request, "publishing/documents.html", {"documents": rows, "form": form})


@staff_required
def document_detail(request, pk: int):
    document = get_object_or_404(visible_documents(request.user), pk=pk)
    history = AuditEntry.objects.filter(
        Q(object_type="documents.document", object_id=str(document.pk))
        | Q(object_type="publishing.draft", object_id__in=[str(pk) for pk in Draft.objects.filter(document=document).values_list("pk", flat=True)])
    ).order_by("created_at", "id")
    context = {
        "document": document,
        "versions": document.versions(),
        "withdrawals": document.withdrawals.select_related("withdrawn_by"),
        "history": history,
        "withdraw_form": WithdrawForm(),
        "validity_form": ValidityForm(),
    }
    return render(request, "publishing/document.html", context)


@staff_required
@require_POST
@reports_errors
def withdraw(request, pk: int):
    document = get_object_or_404(visible_documents(request.user), pk=pk)
    form = WithdrawForm(request.POST)
    actions.withdraw(request.user, document, form.cleaned_data["reason"] if form.is_valid() else "")
    return redirect("publishing:document", pk=document.pk)


@staff_required
@require_POST
@reports_errors
def change_validity(request, pk: int):
    document = get_object_or_404(visible_documents(request.user), pk=pk)
    form = ValidityForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(form.errors.as_text())
    data = form.cleaned_data
    replaced_by = None
    if data["replaced_by"]:
        replaced_by = Document.objects.filter(index_number=data["replaced_by"].strip()).first()
        if replaced_by is None:
            messages.error(request, _("No document has the index number %(index)s.") % {"index": data["replaced_by"]})
            return redirect("publishing:document", pk=document.pk)
    actions.change_validity(request.user, document, data["validity"], date=data["date"], replaced_by=replaced_by, reason=data["reason"])
    return redirect("publishing:document", pk=document.pk)


# -- Public pages ----------------------------------------------------------------------------


def topic(request, slug: str):
    item = get_object_or_404(Topic, slug=slug)
    return render(request, "publishing/topic.html", {"topic": item, "documents": item.member_documents()[:200]})


def service(request, pk: int):
    item = get_object_or_404(ServiceItem, pk=pk)
    policies = item.policies.filter(disclosure=Disclosure.PROACTIVE).order_by("-publish_date", "-id")
    return render(request, "publishing/service.html", {"service": item, "policies": policies})


def _verify(form) -> list[verification.Result]:
    data = form.cleaned_data
    if data.get("index_number"):
        return verification.by_index_number(data["index_number"])
    if data.get("upload"):
        name, content = _upload(form)
        return verification.by_file(name, content)
    return verification.by_text(data["text"])


def verify(request):
    form = VerifyForm(request.POST or None, request.FILES or None)
    results = None
    if request.method == "POST" and form.is_valid():
        results = _verify(form)
    return render(request, "publishing/verify.html", {"form": form, "results": results})


def verify_api(request):
    """JSON verification: GET ?index_number=…, or POST index_number, a file (upload) or text."""
    data = request.GET if request.method == "GET" else request.POST
    form = VerifyForm(data, request.FILES or None)
    if not form.is_valid():
        return JsonResponse({"error": _("Give an index number, upload a file or paste the document text.")}, status=400)
    results = _verify(form)
    return JsonResponse({"found": bool(results), "results": [result.as_dict() for result in results]})
