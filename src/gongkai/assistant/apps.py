from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssistantConfig(AppConfig):
    name = "gongkai.assistant"
    verbose_name = _("Policy questions")

    def ready(self):
        from gongkai.assistant import passages
        from gongkai.documents.signals import document_stored

        document_stored.connect(passages.on_document_stored, dispatch_uid="gongkai.assistant.passages")
