from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "gongkai.search"
    verbose_name = _("Search")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

        from gongkai.documents.models import Document
        from gongkai.documents.signals import document_stored
        from gongkai.search import counts, indexing, state
        from gongkai.publishing.models import Topic
        from gongkai.search.models import Synonym, Term

        # NOTE: only changes announced through `document_stored` reach the index. An edit saved
        # elsewhere (the admin's change form) shows in search after `gongkai reindex`.
        document_stored.connect(indexing.on_document_stored, dispatch_uid="gongkai.search.index")
        # The entries of a deleted document go by cascade; their tokens leave the counts first.
        pre_delete.connect(counts.on_document_deleting, sender=Document, dispatch_uid="gongkai.search.counts.deleting")
        post_delete.connect(counts.on_document_deleted, sender=Document, dispatch_uid="gongkai.search.counts.deleted")
        # Cached results and word counts are keyed by the index generation (see `state`).
        post_delete.connect(state.bump, sender=Document, dispatch_uid="gongkai.search.state.document")
        # Terms and synonyms change how queries are read; topics change what the topic filter keeps.
        for model in (Term, Synonym, Topic):
            post_save.connect(state.bump, sender=model, dispatch_uid=f"gongkai.search.state.{model.__name__}.save")
            post_delete.connect(state.bump, sender=model, dispatch_uid=f"gongkai.search.state.{model.__name__}.delete")
        for through in (Topic.documents.through, Topic.agencies.through):
            m2m_changed.connect(state.bump, sender=through, dispatch_uid=f"gongkai.search.state.{through.__name__}")
