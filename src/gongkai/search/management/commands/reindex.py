"""`gongkai reindex`: rebuild the search index of the whole library, or only its posting lists."""

import time

from django.db import connection
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gongkai.core.commands import TranslatedCommand
from gongkai.search import indexing, postinglists


class Command(TranslatedCommand):
    help = _("Rebuild the search index of every document (needed after changing search terms for stored documents).")

    def add_arguments(self, parser):
        parser.add_argument(
            "--posting-lists",
            action="store_true",
            help=_(
                "Only write the posting lists (the documents and articles of each frequent word, which speed up "
                "searches), whatever the library size, without rebuilding the index."
            ),
        )

    def handle(self, *args, **options):
        if options["posting_lists"]:
            self.write_posting_lists()
            return

        started = time.perf_counter()
        verbosity = options["verbosity"]

        def progress(done: int, total: int) -> None:
            if verbosity >= 1:
                # The last line ends, so the log line written after the rebuild starts on its own line.
                self.stderr.write("\r" + gettext("Indexed %(done)d of %(total)d documents") % {"done": done, "total": total}, ending="\n" if done == total else "")

        entries = indexing.reindex_all(progress=progress)
        elapsed = time.perf_counter() - started
        self.stdout.write(gettext("Index rebuilt: %(entries)d entries in %(seconds).1f s.") % {"entries": entries, "seconds": elapsed})

    def write_posting_lists(self) -> None:
        started = time.perf_counter()
        words = postinglists.build()
        elapsed = time.perf_counter() - started
        if words:
            self.stdout.write(gettext("Posting lists written: %(words)d words in %(seconds).1f s.") % {"words": words, "seconds": elapsed})
        else:
            minimum = postinglists.MIN_DOCUMENTS[connection.vendor]
            message = gettext("Posting lists written, but no word is in %(minimum)d or more documents, so they are empty (%(seconds).1f s).")
            self.stdout.write(message % {"minimum": minimum, "seconds": elapsed})
