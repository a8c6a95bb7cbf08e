"""`gongkai reindex`: rebuild the search index of the whole library."""

import time

from django.core.management.base import BaseCommand

from gongkai.search import indexing


class Command(BaseCommand):
    help = "Rebuild the search index of every document (needed after changing search terms for stored documents)."

    def handle(self, *args, **options):
        started = time.perf_counter()
        verbosity = options["verbosity"]

        def progress(done: int, total: int) -> None:
            if verbosity >= 1:
                self.stderr.write(f"\r已索引 {done}/{total} 份文件", ending="")

        entries = indexing.reindex_all(progress=progress)
        elapsed = time.perf_counter() - started
        if verbosity >= 1:
            self.stderr.write("")
        self.stdout.write(f"索引重建完成：{entries} 条索引记录，用时 {elapsed:.1f} 秒。")
