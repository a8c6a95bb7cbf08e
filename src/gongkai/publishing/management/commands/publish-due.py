"""`gongkai publish-due`: publish the scheduled drafts whose time has come; run it every few minutes from cron."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gongkai.core.commands import TranslatedCommand
from gongkai.publishing import actions


class Command(TranslatedCommand):
    help = _("Publish every scheduled draft whose publication time has passed.")

    def handle(self, *args, **options):
        documents = actions.publish_due()
        for document in documents:
            self.stdout.write(gettext("published  %(index_number)s  %(title)s") % {"index_number": document.index_number, "title": document.title})
        self.stdout.write(gettext("%(count)d documents published.") % {"count": len(documents)})
