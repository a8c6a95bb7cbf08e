"""`gongkai reindex`: rebuild the search index of the whole library, or only its word lists."""

import time

from django.core.management.base import BaseCommand

from gongkai.search import indexing, wordlists


class Command(BaseCommand):
    help = "Rebuild the search index of every document (needed after changing search terms for stored documents)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--word-lists", action="store_true", help="Only write the word lists that speed up searches (SQLite), as an import does."
        )

    def handle(self, *args, **options):
        started = time.perf_counter()
        verbosity = options["verbosity"]
        if options["word_lists"]:
            words = wordlists.build()
            self.stdout.write(f"检索词表写入完成：{words} 个词，用时 {time.perf_counter() - started:.1f} 秒。")
            return

        def progress(done: int, total: int) -> None:
            if verbosity >= 1:
                self.stderr.write(f"\r已索引 {done}/{total} 份文件", ending="")

        entries = indexing.reindex_all(progress=progress)
        elapsed = time.perf_counter() - started
        if verbosity >= 1:
            self.stderr.write("")
        self.stdout.write(f"索引重建完成：{entries} 条索引记录，用时 {elapsed:.1f} 秒。")
