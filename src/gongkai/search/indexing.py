"""Building the search index: one entry per document, per article (第X条) and per headed section.

Each part's text is segmented once; the whole-document entry reuses the part tokens. Indexing
runs when `document_stored` fires, for the whole library through `gongkai reindex`, and on
demand through `index_documents`.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from collections import defaultdict, deque
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection, transaction

from gongkai.documents.choices import PartKind
from gongkai.documents.models import Document, DocumentAgency, Part
from gongkai.search import counts, fulltext, state, postinglists
from gongkai.search.models import EntryKind, SearchEntry
from gongkai.search.tokenizer import get_tokenizer

logger = logging.getLogger(__name__)

BATCH_DOCUMENTS = 200

DOCUMENT_FIELDS = [
    "id", "title", "document_number", "document_number_original", "version_of_id", "doc_type", "subject",
    "publish_date", "written_date", "validity", "disclosure", "is_current",
]
PART_FIELDS = ["id", "document_id", "kind", "label", "anchor", "position", "text"]


ENTRY_COLUMNS = [
    "document_id", "part_id", "kind", "label", "anchor", "position", "version_root_id", "agency_id", "doc_type",
    "subject", "year", "publish_date", "validity", "disclosure", "is_current", "title_tokens", "body_tokens", "length",
]


@dataclass
class Entry:
    """The column values of one `SearchEntry` row, inserted in bulk without model instances."""

    document_id: int
    kind: str
    title_tokens: str
    body_tokens: str
    length: int
    version_root_id: int
    agency_id: int | None
    doc_type: str
    subject: str
    year: int | None
    publish_date: object
    validity: str
    disclosure: str
    is_current: bool
    part_id: int | None = None
    label: str = ""
    anchor: str = ""
    position: int = 0


@dataclass
class PartRow:
    id: int
    kind: str
    label: str
    anchor: str
    position: int
    text: str
    tokens: str


_ahead = threading.local()


def on_document_stored(sender, document_ids: list[int], **kwargs) -> None:
    """Reindex the documents the library has just stored or changed (a batch late inside `segmenting_ahead`)."""
    segment = getattr(_ahead, "segment", None)
    if segment is None:
        index_documents(document_ids)
        return

    ids = sorted(set(document_ids))
    _ahead.pending.append((ids, *segment(_load_parts(ids))))
    while len(_ahead.pending) > 1:
        _index_segmented(*_ahead.pending.popleft())


@contextmanager
def segmenting_ahead():
    """Segment each announced batch in a worker process and index it when the next batch arrives.

    A bulk import stores the next batch meanwhile, so segmentation, a sixth of an import's time,
    leaves the importing process. Every batch is indexed when the block ends, even on an error.
    On a machine with one CPU the batches are segmented in this process.
    """
    processes = 1 if (os.cpu_count() or 1) > 1 else 0
    with _segmenter(processes) as segment:
        _ahead.segment, _ahead.pending = segment, deque()
        try:
            yield
        finally:
            _ahead.segment = None
            while _ahead.pending:
                _index_segmented(*_ahead.pending.popleft())


def index_documents(document_ids: Iterable[int]) -> int:
    """Replace the entries of these documents with fresh ones; return the number of entries written."""
    ids = sorted(set(document_ids))
    written = 0
    with transaction.atomic():
        for start in range(0, len(ids), BATCH_DOCUMENTS):
            batch = ids[start : start + BATCH_DOCUMENTS]
            written += _replace(batch, *_segmented(_load_parts(batch)))
        state.bump()
    logger.info("indexed documents=%d entries=%d", len(ids), written)
    return written


def _index_segmented(document_ids: list[int], parts: list[dict], tokens) -> None:
    with transaction.atomic():
        written = _replace(document_ids, parts, _tokens_of(tokens))
        state.bump()
    logger.info("indexed documents=%d entries=%d", len(document_ids), written)


def _replace(document_ids: list[int], parts: list[dict], tokens: list[str]) -> int:
    counts.remove_documents(document_ids)
    SearchEntry.objects.filter(document_id__in=document_ids).delete()
    written, tallies = _write_segmented(document_ids, parts, tokens)
    counts.apply(tallies, 1)
    fulltext.add_documents(document_ids)
    return written


def reindex_all(progress: Callable[[int, int], None] | None = None, workers: int | None = None) -> int:
    """Rebuild the whole index in one transaction; readers see the old index until it commits.

    Segmentation, the bulk of the work, runs in `workers` processes (default: one per CPU, at
    most 4) while this process writes earlier batches. `progress(done, total)` is called after
    each batch of documents.
    """
    ids = list(Document.objects.order_by("id").values_list("id", flat=True))
    batches = [ids[start : start + BATCH_DOCUMENTS] for start in range(0, len(ids), BATCH_DOCUMENTS)]
    get_tokenizer().refresh(force=True)
    workers = workers or min(4, os.cpu_count() or 1)
    processes = workers if workers > 1 else 0

    written = 0
    done = 0
    # Word counts are written once at the end. Per batch, each update of a row left a dead version
    # in the open transaction, and a PostgreSQL rebuild of 100,000 documents slowed to a crawl.
    tallies = counts.empty_tallies()

    def write_oldest(pending: deque) -> None:
        nonlocal written, done
        batch_ids, parts, tokens = pending.popleft()
        batch_written, batch_tallies = _write_segmented(batch_ids, parts, _tokens_of(tokens))
        written += batch_written
        for level, tally in batch_tallies.items():
            tallies[level].add(tally)
        done += len(batch_ids)
        if progress:
            progress(done, len(ids))

    with transaction.atomic():
        fulltext.start_bulk_load()
        counts.clear()
        with _segmenter(processes) as segment:
            pending: deque = deque()
            for batch in batches:
                pending.append((batch, *segment(_load_parts(batch))))
                if len(pending) > workers:
                    write_oldest(pending)
            while pending:
                write_oldest(pending)
        counts.apply(tallies, 1)
        fulltext.finish_bulk_load()
        if postinglists.stale():
            postinglists.build()
        state.bump()
    logger.info("rebuilt the search index: documents=%d entries=%d workers=%d", len(ids), written, workers)
    return written


def _load_parts(document_ids: list[int]) -> list[dict]:
    return list(Part.objects.filter(document_id__in=document_ids).order_by("document_id", "position").values(*PART_FIELDS))


def _segment_texts(texts: list[str]) -> list[str]:
    tokenizer = get_tokenizer()
    return [" ".join(tokenizer.index_tokens(text)) for text in texts]


def _start_worker() -> None:
    # A forked worker has the parent's vocabulary and must not use the parent's database connection.
    get_tokenizer().freeze()


@contextmanager
def _segmenter(processes: int):
    """Yield a function that starts segmenting a batch's parts and returns (parts, tokens or a future).

    With no processes, the batch is segmented at once in this process.
    """
    if processes < 1:
        yield _segmented
        return

    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=processes, mp_context=context, initializer=_start_worker) as pool:
        yield lambda parts: (parts, pool.submit(_segment_texts, [part["text"] for part in parts]))


def _segmented(parts: list[dict]) -> tuple[list[dict], list[str]]:
    return parts, _segment_texts([part["text"] for part in parts])


def _tokens_of(tokens) -> list[str]:
    """Return the tokens a segmenter gave: a list, or a worker's future that delivers one."""
    return tokens if isinstance(tokens, list) else tokens.result()


def _write_segmented(document_ids: list[int], parts: list[dict], tokens: list[str]) -> tuple[int, dict[str, counts.Tally]]:
    """Insert the entries of these documents; return their number and their word counts, for `counts.apply`."""
    parts_by_document: dict[int, list[PartRow]] = defaultdict(list)
    for values, part_tokens in zip(parts, tokens):
        fields = dict(values)
        document_id = fields.pop("document_id")
        parts_by_document[document_id].append(PartRow(**fields, tokens=part_tokens))

    documents = Document.objects.filter(pk__in=document_ids).values(*DOCUMENT_FIELDS)
    lead_agencies = dict(
        DocumentAgency.objects.filter(document_id__in=document_ids, position=0).values_list("document_id", "agency_id")
    )
    entries = []
    for document in documents:
        entries.extend(build_entries(document, parts_by_document.get(document["id"], []), lead_agencies.get(document["id"])))
    _insert(entries)
    return len(entries), counts.tally((entry.kind, entry.title_tokens, entry.body_tokens, entry.length) for entry in entries)


def _insert(entries: list[Entry]) -> None:
    """Insert entries with one prepared statement: model instances and bulk_create cost 3× the time.

    `build_entries` puts each document's whole entry first and its parts after it, so they get
    consecutive ids in that order on SQLite, which has one writer at a time. SQLite searches find
    a document's parts between its whole entry and the next one (`scoring`). PostgreSQL searches
    do not rely on the order, since concurrent transactions can interleave sequence values.
    """
    table = SearchEntry._meta.db_table
    columns = ", ".join(connection.ops.quote_name(column) for column in ENTRY_COLUMNS)
    placeholders = ", ".join(["%s"] * len(ENTRY_COLUMNS))
    adapt_date = connection.ops.adapt_datefield_value
    date_column = ENTRY_COLUMNS.index("publish_date")
    rows = []
    for entry in entries:
        row = [getattr(entry, column) for column in ENTRY_COLUMNS]
        row[date_column] = adapt_date(entry.publish_date)
        rows.append(row)
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", rows)


def build_entries(document: dict, parts: list[PartRow], agency_id: int | None) -> list[Entry]:
    """Return the entries of one document: the whole text, then its articles or else its headed sections."""
    tokenizer = get_tokenizer()
    heading_title = " ".join(filter(None, [document["title"], document["document_number"], document["document_number_original"]]))
    common = _filter_columns(document, agency_id)

    whole = _entry(common, EntryKind.DOCUMENT, tokenizer.index_tokens(heading_title), [part.tokens for part in parts])
    entries = [whole]

    articles = [part for part in parts if part.kind == PartKind.ARTICLE]
    if articles:
        entries.extend(_article_entries(common, parts))
    else:
        entries.extend(_section_entries(common, parts))
    return entries


def _article_entries(common: dict, parts: list[PartRow]) -> list[Entry]:
    """Build one entry per article. Its title column contains the nearest heading above it (章, 节)."""
    entries = []
    heading_tokens: list[str] = []
    for part in parts:
        if part.kind == PartKind.HEADING:
            heading_tokens = part.tokens.split()
        elif part.kind == PartKind.ARTICLE:
            entry = _entry(common, EntryKind.ARTICLE, heading_tokens, [part.tokens])
            entry.part_id, entry.label, entry.anchor, entry.position = part.id, part.label, part.anchor, part.position
            entries.append(entry)
    return entries


def _section_entries(common: dict, parts: list[PartRow]) -> list[Entry]:
    """Build one entry per heading with the paragraphs and tables under it, up to the next heading."""
    entries = []
    heading = None
    body: list[str] = []

    def close():
        if heading is not None and (body or heading.tokens):
            entry = _entry(common, EntryKind.SECTION, heading.tokens.split(), body)
            entry.part_id, entry.label, entry.anchor, entry.position = heading.id, heading.text[:200], heading.anchor, heading.position
            entries.append(entry)

    for part in parts:
        if part.kind == PartKind.HEADING:
            close()
            heading, body = part, []
        elif heading is not None:
            body.append(part.tokens)
    close()
    return entries


def _filter_columns(document: dict, agency_id: int | None) -> dict:
    date = document["publish_date"] or document["written_date"]
    return {
        "document_id": document["id"],
        "version_root_id": document["version_of_id"] or document["id"],
        "agency_id": agency_id,
        "doc_type": document["doc_type"],
        "subject": document["subject"],
        "year": date.year if date else None,
        "publish_date": document["publish_date"],
        "validity": document["validity"],
        "disclosure": document["disclosure"],
        "is_current": document["is_current"],
    }


def _entry(common: dict, kind: str, title_tokens: list[str], body_parts: list[str]) -> Entry:
    body = " ".join(part for part in body_parts if part)
    length = len(title_tokens) + (body.count(" ") + 1 if body else 0)
    return Entry(kind=kind, title_tokens=" ".join(title_tokens), body_tokens=body, length=length, **common)
