"""`gongkai publish-due`: publish the scheduled drafts whose time has come; run it every few minutes from cron."""

from django.utils.translation import gettext_lazy as _

from gongkai.core.commands import TranslatedCommand
from gongkai.publishing import actions


class Command(TranslatedCommand):
    help = _("Publish every scheduled draft whose publication time has passed.")

    def handle(self, *args, **options):
        documents = actions.publish_due()
        for document in documents:
            self.stdout.write(f"已发布  {document.index_number}  {document.title}")
        self.stdout.write(f"共发布 {len(documents)} 份文件。")
