from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core import calendar


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
