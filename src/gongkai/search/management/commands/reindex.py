"""`gongkai reindex`: rebuild the search index of the whole library, or only its posting lists."""

import time

from django.db import connection
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
                self.stderr.write(f"\r已索引 {done}/{total} 份文件", ending="\n" if done == total else "")

        entries = indexing.reindex_all(progress=progress)
        elapsed = time.perf_counter() - started
        self.stdout.write(f"索引重建完成：{entries} 条索引记录，用时 {elapsed:.1f} 秒。")

    def write_posting_lists(self) -> None:
        started = time.perf_counter()
        words = postinglists.build()
        elapsed = time.perf_counter() - started
        if words:
            self.stdout.write(f"倒排列表写入完成：{words} 个词，用时 {elapsed:.1f} 秒。")
        else:
            self.stdout.write(f"倒排列表写入完成，但没有词出现在 {postinglists.MIN_DOCUMENTS[connection.vendor]} 份以上文件中，所以列表为空（用时 {elapsed:.1f} 秒）。")
