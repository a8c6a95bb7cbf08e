from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core import calendar
from gongkai.core.models import Agency
from gongkai.disclosure.choices import (
    OPEN_STATUSES,
    ApplicantType,
    Channel,
    ConsultedParty,
    DeliveryMethod,
    EventKind,
    FeeMethod,
    IdDocumentType,
    LetterKind,
    ProvisionForm,
    Status,
)
from gongkai.disclosure.outcomes import Outcome


class HolidaySchedule(models.Model):
    """放假安排: one year's days off and make-up working days, as the State Council notice publishes them.

    Entering a year makes its deadlines final rather than provisional (暂定), and its days take precedence
    over the `chinesecalendar` package. Days that it does not list follow the weekend rule.
    """

    year = models.PositiveSmallIntegerField(
        _("year"),
        unique=True,
        validators=[MinValueValidator(calendar.EARLIEST_START.year), MaxValueValidator(calendar.LATEST_START.year)],
    )
    notice = models.CharField(
        _("notice"),
        max_length=200,
        blank=True,
        help_text=_("Title or document number of the State Council notice, for example 国办发明电〔2024〕12号."),
    )
    notice_url = models.URLField(_("notice URL"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("holiday schedule")
        verbose_name_plural = _("holiday schedules")
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(self.year)


class CalendarDay(models.Model):
    """One day that differs from the weekend rule: a weekday off, or a weekend make-up working day (调休上班).

    A day listed here also corrects the `chinesecalendar` package for that date.
    """

    schedule = models.ForeignKey(
        HolidaySchedule, verbose_name=_("holiday schedule"), on_delete=models.CASCADE, related_name="days"
    )
    date = models.DateField(_("date"), unique=True)
    is_working_day = models.BooleanField(
        _("working day"), help_text=_("Tick for a make-up working day; leave empty for a day off.")
    )
    name = models.CharField(
        _("holiday or reason"),
        max_length=50,
        help_text=_("Holiday the day belongs to, for example 春节; for a correction, its reason."),
    )

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.name}"

    def clean(self) -> None:
        # An admin inline sets `schedule` to its parent before the parent is saved, so test the object, not the id.
        schedule = getattr(self, "schedule", None)
        if self.date and schedule is not None and schedule.year and self.date.year != schedule.year:
            raise ValidationError(
                {"date": _("The date must lie in %(year)s, the year of its schedule.") % {"year": schedule.year}}
            )


class AgencyDisclosureProfile(models.Model):
    """政府信息公开工作机构: an agency's disclosure office as its letters name it, and its remedy venues.

    Blank venues are derived from the agency's kind under 行政复议法 (2023) Arts. 24–28, see
    `gongkai.disclosure.letters.review_body`.
    """

    agency = models.OneToOneField(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="disclosure_profile"
    )
    office_name = models.CharField(_("disclosure office"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("telephone"), max_length=50, blank=True)
    review_body = models.CharField(
        _("administrative review body"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty to derive it from the agency's kind, for example the government at the same level."),
    )
    court = models.CharField(_("court"), max_length=200, blank=True, help_text=_("Leave empty for 人民法院."))

    class Meta:
        verbose_name = _("disclosure office")
        verbose_name_plural = _("disclosure offices")

    def __str__(self) -> str:
        return self.office_name or str(self.agency)


class DisclosureRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)


class DisclosureRequest(models.Model):
    """政府信息公开申请: one request and its case, from receipt to the answer.

    The applicant fields are personal data: they are shown only to the assigned staff member and the
    disclosure office (see `gongkai.disclosure.access`), and `__str__` and the logs use the tracking code.
    `due_date` is derived from the events by `gongkai.disclosure.clock` and stored for lists and reminders.
    """

    tracking_code = models.CharField(_("tracking code"), max_length=20, unique=True)
    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="disclosure_requests")

    applicant_type = models.CharField(_("applicant type"), max_length=32, choices=ApplicantType.choices)
    applicant_name = models.CharField(_("name"), max_length=200)
    id_document_type = models.CharField(_("identity document"), max_length=32, choices=IdDocumentType.choices)
    id_document_number = models.CharField(_("identity document number"), max_length=64)
    contact_phone = models.CharField(_("telephone"), max_length=50, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    contact_address = models.CharField(_("postal address"), max_length=300, blank=True)

    information_title = models.CharField(_("title of the information"), max_length=500, blank=True)
    information_number = models.CharField(_("document number of the information"), max_length=100, blank=True)
    description = models.TextField(_("description of the information"))
    provision_form = models.CharField(_("form of provision"), max_length=32, choices=ProvisionForm.choices)
    delivery_method = models.CharField(_("delivery"), max_length=32, choices=DeliveryMethod.choices)

    channel = models.CharField(_("channel"), max_length=32, choices=Channel.choices)
    submitted_on = models.DateField(_("submitted on"))
    received_on = models.DateField(
        _("receipt date"), null=True, blank=True, help_text=_("Day 0 of the answer period, fixed by the channel's rule.")
    )
    status = models.CharField(_("status"), max_length=32, choices=Status.choices, default=Status.PROCESSING, db_index=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="disclosure_requests",
    )

    due_date = models.DateField(_("due date"), null=True, blank=True, db_index=True)
    due_provisional = models.BooleanField(_("due date provisional"), default=False)

    outcome = models.CharField(_("outcome"), max_length=40, choices=Outcome.choices, blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answer_note = models.TextField(_("reasons and details of the answer"), blank=True)

    suggestions = models.JSONField(_("suggestions"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = DisclosureRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("disclosure request")
        verbose_name_plural = _("disclosure requests")
        ordering = ["-submitted_on", "-id"]

    def __str__(self) -> str:
        return self.tracking_code

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class CaseEvent(models.Model):
    """办理环节: a dated step of a case, or a period (`date` to `end_date`) for a consultation or a fee notice.

    Events are stored and never edited except to close a period; due dates are derived from them.
    """

    request = models.ForeignKey(DisclosureRequest, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("event"), max_length=32, choices=EventKind.choices)
    date = models.DateField(_("date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    working_days = models.PositiveSmallIntegerField(_("working days"), null=True, blank=True)
    due_date = models.DateField(_("date set"), null=True, blank=True)
    party_kind = models.CharField(_("consulted party"), max_length=32, choices=ConsultedParty.choices, blank=True)
    party_name = models.CharField(_("name of the consulted party"), max_length=200, blank=True)
    fee_method = models.CharField(_("fee method"), max_length=32, choices=FeeMethod.choices, blank=True)
    quantity = models.PositiveIntegerField(_("requests or pages"), null=True, blank=True)
    amount = models.DecimalField(_("amount (yuan)"), max_digits=10, decimal_places=2, null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("approved by"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("entered by"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("entered"), auto_now_add=True)

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        ordering = ["date", "id"]

    def __str__(self) -> str:
        return f"{self.request_id} {self.kind} {self.date.isoformat()}"


class LetterTemplate(models.Model):
    """文书模板: the Django template of a letter, editable by administrators.

    An answer letter's template is chosen by its outcome; the procedural letters leave `outcome` empty.
    The seed texts are in `gongkai.disclosure.letter_texts`.
    """

    kind = models.CharField(_("letter"), max_length=32, choices=LetterKind.choices)
    outcome = models.CharField(_("outcome"), max_length=40, choices=Outcome.choices, blank=True)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("body"), help_text=_("Django template syntax; see the context listed in the documentation."))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("letter template")
        verbose_name_plural = _("letter templates")
        ordering = ["kind", "outcome"]
        constraints = [models.UniqueConstraint(fields=["kind", "outcome"], name="unique_letter_template")]

    def __str__(self) -> str:
        return self.title


class Letter(models.Model):
    """A letter as generated for a case, frozen, with its delivery.

    The deadline is met on the day of delivery: the day the applicant signs for direct delivery, or the
    day the letter is handed to the post (国办公开办函〔2016〕235号).
    """

    request = models.ForeignKey(DisclosureRequest, on_delete=models.PROTECT, related_name="letters")
    kind = models.CharField(_("letter"), max_length=32, choices=LetterKind.choices)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("body"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    delivery_method = models.CharField(_("delivery"), max_length=32, choices=DeliveryMethod.choices, blank=True)
    delivered_on = models.DateField(
        _("delivered on"), null=True, blank=True, help_text=_("Date signed for, or the date handed to the post.")
    )

    class Meta:
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.request.tracking_code} {self.title}"


class AnnualReportFigures(models.Model):
    """Figures and narrative of an annual report that the request data cannot give, entered by staff.

    Part 二's rows for 行政许可, 行政处罚, 行政强制 and 行政事业性收费, part 四's 15 review and litigation
    counts, and the texts of parts 一, 五 and 六, which may use the report's figures as template variables.
    """

    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))

    licensing_decisions = models.PositiveIntegerField(_("administrative licensing decisions"), default=0)
    penalty_decisions = models.PositiveIntegerField(_("administrative penalty decisions"), default=0)
    coercion_decisions = models.PositiveIntegerField(_("administrative coercion decisions"), default=0)
    fees_collected = models.DecimalField(
        _("administrative fees collected (10,000 yuan)"), max_digits=14, decimal_places=4, default=0
    )

    review_upheld = models.PositiveIntegerField(_("review: upheld"), default=0)
    review_corrected = models.PositiveIntegerField(_("review: corrected"), default=0)
    review_other = models.PositiveIntegerField(_("review: other result"), default=0)
    review_pending = models.PositiveIntegerField(_("review: pending"), default=0)
    direct_suit_upheld = models.PositiveIntegerField(_("direct suit: upheld"), default=0)
    direct_suit_corrected = models.PositiveIntegerField(_("direct suit: corrected"), default=0)
    direct_suit_other = models.PositiveIntegerField(_("direct suit: other result"), default=0)
    direct_suit_pending = models.PositiveIntegerField(_("direct suit: pending"), default=0)
    suit_after_review_upheld = models.PositiveIntegerField(_("suit after review: upheld"), default=0)
    suit_after_review_corrected = models.PositiveIntegerField(_("suit after review: corrected"), default=0)
    suit_after_review_other = models.PositiveIntegerField(_("suit after review: other result"), default=0)
    suit_after_review_pending = models.PositiveIntegerField(_("suit after review: pending"), default=0)

    overview = models.TextField(_("part one: overview"), blank=True)
    problems = models.TextField(_("part five: problems and improvements"), blank=True)
    other_matters = models.TextField(_("part six: other matters"), blank=True)

    class Meta:
        verbose_name = _("annual report figures")
        verbose_name_plural = _("annual report figures")
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="unique_report_figures")]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}"
