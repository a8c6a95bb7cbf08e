"""Admin pages of publishing. Staff see and change only the rows of the agencies they act for.

Drafts change through `actions.edit_draft`, so an edit in the admin restarts the review and is
audited like one in the staff pages. Status, findings and publication are read-only here.
"""

from django.contrib import admin
from django.db import transaction
from django.forms.models import model_to_dict

from gongkai.core import audit
from gongkai.core.permissions import can_act_for, visible_agencies
from gongkai.publishing import actions
from gongkai.publishing.models import (
    AllowedLinkHost,
    DocumentSignature,
    Draft,
    FindingDecision,
    Interpretation,
    ServiceItem,
    SigningKey,
    Topic,
    Withdrawal,
)


class AgencyScopedAdmin(admin.ModelAdmin):
    """Limit rows to the user's agencies through `agency_field`, and audit every save and delete."""

    agency_field = "agency"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(**{f"{self.agency_field}__in": visible_agencies(request.user)})

    def _allowed(self, request, obj) -> bool:
        return obj is None or request.user.is_superuser or can_act_for(request.user, getattr(obj, self.agency_field))

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self._allowed(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._allowed(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._allowed(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == self.agency_field and not request.user.is_superuser:
            kwargs["queryset"] = visible_agencies(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not self._allowed(request, obj):
            raise PermissionError("agency not visible to this user")
        before = _snapshot(type(obj).objects.get(pk=obj.pk)) if change else None
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            audit.record(f"{obj._meta.model_name}.{'change' if change else 'add'}", obj, actor=request.user, before=before, after=_snapshot(obj))

    def delete_model(self, request, obj):
        with transaction.atomic():
            audit.record(f"{obj._meta.model_name}.delete", obj, actor=request.user, before=_snapshot(obj))
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                audit.record(f"{obj._meta.model_name}.delete", obj, actor=request.user, before=_snapshot(obj))
            super().delete_queryset(request, queryset)


def _snapshot(obj) -> dict:
    values = model_to_dict(obj)
    return {key: (value if isinstance(value, (str, int, float, bool, type(None))) else str(value)) for key, value in values.items()}


class FindingDecisionInline(admin.TabularInline):
    model = FindingDecision
    fields = ["rule", "severity", "resolution", "reason", "decided_by", "decided_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Draft)
class DraftAdmin(AgencyScopedAdmin):
    list_display = ["title", "agency", "kind", "status", "disclosure", "updated_at"]
    list_filter = ["status", "kind", "disclosure"]
    search_fields = ["title", "document_number"]
    fields = [
        "agency", "kind", "status", "title", "document_number", "doc_type", "subject", "written_date", "upload_name",
        "disclosure", "withholding_ground", "disclosure_reason", "interprets", "interprets_document", "corrects",
        "findings", "publish_at", "document", "created_by", "published_at",
    ]
    editable = ["title", "document_number", "doc_type", "subject", "written_date"]
    inlines = [FindingDecisionInline]

    def get_readonly_fields(self, request, obj=None):
        return [field for field in self.fields if field not in self.editable]

    def has_add_permission(self, request):
        # Drafts are created in the staff pages, which read and parse the uploaded file.
        return False

    def save_model(self, request, obj, form, change):
        actions.edit_draft(request.user, Draft.objects.get(pk=obj.pk), **{field: form.cleaned_data.get(field) for field in self.editable})

    def delete_model(self, request, obj):
        if obj.document_id:
            raise PermissionError("a published draft is kept with its document")
        super().delete_model(request, obj)


@admin.register(ServiceItem)
class ServiceItemAdmin(AgencyScopedAdmin):
    list_display = ["name", "agency", "url"]
    search_fields = ["name"]
    autocomplete_fields = ["policies"]


@admin.register(Topic)
class TopicAdmin(AgencyScopedAdmin):
    agency_field = "lead_agency"
    list_display = ["name", "slug", "lead_agency"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["documents"]
    filter_horizontal = ["agencies"]


@admin.register(Interpretation)
class InterpretationAdmin(admin.ModelAdmin):
    list_display = ["display_title", "policy", "kind", "created_at"]
    list_filter = ["kind"]
    raw_id_fields = ["policy", "document"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(policy__agencies__in=visible_agencies(request.user)).distinct()


@admin.register(AllowedLinkHost)
class AllowedLinkHostAdmin(admin.ModelAdmin):
    list_display = ["host", "note"]
    search_fields = ["host"]

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            audit.record("allowed_link_host.change" if change else "allowed_link_host.add", obj, actor=request.user, after=_snapshot(obj))


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SigningKey)
class SigningKeyAdmin(ReadOnlyAdmin):
    list_display = ["key_id", "algorithm", "created_at", "retired_at"]


@admin.register(DocumentSignature)
class DocumentSignatureAdmin(ReadOnlyAdmin):
    list_display = ["document", "key", "digest", "signed_at"]
    search_fields = ["document__index_number", "digest"]


@admin.register(Withdrawal)
class WithdrawalAdmin(ReadOnlyAdmin):
    list_display = ["document", "withdrawn_by", "withdrawn_at"]
