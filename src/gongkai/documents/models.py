"""The policy library (政策文件库): documents with their official elements, body, versions and provenance."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import Agency
from gongkai.documents.choices import Disclosure, DocType, EventKind, PartKind, Validity


class DocumentQuerySet(models.QuerySet):
    def current(self):
        return self.filter(is_current=True)


class Document(models.Model):
    """政策文件: one version of an official document.

    Versions of the same text (same title or 发文字号, new text or dates) are separate rows linked
    through `version_of`, which points to the first version stored; `is_current` marks the newest
    version that is still in force. `index_number` (索引号) has the pattern
    `{agency code}/{year}-{serial:05d}`, for example `SHGOV/2025-00012`: the lead agency's code,
    the year of publication (or of writing) and a serial number per agency and year.
    """

    title = models.CharField(_("title"), max_length=500, db_index=True)
    document_number = models.CharField(
        _("document number"), max_length=100, blank=True, db_index=True, help_text=_("Canonical form, such as 沪府办发〔2025〕5号.")
    )
    document_number_original = models.CharField(_("document number as printed"), max_length=100, blank=True)
    agencies = models.ManyToManyField(
        Agency, through="DocumentAgency", related_name="documents", verbose_name=_("issuing agencies")
    )
    doc_type = models.CharField(_("document type"), max_length=32, choices=DocType.choices, default=DocType.OTHER)
    subject = models.CharField(_("subject category"), max_length=100, blank=True)
    written_date = models.DateField(_("date written"), null=True, blank=True)
    publish_date = models.DateField(_("date published"), null=True, blank=True, db_index=True)
    effective_date = models.DateField(_("effective date"), null=True, blank=True)
    validity = models.CharField(_("validity"), max_length=16, choices=Validity.choices, default=Validity.VALID)
    validity_date = models.DateField(_("validity changed on"), null=True, blank=True)
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("replaced by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
    )
    disclosure = models.CharField(
        _("disclosure"), max_length=16, choices=Disclosure.choices, default=Disclosure.PROACTIVE
    )
    index_number = models.CharField(_("index number"), max_length=64, unique=True)
    classification = models.CharField(_("classification mark"), max_length=32, blank=True)
    urgency = models.CharField(_("urgency"), max_length=16, blank=True)
    addressees = models.TextField(_("addressees"), blank=True)
    copied_to = models.TextField(_("copied to"), blank=True)
    printed_by = models.CharField(_("printed by"), max_length=200, blank=True)
    printed_date = models.DateField(_("date printed"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    signatories = models.CharField(_("signed by"), max_length=300, blank=True)

    version_of = models.ForeignKey(
        "self",
        verbose_name=_("first version"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="later_versions",
    )
    version_date = models.DateField(_("version date"), null=True, blank=True)
    is_current = models.BooleanField(_("current version"), default=True, db_index=True)

    source_files = models.ManyToManyField("SourceFile", related_name="documents", verbose_name=_("source files"))
    source_name = models.CharField(_("source file"), max_length=300, blank=True)
    source_url = models.URLField(_("original URL"), max_length=1000, blank=True)
    parser = models.CharField(_("parser"), max_length=32, blank=True)
    fingerprint = models.CharField(
        _("content fingerprint"), max_length=64, blank=True, db_index=True, help_text=_("SHA-256 of the parsed metadata and text.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-publish_date", "-id"]
        indexes = [models.Index(fields=["version_of", "version_date"])]

    def __str__(self) -> str:
        return self.title

    @property
    def source_link(self) -> str:
        """Return the original URL when it is a web address, for a link; other schemes are never linked."""
        return self.source_url if self.source_url.startswith(("https://", "http://")) else ""

    def get_absolute_url(self) -> str:
        return reverse("portal:document", args=[self.pk])

    @property
    def lead_agency(self) -> Agency | None:
        link = self.agency_links.select_related("agency").first()
        return link.agency if link else None

    def versions(self) -> models.QuerySet:
        """Every version of this text, oldest first, this one included."""
        root_id = self.version_of_id or self.pk
        return Document.objects.filter(models.Q(pk=root_id) | models.Q(version_of_id=root_id)).order_by(
            models.F("version_date").asc(nulls_first=True), "id"
        )


class DocumentAgency(models.Model):
    """An issuing agency of a document; `position` 0 is the lead agency of a joint issuance."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="agency_links")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="document_links")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["document", "agency"], name="unique_document_agency")]


class Attachment(models.Model):
    """附件: a part of the file introduced by 附件1 …, or a separate file, with its extracted text."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="attachments")
    position = models.PositiveSmallIntegerField(default=0)
    label = models.CharField(_("label"), max_length=50)
    title = models.CharField(_("title"), max_length=500, blank=True)
    file = models.FileField(_("file"), upload_to="attachments/%Y/", max_length=500, blank=True)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["position"]

    def __str__(self) -> str:
        return f"{self.label} {self.title}".strip()


class Part(models.Model):
    """One block of a body in reading order: a heading, a paragraph, an article (第X条) or a table.

    Parts of an attachment carry its id. `anchor` is the fragment a page links to: `art-12` for
    第十二条, `sec-3` for the third heading, `p-7` for other blocks.
    """

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="parts")
    attachment = models.ForeignKey(Attachment, null=True, blank=True, on_delete=models.CASCADE, related_name="parts")
    position = models.PositiveIntegerField()
    kind = models.CharField(max_length=16, choices=PartKind.choices)
    level = models.PositiveSmallIntegerField(default=0)
    label = models.CharField(max_length=50, blank=True)
    number = models.PositiveIntegerField(null=True, blank=True)
    anchor = models.CharField(max_length=32)
    text = models.TextField(blank=True)
    rows = models.JSONField(null=True, blank=True)

    class Meta:
        verbose_name = _("body part")
        verbose_name_plural = _("body parts")
        ordering = ["document", "position"]
        constraints = [models.UniqueConstraint(fields=["document", "position"], name="unique_part_position")]

    def __str__(self) -> str:
        return f"{self.label} {self.text[:40]}".strip()

    @property
    def lines_after_label(self) -> list[str]:
        """The text's lines, the first without its leading label, so a page can link the label."""
        lines = self.text.splitlines() or [""]
        if self.label and lines[0].startswith(self.label):
            lines[0] = lines[0][len(self.label) :].lstrip()
        return lines


class LegislativeEvent(models.Model):
    """A dated step such as 2019年4月3日 修订, kept with the line it was read from."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="events")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(_("event"), max_length=16, choices=EventKind.choices)
    date = models.DateField(_("date"))
    text = models.CharField(_("as printed"), max_length=500)

    class Meta:
        verbose_name = _("legislative event")
        verbose_name_plural = _("legislative events")
        ordering = ["document", "position"]

    def __str__(self) -> str:
        return self.text


class SourceFile(models.Model):
    """A file documents were imported from: name, SHA-256 of its bytes, parser, and the original.

    Re-importing a file whose hash is known changes nothing. A document assembled from several
    files (the Civil Code's books) links to each; a JSON Lines file links to every record's document.
    """

    name = models.CharField(_("file name"), max_length=300)
    path = models.CharField(_("imported from"), max_length=1000, blank=True)
    content_hash = models.CharField(_("SHA-256"), max_length=64, unique=True)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    parser = models.CharField(_("parser"), max_length=32)
    original = models.FileField(_("original file"), upload_to="originals/%Y/", max_length=500, blank=True)
    imported_at = models.DateTimeField(_("imported"), auto_now_add=True)

    class Meta:
        verbose_name = _("source file")
        verbose_name_plural = _("source files")

    def __str__(self) -> str:
        return self.name


class IndexNumberSequence(models.Model):
    """The last serial number given out per agency and year, for 索引号."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE)
    year = models.PositiveSmallIntegerField()
    last_serial = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="unique_index_sequence")]
