"""Storing passage vectors in the database and searching them in memory with numpy.

No vector extension is needed on SQLite or PostgreSQL. The index loads every vector of the
current model once per process and reloads when the number of stored vectors or passages
changes. With multilingual-e5-small (384 float32 = 1,536 bytes per vector) 100,000 distinct
passage texts take 154 MB of matrix plus 1.6 MB of passage ids (two int64 arrays).
"""

from __future__ import annotations

import logging
import threading
import time
from collections import defaultdict
from collections.abc import Callable

import numpy as np
from django.db import transaction
from django.db.models import Count, Max

from gongkai.assistant.embedding import Embedder
from gongkai.assistant.models import Embedding, Passage
from gongkai.assistant.passages import embedding_text

logger = logging.getLogger(__name__)

EMBED_BATCH = 32
"""Passages embedded and committed together; an interrupted `gongkai embed` loses at most one batch."""

REFRESH_SECONDS = 10.0


def pending_hashes(embedder: Embedder) -> list[str]:
    """Return the content hashes of passages that have no vector under the embedder's model and version."""
    done = set(Embedding.objects.filter(model=embedder.model, version=embedder.version).values_list("content_hash", flat=True))
    hashes = Passage.objects.order_by("document_id", "position").values_list("content_hash", flat=True)
    return [content_hash for content_hash in dict.fromkeys(hashes) if content_hash not in done]


def embed_pending(
    embedder: Embedder, hashes: list[str], batch_size: int = EMBED_BATCH, progress: Callable[[int], None] | None = None
) -> int:
    """Embed the passages with these content hashes, committing each batch; return how many were embedded."""
    embedded = 0
    for start in range(0, len(hashes), batch_size):
        batch = hashes[start : start + batch_size]
        texts = _texts_by_hash(batch)
        batch = [content_hash for content_hash in batch if content_hash in texts]
        vectors = embedder.embed_passages([texts[content_hash] for content_hash in batch])
        rows = [
            Embedding(
                content_hash=content_hash,
                model=embedder.model,
                version=embedder.version,
                dimensions=vector.shape[0],
                vector=vector.astype("<f4").tobytes(),
            )
            for content_hash, vector in zip(batch, vectors)
        ]
        with transaction.atomic():
            Embedding.objects.bulk_create(rows, ignore_conflicts=True)
        embedded += len(rows)
        if progress:
            progress(len(rows))
    return embedded


def _texts_by_hash(hashes: list[str]) -> dict[str, str]:
    texts = {}
    for content_hash, title, heading_path, text in Passage.objects.filter(content_hash__in=hashes).values_list(
        "content_hash", "document__title", "heading_path", "text"
    ):
        texts.setdefault(content_hash, embedding_text(title, heading_path, text))
    return texts


def delete_stale(embedder: Embedder) -> int:
    """Delete vectors of other models or versions, which are never used once the current ones exist."""
    deleted, _ = Embedding.objects.exclude(model=embedder.model, version=embedder.version).delete()
    return deleted


class VectorIndex:
    """Every vector of one model in a float32 matrix, with the passages sharing each vector."""

    def __init__(self, model: str, version: str):
        self.model = model
        self.version = version
        self.matrix = np.zeros((0, 0), dtype=np.float32)
        # Row i of the matrix is shared by passage_ids[offsets[i]:offsets[i + 1]] (identical texts).
        self.offsets = np.zeros(1, dtype=np.int64)
        self.passage_ids = np.zeros(0, dtype=np.int64)
        self._marker = None
        self._checked_at = 0.0
        self._lock = threading.Lock()

    def refresh(self, force: bool = False) -> None:
        """Reload when the stored vectors or passages changed; checks at most every REFRESH_SECONDS."""
        now = time.monotonic()
        if not force and now - self._checked_at < REFRESH_SECONDS:
            return
        with self._lock:
            self._checked_at = now
            marker = (
                Embedding.objects.filter(model=self.model, version=self.version).aggregate(count=Count("id"), last=Max("id")),
                Passage.objects.aggregate(count=Count("id"), last=Max("id")),
            )
            if marker != self._marker:
                self._load()
                self._marker = marker

    def _load(self) -> None:
        started = time.perf_counter()
        by_hash: dict[str, list[int]] = defaultdict(list)
        for passage_id, content_hash in Passage.objects.values_list("id", "content_hash"):
            by_hash[content_hash].append(passage_id)

        rows = []
        passage_ids: list[int] = []
        offsets = [0]
        for content_hash, vector in Embedding.objects.filter(model=self.model, version=self.version).values_list(
            "content_hash", "vector"
        ).iterator(chunk_size=2000):
            if content_hash in by_hash:
                rows.append(np.frombuffer(bytes(vector), dtype="<f4"))
                passage_ids.extend(by_hash[content_hash])
                offsets.append(len(passage_ids))
        self.matrix = np.vstack(rows) if rows else np.zeros((0, 0), dtype=np.float32)
        self.offsets = np.asarray(offsets, dtype=np.int64)
        self.passage_ids = np.asarray(passage_ids, dtype=np.int64)
        logger.info(
            "loaded vectors model=%s count=%d in %.1f s", self.model, len(rows), time.perf_counter() - started
        )

    def search(self, query_vector: np.ndarray, limit: int, allowed: set[int] | None = None) -> list[tuple[int, float]]:
        """Return up to `limit` (passage id, cosine similarity) pairs, best first; `allowed` restricts the passages."""
        self.refresh()
        if not self.matrix.size:
            return []
        scores = self.matrix @ query_vector.astype(np.float32).ravel()
        depth = min(len(scores), limit * 4 if allowed is None else len(scores))
        order = np.argpartition(-scores, depth - 1)[:depth]
        order = order[np.argsort(-scores[order])]

        found: list[tuple[int, float]] = []
        for row in order:
            for passage_id in self.passage_ids[self.offsets[row] : self.offsets[row + 1]].tolist():
                if allowed is None or passage_id in allowed:
                    found.append((passage_id, float(scores[row])))
            if len(found) >= limit:
                break
        return found[:limit]


_indexes: dict[tuple[str, str], VectorIndex] = {}


def get_index(embedder: Embedder) -> VectorIndex:
    """Return the process-wide index of the embedder's model, created on first use."""
    key = (embedder.model, embedder.version)
    if key not in _indexes:
        _indexes[key] = VectorIndex(*key)
    return _indexes[key]
