"""Publishing actions: every state change of a draft or published document is one function here.

Each action checks that the user may act for the agency and has the role, changes the data in
one transaction, and writes an audit entry with the state before and after. An action raises
`NotPermitted`, `InvalidTransition`, `InvalidInput`, `BlockingFindings` or `UnconfirmedWarnings`
before it changes anything. Roles: any staff member drafts and decides the disclosure attribute,
a reviewer (审核人) or the disclosure office (公开办) confirms warnings, and only the disclosure
office overrides blocking findings, publishes, withdraws and changes validity.
"""

from __future__ import annotations

import datetime
import hashlib
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core import audit
from gongkai.core.models import Agency, Role
from gongkai.core.permissions import can_act_for, has_role, profile
from gongkai.core.punctuation import join_list
from gongkai.documents import library
from gongkai.documents.choices import Disclosure, Validity
from gongkai.documents.models import Document, SourceFile
from gongkai.documents.parsing.base import ParseError
from gongkai.documents.parsing.gbt9704 import parse_document_number
from gongkai.publishing import checks, signing
from gongkai.publishing.checks.links import Resolver
from gongkai.publishing.choices import DraftKind, DraftStatus, FindingResolution, InterpretationKind, Severity
from gongkai.publishing.content import TYPED_TEXT_NAME, draft_file, draft_material, parse_draft
from gongkai.publishing.exceptions import (
    BlockingFindings,
    InvalidInput,
    InvalidTransition,
    NotPermitted,
    UnconfirmedWarnings,
)
from gongkai.publishing.models import Draft, FindingDecision, Interpretation, Withdrawal

logger = logging.getLogger(__name__)

STAFF_ROLES = (Role.DRAFTER, Role.REVIEWER, Role.DISCLOSURE_OFFICE, Role.ADMINISTRATOR)
EDITABLE = (DraftStatus.DRAFT, DraftStatus.ATTRIBUTE_DECIDED, DraftStatus.CHECKS_PENDING, DraftStatus.APPROVED)
REVIEWABLE = (DraftStatus.ATTRIBUTE_DECIDED, DraftStatus.CHECKS_PENDING, DraftStatus.APPROVED)
METADATA_FIELDS = ("title", "document_number", "doc_type", "subject", "written_date")


# -- Permissions ----------------------------------------------------------------------------


def require_agency(user, agency: Agency) -> None:
    if not can_act_for(user, agency):
        raise NotPermitted(
            _(
                "You may not act on the drafts or documents of “{agency}”: you can handle only your own agency's drafts "
                "(the disclosure office also those of the departments it oversees)."
            ).format(agency=agency.name)
        )


def require_role(user, roles: tuple[str, ...], action: str) -> None:
    """Raise NotPermitted unless the user has one of `roles`. `action` is a translated verb phrase, such as "publish"."""
    if not has_role(user, *roles):
        names = join_list(str(Role(role).label) for role in roles)
        # Translators: {action} is a verb phrase such as "publish" or "create drafts", and {names} lists role names.
        raise NotPermitted(_("To {action}, you need one of these roles: {names}.").format(action=action, names=names))


def _lock(draft: Draft) -> Draft:
    return Draft.objects.select_for_update().get(pk=draft.pk)


def _require_status(draft: Draft, allowed: tuple[str, ...], action: str) -> None:
    """Raise InvalidTransition unless the draft's status is in `allowed`. `action` is a translated verb phrase."""
    if draft.status not in allowed:
        # Translators: {action} is a verb phrase such as "edit the draft", and {status} is the draft's status label.
        message = _("The draft's status is “{status}”, so you cannot {action}.")
        raise InvalidTransition(message.format(status=draft.get_status_display(), action=action))


# -- Drafting -------------------------------------------------------------------------------


def create_draft(
    user,
    agency: Agency,
    *,
    title: str = "",
    upload: tuple[str, bytes] | None = None,
    text: str = "",
    kind: str = DraftKind.POLICY,
    interprets: Draft | None = None,
    interprets_document: Document | None = None,
    interpretation_kind: str = InterpretationKind.TEXT,
    corrects: Document | None = None,
    **metadata,
) -> Draft:
    """Create a draft from an uploaded file (name, bytes) or typed text; metadata not given is read from the content."""
    require_role(user, STAFF_ROLES, _("create drafts"))
    require_agency(user, agency)
    for linked in (interprets,):
        if linked is not None:
            require_agency(user, linked.agency)
    if corrects is not None:
        require_agency(user, corrects.lead_agency or agency)

    draft = Draft(
        agency=agency,
        kind=kind,
        created_by=user,
        interprets=interprets,
        interprets_document=interprets_document,
        interpretation_kind=interpretation_kind,
        corrects=corrects,
    )
    _set_content(draft, upload, text)
    _set_metadata(draft, title=title, **metadata)

    with transaction.atomic():
        draft.save()
        audit.record("draft.create", draft, actor=user, after=draft.snapshot())
    logger.info("draft %s created for agency %s", draft.pk, agency.pk)
    return draft


def edit_draft(user, draft: Draft, *, upload: tuple[str, bytes] | None = None, text: str | None = None, **metadata) -> Draft:
    """Replace the content or metadata of a draft; its review starts again from the disclosure decision."""
    require_agency(user, draft.agency)
    require_role(user, STAFF_ROLES, _("edit drafts"))

    with transaction.atomic():
        draft = _lock(draft)
        _require_status(draft, EDITABLE, _("edit the draft"))
        before = draft.snapshot()

        if upload is not None or text is not None:
            _set_content(draft, upload, text or "")
        _set_metadata(draft, **{key: value for key, value in metadata.items() if key in METADATA_FIELDS})
        draft.status = DraftStatus.ATTRIBUTE_DECIDED if draft.disclosure else DraftStatus.DRAFT
        _clear_review(draft)
        draft.save()
        audit.record("draft.edit", draft, actor=user, before=before, after=draft.snapshot())
    return draft


def _set_content(draft: Draft, upload: tuple[str, bytes] | None, text: str) -> None:
    if upload is None and not text.strip():
        raise InvalidInput(_("The draft has no content: upload a file or enter the text."))

    name, data = upload if upload is not None else (TYPED_TEXT_NAME, text.encode("utf-8"))
    try:
        checks.first_document(name, data)
    except ParseError as error:
        raise InvalidInput(_("Could not read “{name}”: {error}").format(name=name, error=error)) from error

    if upload is not None:
        draft.upload.save(name, ContentFile(data), save=False)
        draft.upload_name = name[:300]
        draft.text = ""
    else:
        draft.upload = None
        draft.upload_name = ""
        draft.text = text


def _set_metadata(draft: Draft, **metadata) -> None:
    name, data = draft_file(draft)
    parsed = checks.first_document(name, data)
    for field in METADATA_FIELDS:
        value = metadata.get(field)
        if value not in (None, ""):
            setattr(draft, field, value)

    draft.title = draft.title or parsed.title
    if not draft.title:
        raise InvalidInput(_("The draft has no title: enter a title."))
    if not draft.document_number and parsed.document_number:
        draft.document_number = parsed.document_number.canonical
    draft.written_date = draft.written_date or parsed.written_date
    draft.doc_type = draft.doc_type or parsed.doc_type


def _clear_review(draft: Draft) -> None:
    draft.findings = []
    draft.checked_at = None
    draft.decisions.all().delete()


# -- 公开属性审查 ------------------------------------------------------------------------------


def decide_disclosure(user, draft: Draft, disclosure: str, *, ground: str = "", reason: str = "") -> Draft:
    """Set the 公开属性. 依申请公开 and 不予公开 need the legal ground (articles 14–16) and a written reason."""
    require_agency(user, draft.agency)
    require_role(user, (Role.DRAFTER, Role.REVIEWER, Role.DISCLOSURE_OFFICE), _("decide the disclosure attribute"))
    if disclosure not in Disclosure.values:
        message = _("The disclosure attribute “{disclosure}” is invalid: choose proactive disclosure, disclosure on request or not disclosed.")
        raise InvalidInput(message.format(disclosure=disclosure))
    if disclosure != Disclosure.PROACTIVE and (not ground or not reason.strip()):
        raise InvalidInput(
            _(
                "For “disclosure on request” or “not disclosed”, choose the legal basis in article 14, 15 or 16 "
                "of the Regulations on Open Government Information and enter a reason."
            )
        )

    with transaction.atomic():
        draft = _lock(draft)
        _require_status(draft, EDITABLE, _("decide the disclosure attribute"))
        before = draft.snapshot()

        draft.disclosure = disclosure
        draft.withholding_ground = ground if disclosure != Disclosure.PROACTIVE else ""
        draft.disclosure_reason = reason.strip() if disclosure != Disclosure.PROACTIVE else ""
        draft.status = DraftStatus.WITHHELD if disclosure == Disclosure.NOT_DISCLOSED else DraftStatus.ATTRIBUTE_DECIDED
        _clear_review(draft)
        draft.save()
        audit.record("draft.disclosure", draft, actor=user, before=before, after=draft.snapshot())
    return draft


# -- 发布审查 --------------------------------------------------------------------------------


def run_checks(user, draft: Draft, *, resolver: Resolver | None = None) -> Draft:
    """Run the pre-publication checks and store the findings; decisions on findings that remain are kept."""
    require_agency(user, draft.agency)
    require_role(user, STAFF_ROLES, _("run pre-publication reviews"))

    findings = [finding.as_dict() for finding in checks.run(draft_material(draft), resolver=resolver)]
    with transaction.atomic():
        draft = _lock(draft)
        _require_status(draft, REVIEWABLE, _("run the pre-publication review"))
        before = draft.snapshot()

        draft.findings = findings
        draft.checked_at = timezone.now()
        draft.decisions.exclude(key__in=[finding["key"] for finding in findings]).delete()
        _update_review_status(draft)
        draft.save()
        audit.record(
            "draft.check",
            draft,
            actor=user,
            before=before,
            after={**draft.snapshot(), "blocking": len(draft.blocking_findings), "total": len(findings)},
        )
    return draft


def unresolved(draft: Draft) -> tuple[list[dict], list[dict]]:
    """Return the blocking findings not overridden and the warnings not confirmed."""
    decided = set(draft.decisions.values_list("key", flat=True))
    open_findings = [finding for finding in draft.findings if finding["key"] not in decided]
    blocking = [finding for finding in open_findings if finding["severity"] == Severity.BLOCKING]
    warnings = [finding for finding in open_findings if finding["severity"] == Severity.WARNING]
    return blocking, warnings


def _update_review_status(draft: Draft) -> None:
    blocking, warnings = unresolved(draft)
    draft.status = DraftStatus.CHECKS_PENDING if blocking or warnings else DraftStatus.APPROVED


def confirm_warning(user, draft: Draft, key: str) -> FindingDecision:
    """Record a reviewer's confirmation that one warning is accepted and the text stays as it is."""
    require_agency(user, draft.agency)
    require_role(user, (Role.REVIEWER, Role.DISCLOSURE_OFFICE), _("confirm warnings"))
    return _decide(user, draft, key, Severity.WARNING, FindingResolution.CONFIRMED, "")


def confirm_all_warnings(user, draft: Draft) -> list[FindingDecision]:
    require_agency(user, draft.agency)
    require_role(user, (Role.REVIEWER, Role.DISCLOSURE_OFFICE), _("confirm warnings"))
    warnings = unresolved(draft)[1]
    return [_decide(user, draft, finding["key"], Severity.WARNING, FindingResolution.CONFIRMED, "") for finding in warnings]


def override_finding(user, draft: Draft, key: str, reason: str) -> FindingDecision:
    """Record the disclosure office's release of one blocking finding, with its written reason."""
    require_agency(user, draft.agency)
    require_role(user, (Role.DISCLOSURE_OFFICE,), _("override blocking findings"))
    if not reason.strip():
        raise InvalidInput(_("Enter a written reason to override a blocking finding."))
    return _decide(user, draft, key, Severity.BLOCKING, FindingResolution.OVERRIDDEN, reason.strip())


def _decide(user, draft: Draft, key: str, severity: str, resolution: str, reason: str) -> FindingDecision:
    with transaction.atomic():
        draft = _lock(draft)
        _require_status(draft, (DraftStatus.CHECKS_PENDING, DraftStatus.APPROVED), _("resolve review findings"))
        finding = next((item for item in draft.findings if item["key"] == key), None)
        if finding is None:
            raise InvalidInput(_("Finding {key} was not found: run the review again, then retry.").format(key=key))
        if finding["severity"] != severity:
            if finding["severity"] == Severity.BLOCKING:
                raise InvalidTransition(_("Only the disclosure office can override a blocking finding, with a written reason."))
            raise InvalidTransition(_("A reviewer confirms a warning: a warning needs no override."))
        if draft.decisions.filter(key=key).exists():
            raise InvalidTransition(_("This finding has already been resolved."))
        before = draft.snapshot()

        decision = FindingDecision.objects.create(
            draft=draft, key=key, rule=finding["rule"], severity=severity, resolution=resolution, reason=reason, decided_by=user
        )
        _update_review_status(draft)
        draft.save(update_fields=["status", "updated_at"])
        audit.record(
            f"draft.finding_{resolution}",
            draft,
            actor=user,
            before=before,
            after={**draft.snapshot(), "finding": finding, "reason": reason},
        )
    return decision


# -- 发布 -----------------------------------------------------------------------------------


def publish(user, draft: Draft) -> Document:
    """Publish an approved draft now, with the interpretation drafts that accompany it, in one transaction."""
    require_agency(user, draft.agency)
    require_role(user, (Role.DISCLOSURE_OFFICE,), _("publish"))
    return _publish(draft, actor=user, actor_label=user.get_username())


def schedule(user, draft: Draft, publish_at: datetime.datetime) -> Draft:
    """Schedule an approved draft for publication at `publish_at`; `gongkai publish-due` publishes it then."""
    require_agency(user, draft.agency)
    require_role(user, (Role.DISCLOSURE_OFFICE,), _("schedule publication"))
    if publish_at <= timezone.now():
        raise InvalidInput(_("The scheduled publication time must be in the future."))

    with transaction.atomic():
        draft = _lock(draft)
        _require_ready(draft)
        before = draft.snapshot()
        draft.status = DraftStatus.SCHEDULED
        draft.publish_at = publish_at
        draft.save()
        audit.record("draft.schedule", draft, actor=user, before=before, after=draft.snapshot())
    return draft


def cancel_schedule(user, draft: Draft) -> Draft:
    require_agency(user, draft.agency)
    require_role(user, (Role.DISCLOSURE_OFFICE,), _("cancel scheduled publication"))
    with transaction.atomic():
        draft = _lock(draft)
        _require_status(draft, (DraftStatus.SCHEDULED,), _("cancel scheduled publication"))
        before = draft.snapshot()
        draft.status = DraftStatus.APPROVED
        draft.publish_at = None
        draft.save()
        audit.record("draft.unschedule", draft, actor=user, before=before, after=draft.snapshot())
    return draft


def publish_due(now: datetime.datetime | None = None) -> list[Document]:
    """Publish every scheduled draft whose time has come; a draft that fails stays scheduled and is logged."""
    now = now or timezone.now()
    published = []
    for draft in Draft.objects.filter(status=DraftStatus.SCHEDULED, publish_at__lte=now).order_by("publish_at", "pk"):
        if draft.kind == DraftKind.INTERPRETATION and draft.interprets_id and draft.interprets.status == DraftStatus.SCHEDULED:
            # Published together with its policy draft, in the policy's transaction.
            continue
        try:
            published.append(_publish(draft, actor=None, actor_label="gongkai publish-due"))
        except (InvalidTransition, BlockingFindings, UnconfirmedWarnings, signing.SigningKeyMissing) as error:
            logger.error("scheduled draft %s was not published: %s", draft.pk, error)
    return published


def _require_ready(draft: Draft) -> None:
    if draft.status in (DraftStatus.CHECKS_PENDING, DraftStatus.APPROVED, DraftStatus.SCHEDULED):
        blocking, warnings = unresolved(draft)
        if blocking:
            raise BlockingFindings(blocking)
        if warnings:
            raise UnconfirmedWarnings(warnings)
    if draft.status not in (DraftStatus.APPROVED, DraftStatus.SCHEDULED):
        if draft.status in (DraftStatus.DRAFT, DraftStatus.ATTRIBUTE_DECIDED):
            message = _(
                "The draft's status is “{status}”, so you cannot publish it: "
                "decide the disclosure attribute and pass the pre-publication review first."
            )
        else:
            message = _("The draft's status is “{status}”, so you cannot publish it.")
        raise InvalidTransition(message.format(status=draft.get_status_display()))
    if draft.disclosure == Disclosure.NOT_DISCLOSED:
        raise InvalidTransition(_("A draft marked “not disclosed” cannot be published."))


def _publish(draft: Draft, *, actor, actor_label: str) -> Document:
    with transaction.atomic():
        draft = _lock(draft)
        _require_ready(draft)
        policy_document = None
        if draft.kind == DraftKind.INTERPRETATION:
            policy_document = _interpreted_policy(draft)

        companions = list(draft.interpretation_drafts.exclude(status__in=(DraftStatus.WITHHELD, DraftStatus.WITHDRAWN)))
        for companion in companions:
            try:
                _require_ready(companion)
            except (InvalidTransition, BlockingFindings, UnconfirmedWarnings) as error:
                message = _("The interpretation “{title}”, which is published with this document, cannot be published yet: {error}")
                raise InvalidTransition(message.format(title=companion.title, error=error)) from error

        document = _store(draft, actor, actor_label)
        if policy_document is not None:
            _link_interpretation(policy_document, document, draft.interpretation_kind, actor, actor_label)
        for companion in companions:
            interpretation = _store(_lock(companion), actor, actor_label)
            _link_interpretation(document, interpretation, companion.interpretation_kind, actor, actor_label)
    logger.info("draft %s published as document %s", draft.pk, document.pk)
    return document


def _interpreted_policy(draft: Draft) -> Document:
    if draft.interprets_document_id:
        return draft.interprets_document
    if draft.interprets_id and draft.interprets.document_id:
        return draft.interprets.document
    if draft.interprets_id:
        raise InvalidTransition(
            _("The policy this interpretation explains is not published yet: the interpretation is published with it, so publish the policy document.")
        )
    raise InvalidTransition(_("The interpretation is not linked to the policy it explains: choose the policy document on the draft page first."))


def set_interpreted_policy(user, draft: Draft, policy: Document) -> Draft:
    """Name the published policy an interpretation draft explains."""
    require_agency(user, draft.agency)
    require_role(user, STAFF_ROLES, _("link the interpreted policy"))
    if draft.kind != DraftKind.INTERPRETATION:
        raise InvalidTransition(_("Only policy interpretation drafts are linked to a policy."))

    with transaction.atomic():
        draft = _lock(draft)
        _require_status(draft, EDITABLE, _("link a policy"))
        before = draft.snapshot()
        draft.interprets = None
        draft.interprets_document = policy
        draft.save()
        audit.record("draft.interprets", draft, actor=user, before=before, after={**draft.snapshot(), "policy": policy.index_number})
    return draft


def _store(draft: Draft, actor, actor_label: str) -> Document:
    """Create the library document of `draft`, sign it and mark the draft published; run inside a transaction."""
    name, data = draft_file(draft)
    parsed = parse_draft(draft)
    today = timezone.localdate()

    parsed.title = draft.title
    if draft.document_number:
        parsed.document_number = parse_document_number(draft.document_number) or parsed.document_number
    parsed.doc_type = draft.doc_type or parsed.doc_type
    parsed.subject = draft.subject
    parsed.written_date = draft.written_date or parsed.written_date
    parsed.publish_date = today
    parsed.version_date = today
    parsed.disclosure = draft.disclosure or Disclosure.PROACTIVE
    parsed.validity = Validity.VALID
    parsed.index_number = ""

    source = _source_file(name, data, parsed.parser)
    stored = library.store(parsed, source, agency=draft.agency, actor_label=actor_label)
    if stored.status == library.StoreResult.UNCHANGED:
        message = _("The content is identical to the published document with index number {index_number}, so it need not be published again.")
        raise InvalidTransition(message.format(index_number=stored.document.index_number))
    document = stored.document
    if draft.corrects_id:
        _chain_correction(document, draft.corrects)

    signature = signing.sign(document, actor_label=actor_label)
    before = draft.snapshot()
    draft.status = DraftStatus.PUBLISHED
    draft.document = document
    draft.published_at = timezone.now()
    draft.save()
    audit.record(
        "draft.publish",
        draft,
        actor=actor,
        actor_label=actor_label,
        before=before,
        after={**draft.snapshot(), "index_number": document.index_number, "signature": signature.digest, "key": signature.key.key_id},
    )
    return document


def _source_file(name: str, data: bytes, parser: str) -> SourceFile:
    digest = hashlib.sha256(data).hexdigest()
    source, created = SourceFile.objects.get_or_create(
        content_hash=digest, defaults={"name": name[:300], "size": len(data), "parser": parser}
    )
    if created:
        source.original.save(name, ContentFile(data), save=True)
    return source


def _chain_correction(document: Document, corrected: Document) -> None:
    """Make `document` the newest version of `corrected` when the library did not chain them by number or title."""
    root_id = corrected.version_of_id or corrected.pk
    if document.pk == root_id or document.version_of_id == root_id:
        return
    document.version_of_id = root_id
    document.save(update_fields=["version_of"])
    library.refresh_current(list(Document.objects.get(pk=root_id).versions()))
    library.announce([version.pk for version in document.versions()])


def _link_interpretation(policy: Document, interpretation: Document, kind: str, actor, actor_label: str) -> Interpretation:
    link = Interpretation.objects.create(policy=policy, document=interpretation, kind=kind, title=interpretation.title)
    audit.record(
        "interpretation.link",
        link,
        actor=actor,
        actor_label=actor_label,
        after={"policy": policy.index_number, "interpretation": interpretation.index_number, "kind": kind},
    )
    return link


def add_interpretation_link(user, policy: Document, *, url: str, kind: str, title: str) -> Interpretation:
    """Link a published policy to an interpretation published elsewhere, such as a video."""
    require_agency(user, _lead(policy))
    require_role(user, (Role.DISCLOSURE_OFFICE,), _("link policy interpretations"))
    if not url.startswith(("https://", "http://")) or not title.strip():
        raise InvalidInput(_("Enter the interpretation's title and a link address starting with https://."))

    with transaction.atomic():
        link = Interpretation.objects.create(policy=policy, url=url, kind=kind, title=title.strip())
        audit.record("interpretation.link", link, actor=user, after={"policy": policy.index_number, "url": url, "kind": kind})
    return link


# -- After publication ------------------------------------------------------------------------


def _lead(document: Document) -> Agency:
    lead = document.lead_agency
    if lead is None:
        raise NotPermitted(_("The document has no issuing agency, so permissions cannot be checked."))
    return lead


def withdraw(user, document: Document, reason: str) -> Withdrawal:
    """Take a published document off the portal; it stays in the library, visible to staff with its history.

    NOTE: the portal shows only 主动公开 documents, so a withdrawn document is hidden by setting
    its disclosure to 不予公开; `Withdrawal.previous_disclosure` keeps the value it had.
    """
    require_agency(user, _lead(document))
    require_role(user, (Role.DISCLOSURE_OFFICE,), _("withdraw documents"))
    if not reason.strip():
        raise InvalidInput(_("Enter a reason to withdraw the document."))

    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document.pk)
        if document.withdrawals.exists() and document.disclosure == Disclosure.NOT_DISCLOSED:
            raise InvalidTransition(_("The document has already been withdrawn."))
        before = {"disclosure": document.disclosure}

        withdrawal = Withdrawal.objects.create(
            document=document, previous_disclosure=document.disclosure, reason=reason.strip(), withdrawn_by=user
        )
        Document.objects.filter(pk=document.pk).update(disclosure=Disclosure.NOT_DISCLOSED)
        Draft.objects.filter(document=document).update(status=DraftStatus.WITHDRAWN)
        audit.record(
            "document.withdraw", document, actor=user, before=before, after={"disclosure": Disclosure.NOT_DISCLOSED, "reason": reason.strip()}
        )
        library.announce([document.pk])
    return withdrawal


def change_validity(
    user,
    document: Document,
    validity: str,
    *,
    date: datetime.date,
    replaced_by: Document | None = None,
    reason: str = "",
) -> Document:
    """Declare a document 失效 or 废止 (or in force again) from `date`, naming the replacing document if any."""
    require_agency(user, _lead(document))
    require_role(user, (Role.DISCLOSURE_OFFICE,), _("change the validity"))
    if validity not in (Validity.VALID, Validity.EXPIRED, Validity.REPEALED):
        raise InvalidInput(_("The validity can only be changed to in force, expired or repealed."))
    if replaced_by is not None and replaced_by.pk == document.pk:
        raise InvalidInput(_("A document cannot replace itself."))

    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document.pk)
        before = {"validity": document.validity, "validity_date": _iso(document.validity_date), "replaced_by": document.replaced_by_id}

        document.validity = validity
        document.validity_date = date if validity != Validity.VALID else None
        document.replaced_by = replaced_by if validity != Validity.VALID else None
        document.save(update_fields=["validity", "validity_date", "replaced_by", "updated_at"])
        library.refresh_current(list(document.versions()))
        audit.record(
            "document.validity",
            document,
            actor=user,
            before=before,
            after={"validity": validity, "validity_date": _iso(document.validity_date), "replaced_by": document.replaced_by_id, "reason": reason},
        )
        library.announce([version.pk for version in document.versions()])
    return document


def clean_up(user, documents: list[Document], validity: str, *, date: datetime.date, reason: str = "") -> list[Document]:
    """清理: declare several documents invalid at once; all change or, on any refusal, none does."""
    if not documents:
        raise InvalidInput(_("Select the documents to clean up."))
    with transaction.atomic():
        return [change_validity(user, document, validity, date=date, reason=reason) for document in documents]


def staff_agency(user) -> Agency | None:
    staff = profile(user)
    return staff.agency if staff else None


def _iso(date: datetime.date | None) -> str | None:
    return date.isoformat() if date else None
