"""Search latency on the imported laws: gongkai search against a bare FTS5 query and in-memory bm25s.

    GONGKAI_HOME=/tmp/laws uv run python benchmarks/search_bench.py [--replicate N] [--queries FILE]

The database in GONGKAI_HOME must hold the laws folder, imported and indexed
(`gongkai import ../shared/corpus/laws`). Every question of the STARD development file is run
through `gongkai.search.engine.search` (first page of 10) with facets and snippets, then
without them. An untimed pass over every question comes first, so the operating system has the
database pages they read in its page cache, as on a server that has run for a while. Each timed pass then starts
with the engine's caches empty (`search.memory`), as after a restart or a change to the index. A second pass with facets and snippets repeats the
questions with every word cached. The "unseen questions" row is a running server: each half of
the file is timed after the other half has been answered, so every timed question is new but
the words of earlier questions are cached. On SQLite the same questions also run as a bare FTS5 query on the whole-document
table (`MATCH … ORDER BY rank LIMIT 10`, the any-word expression the engine builds) and through
bm25s over the same whole-document tokens held in memory. The bare query runs twice: on
every word, and on the selective words the engine keeps for an any-word search (see
`engine.selective_groups`). Set DATABASE_URL to measure PostgreSQL, where the bare query is
PostgreSQL's own ranking of the same tokens (`tsv @@ … ORDER BY ts_rank LIMIT 10`). Prints
p50, p95 and p99 in milliseconds and the ratios to the bare query on every word.

--replicate N first adds N copies of every document to the database and rebuilds the index,
for a corpus of about 3,400 × (N + 1) documents. Copy k gets a place name before its title, a
new 发文字号 and dates shifted by k × 37 days. Use it on a scratch copy of the database only.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_QUERIES = ROOT.parent / "shared" / "eval" / "stard_dev.jsonl"
PLACES = ["浦东新区", "黄浦区", "静安区", "徐汇区", "长宁区", "普陀区", "虹口区", "杨浦区", "闵行区", "宝山区",
          "嘉定区", "金山区", "松江区", "青浦区", "奉贤区", "崇明区", "杭州市", "宁波市", "温州市", "南京市",
          "苏州市", "无锡市", "合肥市", "芜湖市", "济南市", "青岛市", "郑州市", "洛阳市", "广州市", "深圳市"]


def setup_django() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django

    django.setup()

    # As the WSGI application does at startup (see gongkai.wsgi).
    from gongkai.core.process import freeze_startup_objects

    freeze_startup_objects()


def percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    cuts = statistics.quantiles(ordered, n=100, method="inclusive")
    return {"p50": cuts[49], "p95": cuts[94], "p99": cuts[98], "mean": statistics.fmean(ordered)}


def timed(function, queries: list[str]) -> list[float]:
    samples = []
    for query in queries:
        started = time.perf_counter()
        function(query)
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def _date_sql(vendor: str, days: int):
    """Return the SQL of a document's year and a function shifting a date column by `days`, for this database."""
    if vendor == "sqlite":
        return "strftime('%%Y', publish_date)", lambda column: f"date({column}, '+{days} days')"
    return "to_char(publish_date, 'YYYY')", lambda column: f"{column} + {days}"


def replicate(copies: int) -> None:
    """Add `copies` copies of every document, part and agency link with new ids, titles, numbers and dates."""
    from django.core.management.color import no_style
    from django.db import connection, transaction

    from gongkai.documents.models import Document, Part
    from gongkai.search import indexing

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT max(id) FROM documents_document")
        document_offset = cursor.fetchone()[0] + 1
        cursor.execute("SELECT max(id) FROM documents_part")
        part_offset = cursor.fetchone()[0] + 1
        for copy in range(1, copies + 1):
            place = PLACES[(copy - 1) % len(PLACES)]
            year, shifted = _date_sql(connection.vendor, copy * 37)
            cursor.execute(
                f"""
                INSERT INTO documents_document (id, title, document_number, document_number_original, doc_type, subject,
                    written_date, publish_date, effective_date, validity, validity_date, replaced_by_id, disclosure,
                    index_number, classification, urgency, addressees, copied_to, printed_by, printed_date, note,
                    signatories, version_of_id, version_date, is_current, source_name, source_url, parser, fingerprint,
                    created_at, updated_at)
                SELECT id + {copy} * {document_offset}, %s || title, '示例{copy}〔' || coalesce({year}, '2020') || '〕' || id || '号',
                    '', doc_type, subject, {shifted("written_date")}, {shifted("publish_date")}, {shifted("effective_date")}, validity,
                    validity_date, NULL, disclosure, index_number || '-R{copy}', classification, urgency, addressees,
                    copied_to, printed_by, printed_date, note, signatories,
                    CASE WHEN version_of_id IS NULL THEN NULL ELSE version_of_id + {copy} * {document_offset} END,
                    {shifted("version_date")}, is_current, source_name, source_url, parser, fingerprint, created_at, updated_at
                FROM documents_document WHERE id < {document_offset}
                """,
                [place],
            )
            cursor.execute(
                f"""
                INSERT INTO documents_part (id, document_id, attachment_id, position, kind, level, label, number, anchor, text, rows)
                SELECT id + {copy} * {part_offset}, document_id + {copy} * {document_offset}, NULL, position, kind, level,
                    label, number, anchor, text, rows
                FROM documents_part WHERE id < {part_offset} AND attachment_id IS NULL
                """
            )
            cursor.execute(
                f"""
                INSERT INTO documents_documentagency (document_id, agency_id, position)
                SELECT document_id + {copy} * {document_offset}, agency_id, position
                FROM documents_documentagency WHERE document_id < {document_offset}
                """
            )
            print(f"copy {copy}/{copies} written", file=sys.stderr)
        # The copies take explicit ids, which PostgreSQL's sequences do not see.
        for sql in connection.ops.sequence_reset_sql(no_style(), [Document, Part]):
            cursor.execute(sql)

    started = time.perf_counter()
    entries = indexing.reindex_all()
    print(f"reindexed {entries} entries in {time.perf_counter() - started:.1f} s", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=Path, default=DEFAULT_QUERIES, help="Questions in JSON Lines (key `query`).")
    parser.add_argument("--replicate", type=int, default=0, metavar="N", help="Add N copies of every document first.")
    parser.add_argument("--limit", type=int, default=0, metavar="N", help="Run only the first N questions (default: all).")
    parser.add_argument(
        "--no-bm25s", action="store_true", help="Skip bm25s, which keeps every token in memory (an estimated 20 GB at 100,000 laws)."
    )
    arguments = parser.parse_args()
    if not arguments.queries.exists():
        raise SystemExit(f"{arguments.queries} not found: the evaluation data must sit in ../shared/eval beside the checkout.")

    setup_django()
    from django.db import connection

    from gongkai.documents.models import Document
    from gongkai.search import memory
    from gongkai.search import query as query_language
    from gongkai.search.engine import SearchRequest, search
    from gongkai.search.fulltext import DOCUMENT_FTS_TABLE, ENTRY_TABLE

    if arguments.replicate:
        replicate(arguments.replicate)

    queries = [json.loads(line)["query"] for line in arguments.queries.read_text(encoding="utf-8").splitlines() if line.strip()]
    if arguments.limit:
        queries = queries[: arguments.limit]
    documents = Document.objects.count()
    # Without this pass, the first timed pass also measures disk reads, by up to 13 ms at p95
    # after other work had pushed the database out of the page cache.
    for query in queries:
        search(SearchRequest(q=query))

    def cold(function):
        # Each pass starts as a freshly started server does: no table, no phrase scores, no counts.
        memory.clear_all()
        return timed(function, queries)

    def unseen(function):
        # Every question is new to a server that has already answered the other half of the file.
        halves = [queries[0::2], queries[1::2]]
        samples = []
        for measured, earlier in ((halves[0], halves[1]), (halves[1], halves[0])):
            memory.clear_all()
            timed(function, earlier)
            samples += timed(function, measured)
        return samples

    rows = {
        "gongkai search, facets and snippets": cold(lambda q: search(SearchRequest(q=q))),
        "gongkai search, facets and snippets, second pass (caches filled)": timed(lambda q: search(SearchRequest(q=q)), queries),
        "gongkai search, facets and snippets, unseen questions after the other half": unseen(lambda q: search(SearchRequest(q=q))),
        "gongkai search, no facets, no snippets": cold(lambda q: search(SearchRequest(q=q, facets=False, snippets=False))),
    }
    if connection.vendor == "sqlite":
        from gongkai.search.engine import selective_groups

        expressions = {q: query_language.fts5_expression(query_language.parse(q), "or") for q in queries}
        selective = {q: query_language.fts5_expression(selective_groups(query_language.parse(q)), "or") for q in queries}

        def bare(q: str, expressions: dict = expressions) -> None:
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT rowid FROM {DOCUMENT_FTS_TABLE} WHERE {DOCUMENT_FTS_TABLE} MATCH %s ORDER BY rank LIMIT 10", [expressions[q]]
                )
                cursor.fetchall()

        reference_name = "bare FTS5 MATCH … ORDER BY rank LIMIT 10"
        rows[reference_name] = timed(bare, queries)
        rows["bare FTS5, the selective words only (what gongkai asks FTS5)"] = timed(lambda q: bare(q, selective), queries)
        if not arguments.no_bm25s:
            rows["bm25s in memory, top 10"] = bm25s_samples(queries)
    else:
        tsqueries = {q: query_language.tsquery(query_language.parse(q), "or") for q in queries}

        def bare_postgresql(q: str) -> None:
            # PostgreSQL's own ranking of the same tokens: ts_rank reads the tsv of every match.
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT id FROM {ENTRY_TABLE} WHERE kind = 'document' AND tsv @@ to_tsquery('simple', %s) "
                    "ORDER BY ts_rank(tsv, to_tsquery('simple', %s)) DESC LIMIT 10",
                    [tsqueries[q], tsqueries[q]],
                )
                cursor.fetchall()

        reference_name = "bare tsv @@ … ORDER BY ts_rank LIMIT 10"
        rows[reference_name] = timed(bare_postgresql, queries)

    reference = percentiles(rows[reference_name])
    print(f"database: {connection.vendor}, documents: {documents}, queries: {len(queries)}")
    print("| Method | p50 ms | p95 ms | p99 ms | mean ms | p50 / bare query | p95 / bare query |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for name, samples in rows.items():
        figures = percentiles(samples)
        print(
            f"| {name} | {figures['p50']:.1f} | {figures['p95']:.1f} | {figures['p99']:.1f} | {figures['mean']:.1f} | "
            f"{figures['p50'] / reference['p50']:.2f} | {figures['p95'] / reference['p95']:.2f} |"
        )


def bm25s_samples(queries: list[str]) -> list[float]:
    """Time bm25s over the whole-document tokens of the index, with the engine's query words."""
    import bm25s

    from gongkai.search import query as query_language
    from gongkai.search.models import EntryKind, SearchEntry

    corpus = [
        f"{title} {body}".split()
        for title, body in SearchEntry.objects.filter(kind=EntryKind.DOCUMENT).values_list("title_tokens", "body_tokens").iterator()
    ]
    retriever = bm25s.BM25()
    retriever.index(corpus, show_progress=False)
    vocabulary = retriever.vocab_dict

    def run(q: str) -> None:
        words = [phrase.tokens[0] for group in query_language.parse(q).groups for phrase in group.phrases if len(phrase.tokens) == 1]
        known = [word for word in words if word in vocabulary] or [next(iter(vocabulary))]
        retriever.retrieve([known], k=10, show_progress=False)

    return timed(run, queries)


if __name__ == "__main__":
    main()
