from django.contrib import admin

from gongkai.search.models import QueryStat, Synonym, Term


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ["word", "note", "updated_at"]
    search_fields = ["word", "note"]


@admin.register(Synonym)
class SynonymAdmin(admin.ModelAdmin):
    list_display = ["__str__", "note", "updated_at"]
    search_fields = ["terms", "note"]


@admin.register(QueryStat)
class QueryStatAdmin(admin.ModelAdmin):
    """Weekly query counts, read-only: they are written by searches, never by hand."""

    list_display = ["week", "query", "searches", "zero_results"]
    list_filter = ["week"]
    search_fields = ["query"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
