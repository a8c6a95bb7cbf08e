from django.contrib import admin
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from gongkai.core import audit
from gongkai.disclosure import clock
from gongkai.disclosure.models import (
    AgencyDisclosureProfile,
    AnnualReportFigures,
    CalendarDay,
    DisclosureRequest,
    HolidaySchedule,
    LetterTemplate,
)


def schedule_snapshot(schedule: HolidaySchedule) -> dict:
    """Return the schedule and its days as JSON values for the audit log."""
    return {
        "year": schedule.year,
        "notice": schedule.notice,
        "notice_url": schedule.notice_url,
        "days": [
            {"date": day.date.isoformat(), "is_working_day": day.is_working_day, "name": day.name}
            for day in schedule.days.order_by("date")
        ],
    }


class CalendarDayInline(admin.TabularInline):
    model = CalendarDay
    fields = ["date", "is_working_day", "name"]
    extra = 0


@admin.register(HolidaySchedule)
class HolidayScheduleAdmin(admin.ModelAdmin):
    """Holiday schedules with their days inline; every save and delete is written to the audit log."""

    list_display = ["year", "notice", "day_count", "updated_at"]
    search_fields = ["notice"]
    inlines = [CalendarDayInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    @admin.display(description=_("days"))
    def day_count(self, obj: HolidaySchedule) -> int:
        return obj.days.count()

    def save_model(self, request, obj, form, change):
        # The inline days are saved after this method, so the stored state is still the old one here.
        obj._audit_before = schedule_snapshot(HolidaySchedule.objects.get(pk=obj.pk)) if change else None
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        schedule = form.instance
        audit.record(
            "holiday_schedule.change" if change else "holiday_schedule.add",
            schedule,
            actor=request.user,
            before=getattr(schedule, "_audit_before", None),
            after=schedule_snapshot(schedule),
        )
        self.recompute_due_dates(request)

    def delete_model(self, request, obj):
        with transaction.atomic():
            audit.record("holiday_schedule.delete", obj, actor=request.user, before=schedule_snapshot(obj))
            super().delete_model(request, obj)
        self.recompute_due_dates(request)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for schedule in queryset:
                audit.record("holiday_schedule.delete", schedule, actor=request.user, before=schedule_snapshot(schedule))
            super().delete_queryset(request, queryset)
        self.recompute_due_dates(request)

    def recompute_due_dates(self, request) -> None:
        """Recompute open requests' due dates, because entering or correcting a schedule moves them."""
        moved = clock.recompute_open_requests(actor=request.user)
        if moved:
            codes = DisclosureRequest.objects.filter(pk__in=[pk for pk, _old, _new in moved]).values_list("tracking_code", flat=True)
            self.message_user(
                request,
                _("Due dates of %(count)s open requests moved: %(codes)s.") % {"count": len(moved), "codes": ", ".join(codes)},
            )


@admin.register(DisclosureRequest)
class DisclosureRequestAdmin(admin.ModelAdmin):
    """Requests, read-only and without personal data: cases change on the staff pages and are never deleted."""

    list_display = ["tracking_code", "agency", "status", "received_on", "due_date", "outcome", "answered_on"]
    list_filter = ["status", "outcome", "channel", "applicant_type"]
    search_fields = ["tracking_code"]
    fields = [
        "tracking_code",
        "agency",
        "applicant_type",
        "channel",
        "submitted_on",
        "received_on",
        "status",
        "assigned_to",
        "due_date",
        "due_provisional",
        "outcome",
        "answered_on",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LetterTemplate)
class LetterTemplateAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "outcome", "updated_at"]
    list_filter = ["kind"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AgencyDisclosureProfile)
class AgencyDisclosureProfileAdmin(admin.ModelAdmin):
    list_display = ["agency", "office_name", "review_body", "court"]
    autocomplete_fields = ["agency"]


@admin.register(AnnualReportFigures)
class AnnualReportFiguresAdmin(admin.ModelAdmin):
    list_display = ["agency", "year", "licensing_decisions", "penalty_decisions", "coercion_decisions"]
    list_filter = ["year"]
    autocomplete_fields = ["agency"]
