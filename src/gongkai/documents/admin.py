from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from gongkai.documents.models import Attachment, Document, DocumentAgency, LegislativeEvent, Part, SourceFile


class DocumentAgencyInline(admin.TabularInline):
    model = DocumentAgency
    extra = 0
    autocomplete_fields = ["agency"]
    verbose_name = _("issuing agency")
    verbose_name_plural = _("issuing agencies (lead first)")


class LegislativeEventInline(admin.TabularInline):
    model = LegislativeEvent
    extra = 0


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ["position", "label", "title", "file"]


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "document_number", "index_number", "doc_type", "publish_date", "validity", "is_current"]
    list_filter = ["validity", "disclosure", "doc_type", "is_current", "parser"]
    search_fields = ["title", "document_number", "index_number"]
    date_hierarchy = "publish_date"
    readonly_fields = ["index_number", "fingerprint", "parser", "source_name", "created_at", "updated_at"]
    raw_id_fields = ["version_of", "replaced_by"]
    filter_horizontal = ["source_files"]
    inlines = [DocumentAgencyInline, LegislativeEventInline, AttachmentInline]
    fieldsets = [
        (None, {"fields": ["title", "document_number", "document_number_original", "doc_type", "subject", "index_number"]}),
        (_("Dates"), {"fields": ["written_date", "publish_date", "effective_date"]}),
        (_("Status"), {"fields": ["validity", "validity_date", "replaced_by", "disclosure", "version_of", "version_date", "is_current"]}),
        (
            _("Official elements"),
            {"fields": ["classification", "urgency", "addressees", "copied_to", "printed_by", "printed_date", "note", "signatories"]},
        ),
        (_("Provenance"), {"fields": ["source_name", "source_url", "parser", "fingerprint", "source_files", "created_at", "updated_at"]}),
    ]


@admin.register(Part)
class PartAdmin(admin.ModelAdmin):
    list_display = ["document", "position", "kind", "label", "anchor"]
    list_filter = ["kind"]
    raw_id_fields = ["document", "attachment"]
    search_fields = ["document__title", "label"]


@admin.register(SourceFile)
class SourceFileAdmin(admin.ModelAdmin):
    list_display = ["name", "parser", "size", "imported_at"]
    list_filter = ["parser"]
    search_fields = ["name", "content_hash"]
    readonly_fields = ["name", "path", "content_hash", "size", "parser", "original", "imported_at"]
