"""Publishing: drafts on their way to the library, their check decisions, and what links published documents.

A `Draft` contains an uploaded file or typed text with its metadata until it is published. Then
`document` points to the library document it became. Interpretations (政策解读), service items
(服务事项) and topics (政策主题) link published documents; signatures prove what was published.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import Agency
from gongkai.core.permissions import visible_agencies
from gongkai.documents.choices import Disclosure, DocType
from gongkai.documents.models import Document
from gongkai.publishing.choices import (
    DraftKind,
    DraftStatus,
    FindingResolution,
    InterpretationKind,
    Severity,
    WithholdingGround,
)


class AllowedLinkHost(models.Model):
    """A host whose links the pre-publication check may open; its subdomains are allowed too."""

    host = models.CharField(_("host"), max_length=253, unique=True, help_text=_("For example gov.cn or www.shanghai.gov.cn."))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("allowed link host")
        verbose_name_plural = _("allowed link hosts")
        ordering = ["host"]

    def __str__(self) -> str:
        return self.host


class DraftQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Drafts of the agencies `user` may see and act for."""
        return self.filter(agency__in=visible_agencies(user))


class Draft(models.Model):
    """A document being prepared for publication (起草稿), with its review state.

    Exactly one of `upload` and `text` contains the content. An interpretation draft names the policy
    it explains: a policy draft (`interprets`, published together with it) or a published policy
    (`interprets_document`). A correction draft (`corrects`) becomes a new version of a published
    document.
    """

    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="drafts")
    kind = models.CharField(_("kind"), max_length=16, choices=DraftKind.choices, default=DraftKind.POLICY)
    status = models.CharField(_("status"), max_length=20, choices=DraftStatus.choices, default=DraftStatus.DRAFT, db_index=True)

    title = models.CharField(_("title"), max_length=500)
    document_number = models.CharField(_("document number"), max_length=100, blank=True)
    doc_type = models.CharField(_("document type"), max_length=32, choices=DocType.choices, blank=True)
    subject = models.CharField(_("subject category"), max_length=100, blank=True)
    written_date = models.DateField(_("date written"), null=True, blank=True)
    upload = models.FileField(_("file"), upload_to="drafts/%Y/", blank=True)
    upload_name = models.CharField(_("file name"), max_length=300, blank=True)
    text = models.TextField(_("text"), blank=True)

    disclosure = models.CharField(_("disclosure"), max_length=16, choices=Disclosure.choices, blank=True)
    withholding_ground = models.CharField(_("legal basis"), max_length=32, choices=WithholdingGround.choices, blank=True)
    disclosure_reason = models.TextField(_("reason"), blank=True)

    interprets = models.ForeignKey(
        "self", verbose_name=_("policy draft interpreted"), null=True, blank=True, on_delete=models.SET_NULL, related_name="interpretation_drafts"
    )
    interprets_document = models.ForeignKey(
        Document, verbose_name=_("published policy interpreted"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    interpretation_kind = models.CharField(
        _("interpretation kind"), max_length=16, choices=InterpretationKind.choices, default=InterpretationKind.TEXT
    )
    corrects = models.ForeignKey(
        Document, verbose_name=_("corrects"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    findings = models.JSONField(_("findings"), default=list, blank=True)
    checked_at = models.DateTimeField(_("checked"), null=True, blank=True)
    publish_at = models.DateTimeField(_("publish at"), null=True, blank=True, db_index=True)
    document = models.OneToOneField(
        Document, verbose_name=_("published document"), null=True, blank=True, on_delete=models.SET_NULL, related_name="draft"
    )

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    objects = DraftQuerySet.as_manager()

    class Meta:
        verbose_name = _("draft")
        verbose_name_plural = _("drafts")
        ordering = ["-updated_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("publishing:draft", args=[self.pk])

    @property
    def blocking_findings(self) -> list[dict]:
        return [finding for finding in self.findings if finding["severity"] == Severity.BLOCKING]

    def snapshot(self) -> dict:
        """Return the draft's state as JSON values, for the audit log."""
        return {
            "status": self.status,
            "title": self.title,
            "document_number": self.document_number,
            "subject": self.subject,
            "written_date": self.written_date.isoformat() if self.written_date else None,
            "file": self.upload_name,
            "text_length": len(self.text),
            "disclosure": self.disclosure,
            "withholding_ground": self.withholding_ground,
            "disclosure_reason": self.disclosure_reason,
            "publish_at": self.publish_at.isoformat() if self.publish_at else None,
            "interprets": self.interprets_id,
            "interprets_document": self.interprets_document_id,
            "findings": [finding["key"] for finding in self.findings],
            "document": self.document_id,
        }


class FindingDecision(models.Model):
    """A reviewer's confirmation of a warning, or the disclosure office's written override of a blocking finding."""

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="decisions")
    key = models.CharField(max_length=16)
    rule = models.CharField(_("rule"), max_length=64)
    severity = models.CharField(_("severity"), max_length=16, choices=Severity.choices)
    resolution = models.CharField(_("resolution"), max_length=16, choices=FindingResolution.choices)
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("finding decision")
        verbose_name_plural = _("finding decisions")
        constraints = [models.UniqueConstraint(fields=["draft", "key"], name="unique_finding_decision")]

    def __str__(self) -> str:
        return f"{self.rule} {self.get_resolution_display()}"


class Withdrawal(models.Model):
    """撤回: a published document taken off the portal, with the reason; the document itself is kept."""

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="withdrawals")
    previous_disclosure = models.CharField(max_length=16, choices=Disclosure.choices)
    reason = models.TextField(_("reason"))
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    withdrawn_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("withdrawal")
        verbose_name_plural = _("withdrawals")
        ordering = ["-withdrawn_at"]


class Interpretation(models.Model):
    """政策解读: a document or a link (graphic, video) explaining a published policy."""

    policy = models.ForeignKey(Document, verbose_name=_("policy"), on_delete=models.CASCADE, related_name="interpretations")
    document = models.ForeignKey(
        Document, verbose_name=_("interpretation document"), null=True, blank=True, on_delete=models.CASCADE, related_name="interpreted_policies"
    )
    url = models.URLField(_("link"), max_length=1000, blank=True)
    title = models.CharField(_("title"), max_length=500, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=InterpretationKind.choices, default=InterpretationKind.TEXT)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("policy interpretation")
        verbose_name_plural = _("policy interpretations")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(document__isnull=False) | ~Q(url=""), name="interpretation_has_document_or_url"
            )
        ]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        return self.title or (self.document.title if self.document_id else self.url)

    @property
    def link(self) -> str:
        return self.document.get_absolute_url() if self.document_id else self.url


class ServiceItem(models.Model):
    """服务事项: a service citizens or companies apply for, with its 一网通办 address and the policies behind it."""

    name = models.CharField(_("name"), max_length=300)
    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="service_items")
    url = models.URLField(_("online service address"), max_length=1000, help_text=_("The 一网通办 page where the service is applied for."))
    conditions = models.TextField(_("conditions"), blank=True)
    policies = models.ManyToManyField(Document, verbose_name=_("policies"), related_name="service_items", blank=True)

    class Meta:
        verbose_name = _("service item")
        verbose_name_plural = _("service items")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("publishing:service", args=[self.pk])


class Topic(models.Model):
    """政策主题: a curated collection of documents plus the documents its rules match.

    A document belongs to the topic when it is chosen by hand, or when it is current and
    proactively disclosed and its 主题分类 is one of `subjects`, its title contains one of
    `keywords`, or one of `agencies` issued it.
    """

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    lead_agency = models.ForeignKey(Agency, verbose_name=_("lead agency"), on_delete=models.PROTECT, related_name="lead_topics")
    documents = models.ManyToManyField(Document, verbose_name=_("chosen documents"), related_name="topics", blank=True)
    subjects = models.TextField(_("subject categories"), blank=True, help_text=_("One 主题分类 per line."))
    keywords = models.TextField(_("title keywords"), blank=True, help_text=_("One keyword per line."))
    agencies = models.ManyToManyField(Agency, verbose_name=_("agencies"), related_name="topics", blank=True)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("publishing:topic", args=[self.slug])

    @classmethod
    def document_ids(cls, slug: str) -> list[int]:
        """Return the ids of the member documents of the topic `slug`, or an empty list when there is none."""
        topic = cls.objects.filter(slug=slug).first()
        return list(topic.member_documents().values_list("pk", flat=True)) if topic else []

    @classmethod
    def search_filter(cls, slug: str) -> list[str]:
        """Return the search engine's `document` filter for the topic `slug`.

        A topic without members gives ["0"], an id no document has, because the engine drops an
        empty filter and would then search everything.
        """
        return [str(pk) for pk in cls.document_ids(slug)] or ["0"]

    def member_documents(self) -> models.QuerySet:
        """Return the proactively disclosed documents of this topic: chosen ones and current ones its rules match."""
        rule = Q(pk__in=[])
        subjects = [line.strip() for line in self.subjects.splitlines() if line.strip()]
        keywords = [line.strip() for line in self.keywords.splitlines() if line.strip()]
        if subjects:
            rule |= Q(subject__in=subjects)
        for keyword in keywords:
            rule |= Q(title__contains=keyword)
        agency_ids = list(self.agencies.values_list("pk", flat=True))
        if agency_ids:
            rule |= Q(agencies__in=agency_ids)

        chosen = Q(pk__in=self.documents.values("pk"))
        return (
            Document.objects.filter(disclosure=Disclosure.PROACTIVE)
            .filter(chosen | (Q(is_current=True) & rule))
            .distinct()
            .order_by("-publish_date", "-id")
        )


class SigningKey(models.Model):
    """A platform signing key: the public half, kept for ever so that old signatures stay verifiable.

    The private half is a file in the data folder (`signing-keys/<key_id>.pem`, mode 0600).
    The key without `retired_at` signs new publications.
    """

    key_id = models.CharField(_("key id"), max_length=64, unique=True)
    algorithm = models.CharField(_("algorithm"), max_length=32)
    public_key = models.TextField(_("public key"), help_text=_("Base64 of the raw public key."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    retired_at = models.DateTimeField(_("retired"), null=True, blank=True)

    class Meta:
        verbose_name = _("signing key")
        verbose_name_plural = _("signing keys")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.key_id


class DocumentSignature(models.Model):
    """The platform's signature over the canonical form of a document as published."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="signatures")
    key = models.ForeignKey(SigningKey, on_delete=models.PROTECT, related_name="signatures")
    canonical = models.TextField(_("canonical form"), help_text=_("The canonical JSON that was signed."))
    digest = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    body_digest = models.CharField(_("SHA-256 of the body text"), max_length=64, db_index=True)
    signature = models.TextField(_("signature"), help_text=_("Base64."))
    signed_at = models.DateTimeField(_("signed"), auto_now_add=True)

    class Meta:
        verbose_name = _("document signature")
        verbose_name_plural = _("document signatures")
        ordering = ["-signed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.document.index_number} {self.key.key_id}"
