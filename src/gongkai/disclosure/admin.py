from django.contrib import admin
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from gongkai.core import audit
from gongkai.disclosure.models import CalendarDay, HolidaySchedule


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
        # TODO: recompute the due dates of open disclosure requests whose period runs through this year, here
        # and after a delete, once the request model exists: entering or correcting a schedule moves them.

    def delete_model(self, request, obj):
        with transaction.atomic():
            audit.record("holiday_schedule.delete", obj, actor=request.user, before=schedule_snapshot(obj))
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for schedule in queryset:
                audit.record("holiday_schedule.delete", schedule, actor=request.user, before=schedule_snapshot(schedule))
            super().delete_queryset(request, queryset)
