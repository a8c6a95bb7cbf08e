"""Posting lists: the entries that contain each frequent word, written after imports.

At 100,000 documents most of a new query's time went to its words that no earlier query used.
FTS5's `bm25()` reads a word's whole list of documents and scores every row, about 1.3 µs a
document, and the ids of the articles that contain the word were read from FTS5 too, for the
best article. PostgreSQL counts a word's hits with `regexp_count` over the token text of every
document containing it: 1.2 s for 规定 in the 3,387 laws. So the lists are written once, after
an import or a rebuild of the index.

- For each word found in MIN_DOCUMENTS or more whole documents (every word on PostgreSQL), they
  contain the whole-document entries that contain it and its hits in each.
- For those of these words that are not common (see `engine.selective_groups`), they also
  contain the article and section entries (SQLite only: PostgreSQL finds a best document's
  articles through the GIN index of their own `tsv`).

A search reads a word's list as one row, and `matching` computes the BM25 of `bm25()` from it in
the same order of operations, so the scores are equal to the last bit. Ids are stored as gaps,
and every number in the smallest integer type it fits: at 102,390 documents, about 4 bytes per
document and 2 per article.

The lists cover the entries with an id up to `PostingListState.through_id`. Entries written later
are read from the full-text index with `id > through_id`. Deleted entries drop out because they are no
longer in the document table (see `columns`) or in the entry table, and SQLite never hands out
their ids again (the table has AUTOINCREMENT; a PostgreSQL sequence never goes back either).
`gongkai import` writes the lists again once STALE_SHARE of the documents have changed since, in
libraries of MIN_LIBRARY_DOCUMENTS or more (see `stale`).
"""

from __future__ import annotations

import logging
import time
from array import array
from collections import Counter
from dataclasses import dataclass

import numpy as np
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from gongkai.search import counts
from gongkai.search import query as query_language
from gongkai.search.counts import DOCUMENT_LEVEL, PART_LEVEL
from gongkai.search.fulltext import DOCUMENT_FTS_TABLE, ENTRY_TABLE, FTS_TABLE
from gongkai.search.models import EntryKind, SearchEntry, TokenCount, PostingList, PostingListState

logger = logging.getLogger(__name__)

MIN_DOCUMENTS = {"sqlite": 100, "postgresql": 1}
"""A word in fewer documents gets no list. FTS5 reads and scores its rows in a fraction of a
millisecond, but PostgreSQL's `regexp_count` took 158 ms for 转交 in 97 of the laws, so there
every word gets one."""

MIN_LIBRARY_DOCUMENTS = {"sqlite": 20_000, "postgresql": 1_000}
"""A smaller library gets no lists unless `gongkai reindex --posting-lists` writes them. FTS5 then
scores a word's documents in a few milliseconds at most, and writing the lists would add 5 s to
an import of the 3,413 laws. PostgreSQL counts hits at 0.3 to 1.6 ms a document, so it needs them far sooner."""

STALE_SHARE = 0.05
"""The lists are stale once more than this share of the documents were added or deleted since they were written."""

STATE_ID = 1
WRITE_BATCH = 500
VOCABULARY_TABLE = "temp.search_fts_document_instances"


@dataclass(frozen=True)
class DocumentList:
    """The whole-document entries with an id up to `through_id` that contain a word, and its hits in each."""

    ids: np.ndarray
    body_hits: np.ndarray
    title_hits: np.ndarray
    through_id: int


@dataclass(frozen=True)
class PartList:
    """The article and section entries with an id up to `through_id` that contain a word."""

    ids: np.ndarray
    through_id: int


def document_list(phrase: query_language.Phrase) -> DocumentList | None:
    """Return the stored list of `phrase` at the document level, or None when it has none."""
    found = _read(DOCUMENT_LEVEL, phrase)
    if found is None:
        return None
    entries, first_id, ids, body_hits, title_hits, through_id = found
    return DocumentList(_ids(first_id, ids, entries), _unpack(body_hits, entries), _unpack(title_hits, entries), through_id)


def part_list(phrase: query_language.Phrase) -> PartList | None:
    """Return the stored list of `phrase` at the part level, or None when it has none."""
    found = _read(PART_LEVEL, phrase)
    if found is None:
        return None
    entries, first_id, ids, _, _, through_id = found
    return PartList(_ids(first_id, ids, entries), through_id)


def _read(level: str, phrase: query_language.Phrase) -> tuple | None:
    if len(phrase.tokens) != 1:
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT w.entries, w.first_id, w.ids, w.body_hits, w.title_hits, s.through_id "
            f"FROM {PostingList._meta.db_table} w, {PostingListState._meta.db_table} s "
            "WHERE w.level = %s AND w.token = %s AND s.id = %s",
            [level, phrase.tokens[0], STATE_ID],
        )
        return cursor.fetchone()


def _ids(first_id: int, gaps: bytes, entries: int) -> np.ndarray:
    return first_id + np.cumsum(_unpack(gaps, entries), dtype=np.int64)


def _unpack(data: bytes | memoryview, entries: int) -> np.ndarray:
    if not entries:
        return np.zeros(0, dtype=np.uint8)
    return np.frombuffer(data, dtype=f"<u{len(data) // entries}")


def _pack(values: np.ndarray) -> bytes:
    """Return the values in the smallest unsigned type they fit (see `PostingList`)."""
    top = int(values.max()) if len(values) else 0
    dtype = next(dtype for dtype in ("<u1", "<u2", "<u4", "<u8") if top <= np.iinfo(dtype).max)
    return values.astype(dtype).tobytes()


def available() -> bool:
    """Return whether posting lists have been written for this database."""
    return PostingListState.objects.filter(pk=STATE_ID).exists()


def stale() -> bool:
    """Return whether the lists need writing.

    They do when an index of MIN_LIBRARY_DOCUMENTS or more has none, or when more than
    STALE_SHARE of the documents were added or deleted since they were written, at any size.
    """
    documents = SearchEntry.objects.filter(kind=EntryKind.DOCUMENT)
    current = documents.count()
    state = PostingListState.objects.filter(pk=STATE_ID).first()
    if state is None:
        return current >= MIN_LIBRARY_DOCUMENTS[connection.vendor]
    added = documents.filter(id__gt=state.through_id).count()
    deleted = state.documents - (current - added)
    return added + deleted > STALE_SHARE * max(current, 1)


def build() -> int:
    """Write the lists of every word in MIN_DOCUMENTS or more documents; return how many words have one."""
    started = time.perf_counter()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # Waits for imports under way to commit, so that no entry with a lower id than
            # through_id commits later, and keeps others out until the lists are written.
            with connection.cursor() as cursor:
                cursor.execute(f"LOCK TABLE {ENTRY_TABLE} IN SHARE MODE")
        # On SQLite, deleting first takes the write lock, so no entry changes while the lists are read.
        # NOTE: the lock is held to the end (147 s at 102,390 documents), so other writes wait or time out.
        PostingList.objects.all().delete()
        through_id = SearchEntry.objects.aggregate(last=Max("id"))["last"] or 0
        documents = SearchEntry.objects.filter(kind=EntryKind.DOCUMENT).count()
        words = _listed_words()

        if connection.vendor == "sqlite":
            _write(_vocabulary_rows(words, _common_limit(documents)))
        else:
            _write(_counted_rows([word for word, _ in words], through_id))

        PostingListState.objects.update_or_create(
            pk=STATE_ID, defaults={"through_id": through_id, "documents": documents, "built_at": timezone.now()}
        )
    logger.info("posting lists written: words=%d through_id=%d seconds=%.1f", len(words), through_id, time.perf_counter() - started)
    return len(words)


def _listed_words() -> list[tuple[str, int]]:
    counted = TokenCount.objects.filter(level=DOCUMENT_LEVEL, entries__gte=MIN_DOCUMENTS[connection.vendor]).order_by("token")
    return [(token, entries) for token, entries in counted.values_list("token", "entries") if counts.countable(token)]


def _common_limit(documents: int) -> float:
    from gongkai.search.engine import COMMON_MIN_DOCUMENTS, COMMON_SHARE

    return max(COMMON_SHARE * documents, COMMON_MIN_DOCUMENTS)


def _write(rows) -> None:
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) >= WRITE_BATCH:
            PostingList.objects.bulk_create(batch)
            batch = []
    PostingList.objects.bulk_create(batch)


def _vocabulary_rows(words: list[tuple[str, int]], common: float):
    """Yield the lists of `words` read from FTS5's own vocabulary of hits (SQLite)."""
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {VOCABULARY_TABLE} USING fts5vocab(main, {DOCUMENT_FTS_TABLE}, instance)")
        try:
            for word, entries in words:
                yield _document_row(cursor, word)
                if entries <= common:
                    yield _part_row(cursor, word)
        finally:
            cursor.execute(f"DROP TABLE IF EXISTS {VOCABULARY_TABLE}")


def _counted_rows(words: list[str], through_id: int):
    """Yield the document-level lists of `words`, counting their hits in the token columns (PostgreSQL).

    PostgreSQL keeps no count of hits that could be read instead: a tsvector keeps at most 256
    positions of a word. A hit is a whole token between spaces, as `regexp_count` counts it in
    `backends`, so the scores equal those computed without the lists. The lists are held in
    memory until written, 16 bytes an entry: 45 MB for the 3,387 laws.
    """
    numbers = {word: number for number, word in enumerate(words)}
    ids = [array("q") for _ in words]
    in_body = [array("I") for _ in words]
    in_title = [array("I") for _ in words]
    with connection.chunked_cursor() as cursor:
        cursor.execute(
            f"SELECT id, title_tokens, body_tokens FROM {ENTRY_TABLE} WHERE kind = %s AND id <= %s ORDER BY id",
            [EntryKind.DOCUMENT, through_id],
        )
        while rows := cursor.fetchmany(WRITE_BATCH):
            for entry_id, title, body in rows:
                body_counts, title_counts = Counter(body.split(" ")), Counter(title.split(" "))
                for word in (body_counts.keys() | title_counts.keys()) & numbers.keys():
                    number = numbers[word]
                    ids[number].append(entry_id)
                    in_body[number].append(body_counts.get(word, 0))
                    in_title[number].append(title_counts.get(word, 0))

    for number, word in enumerate(words):
        yield PostingList(
            level=DOCUMENT_LEVEL, token=word, body_hits=_pack(np.array(in_body[number])), title_hits=_pack(np.array(in_title[number])),
            **_id_fields(np.array(ids[number])),
        )
        ids[number] = in_body[number] = in_title[number] = None


def _document_row(cursor, word: str) -> PostingList:
    # One string per word parses faster than a row per hit, as for the article ids in `matching`.
    cursor.execute(f"SELECT group_concat(doc || ' ' || (col = 'title_tokens'), ' ') FROM {VOCABULARY_TABLE} WHERE term = %s", [word])
    hits = _numbers(cursor.fetchone()[0]).reshape(-1, 2)

    ids, starts = np.unique(hits[:, 0], return_index=True)
    in_title = np.add.reduceat(hits[:, 1], starts) if len(ids) else np.zeros(0, dtype=np.int64)
    in_body = np.diff(np.append(starts, len(hits))) - in_title
    return PostingList(level=DOCUMENT_LEVEL, token=word, body_hits=_pack(in_body), title_hits=_pack(in_title), **_id_fields(ids))


def _part_row(cursor, word: str) -> PostingList:
    cursor.execute(f"SELECT group_concat(rowid, ' ') FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [query_language.fts5_phrase(query_language.Phrase((word,)))])
    return PostingList(level=PART_LEVEL, token=word, **_id_fields(np.sort(_numbers(cursor.fetchone()[0]))))


def _numbers(text: str | None) -> np.ndarray:
    return np.fromstring(text, dtype=np.int64, sep=" ") if text else np.zeros(0, dtype=np.int64)


def _id_fields(ids: np.ndarray) -> dict:
    first_id = int(ids[0]) if len(ids) else 0
    return {"entries": len(ids), "first_id": first_id, "ids": _pack(np.diff(ids, prepend=first_id))}
