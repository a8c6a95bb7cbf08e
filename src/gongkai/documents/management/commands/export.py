"""`gongkai export`: every document as JSON Lines, so nothing is locked in."""

import json
import sys

from django.db.models import Count, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gongkai.core.commands import TranslatedCommand
from gongkai.documents import library
from gongkai.documents.choices import PartKind
from gongkai.documents.models import Document


class Command(TranslatedCommand):
    help = _("Write every document as one JSON object per line to standard output or a file.")

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["jsonl"], default="jsonl", help=_("Output format (only jsonl for now)."))
        parser.add_argument("--output", "-o", help=_("File to write; standard output when omitted."))

    def handle(self, *args, **options):
        articles = Count("parts", filter=Q(parts__kind=PartKind.ARTICLE))
        documents = Document.objects.order_by("id").prefetch_related("agency_links__agency").annotate(articles=articles)
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as stream:
                count = self.write(documents, stream)
            self.stderr.write(gettext("Exported %(count)d documents to %(path)s.") % {"count": count, "path": options["output"]})
        else:
            try:
                self.write(documents, self.stdout)
            except BrokenPipeError:
                # The reader stopped early, as `gongkai export | head` does; that is not an error.
                sys.stderr.close()

    def write(self, documents, stream) -> int:
        count = 0
        for document in documents.iterator(chunk_size=500):
            record = library.summary(document, article_count=document.articles)
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
        return count
