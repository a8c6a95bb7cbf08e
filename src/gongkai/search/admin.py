from django.contrib import admin

from gongkai.search.models import Synonym, Term


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ["word", "note", "updated_at"]
    search_fields = ["word", "note"]


@admin.register(Synonym)
class SynonymAdmin(admin.ModelAdmin):
    list_display = ["__str__", "note", "updated_at"]
    search_fields = ["terms", "note"]
