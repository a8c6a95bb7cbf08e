from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "gongkai.search"
    verbose_name = _("Search")

    def ready(self):
        from gongkai.documents.signals import document_stored
        from gongkai.search import indexing

        # NOTE: only changes announced through `document_stored` reach the index. An edit saved
        # elsewhere (the admin's change form) shows in search after `gongkai reindex`.
        document_stored.connect(indexing.on_document_stored, dispatch_uid="gongkai.search.index")
