"""Matching entries and scoring them with BM25, identically on SQLite and PostgreSQL.

Both databases compute the BM25 of SQLite FTS5's `bm25()` (k1 = 1.2, b = 0.75):

    score = Σ over query phrases p of idf(p) · f(p)·(k1 + 1) / (f(p) + k1·(1 − b + b·D/avgdl))
    idf(p) = ln((N − n(p) + 0.5) / (n(p) + 0.5)), or 1e-6 when that is not positive
    f(p)   = TITLE_WEIGHT · hits in the title column + BODY_WEIGHT · hits in the body column

with N the number of entries, n(p) the entries containing p, D the entry's `length` in tokens
and avgdl the mean length. Whole documents and parts (articles, sections) are two levels, each
with its own N, n(p) and avgdl, as two FTS5 tables keep them. SQLite calls `bm25()`; PostgreSQL evaluates the same expression in
the same order of operations on float8 from the token text. So the scores agree to the last bit
on the same data. The weights are integers, which makes FTS5's repeated addition exact.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass

import numpy as np
from django.db import connection

from gongkai.search import frequencies
from gongkai.search import query as query_language
from gongkai.search.frequencies import DOCUMENT_LEVEL, FTS_TABLES, LEVEL_CONDITIONS, PART_LEVEL  # noqa: F401
from gongkai.search.fulltext import DOCUMENT_COLUMNS_INDEX, DOCUMENT_FTS_TABLE, ENTRY_TABLE

K1 = 1.2
B = 0.75
TITLE_WEIGHT = 4.0
BODY_WEIGHT = 1.0

ROW_COLUMNS = [
    "id", "document_id", "version_root_id", "kind", "part_id", "label", "anchor", "position", "agency_id", "doc_type",
    "subject", "year", "publish_date", "validity", "disclosure", "is_current",
]


@dataclass
class Match:
    """One matching entry with its BM25 score (higher is better) and the filter columns facets need."""

    id: int
    document_id: int
    version_root_id: int
    kind: str
    part_id: int | None
    label: str
    anchor: str
    position: int
    agency_id: int | None
    doc_type: str
    subject: str
    year: int | None
    publish_date: object
    validity: str
    disclosure: str
    is_current: bool
    score: float


def find(
    parsed: query_language.ParsedQuery,
    mode: str,
    where: str,
    params: list,
    level: str = DOCUMENT_LEVEL,
    document_ids: list[int] | None = None,
    limit: int | None = None,
) -> list[Match]:
    """Return the entries of `level` matching `parsed` in `mode` ("and" or "or") that satisfy the SQL filter `where`.

    `where` refers to the entry table as `e` and uses %s placeholders. `document_ids` limits the
    search to the entries of these documents. With `limit`, only that many of the best-scoring
    entries return, best first (ties by entry id).
    """
    return [to_match(row) for row in find_rows(parsed, mode, where, params, level, document_ids, limit)]


def find_rows(
    parsed: query_language.ParsedQuery,
    mode: str,
    where: str,
    params: list,
    level: str = DOCUMENT_LEVEL,
    document_ids: list[int] | None = None,
    limit: int | None = None,
) -> list[tuple]:
    """Return what `find` returns as plain rows of ROW_COLUMNS and the score, which cost a tenth to build."""
    if parsed.is_empty:
        return []
    if document_ids is not None:
        placeholders = ", ".join(["%s"] * len(document_ids)) or "NULL"
        table = FTS_TABLES[level]
        if connection.vendor == "sqlite":
            # The unary + keeps FTS5 from looking each id up with its own MATCH; the ids become
            # a filter checked before the entry row is read, 3 times faster than filtering on e.
            where = f"{where} AND +{table}.rowid IN (SELECT id FROM {ENTRY_TABLE} WHERE document_id IN ({placeholders}))"
        else:
            where = f"{where} AND e.document_id IN ({placeholders})"
        params = [*params, *document_ids]
    if parsed.excluded:
        exclusion, exclusion_params = _exclusion_condition(parsed)
        where, params = f"{where} AND {exclusion}", [*params, *exclusion_params]
    if connection.vendor == "sqlite":
        sql, sql_params = _sqlite_sql(parsed, mode, where, params, level)
    else:
        sql, sql_params = _postgresql_sql(parsed, mode, where, params, level)
    if limit is not None:
        # Both databases sort on the score expression itself, so equal scores order by id alike.
        sql = f"{sql} ORDER BY {len(ROW_COLUMNS) + 1} DESC, e.id LIMIT %s"
        sql_params = [*sql_params, limit]
    return fetch_rows(sql, sql_params)


def _exclusion_condition(parsed) -> tuple[str, list]:
    """Return SQL leaving out every document whose text contains an excluded phrase anywhere."""
    if connection.vendor == "sqlite":
        table = DOCUMENT_FTS_TABLE
        subquery = f"SELECT x.document_id FROM {table} JOIN {ENTRY_TABLE} x ON x.id = {table}.rowid WHERE {table} MATCH %s"
        return f"e.document_id NOT IN ({subquery})", [query_language.fts5_excluded_expression(parsed)]

    conditions = []
    params: list = []
    for phrase in parsed.excluded:
        condition, condition_params = phrase_condition(phrase, "x")
        conditions.append(condition)
        params.extend(condition_params)
    subquery = f"SELECT x.document_id FROM {ENTRY_TABLE} x WHERE x.kind = 'document' AND ({' OR '.join(conditions)})"
    return f"e.document_id NOT IN ({subquery})", params


def phrase_condition(phrase, alias: str) -> tuple[str, list]:
    """Return PostgreSQL SQL true when entry `alias` contains `phrase`, its tokens adjacent and in order."""
    condition = f"{alias}.tsv @@ to_tsquery('simple', %s)"
    params: list = [query_language.tsquery_phrase(phrase)]
    if len(phrase.tokens) > 1:
        pattern = query_language.like_pattern(phrase)
        condition += f" AND ((' ' || {alias}.title_tokens || ' ') LIKE %s OR (' ' || {alias}.body_tokens || ' ') LIKE %s)"
        params += [pattern, pattern]
    return f"({condition})", params


def run(sql: str, params: list) -> list[Match]:
    """Execute a query selecting ROW_COLUMNS of `e` and then a score, and return its rows as matches."""
    return [to_match(row) for row in fetch_rows(sql, params)]


def fetch_rows(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def to_match(row: tuple) -> Match:
    """Turn a row of ROW_COLUMNS and a score into a match."""
    match = Match(*row[:-1], score=float(row[-1]))
    # SQLite returns dates as text through a raw cursor, PostgreSQL as dates.
    if isinstance(match.publish_date, str):
        match.publish_date = datetime.date.fromisoformat(match.publish_date)
    match.is_current = bool(match.is_current)
    return match


def as_row(match: Match) -> tuple:
    return (*(getattr(match, column) for column in ROW_COLUMNS), match.score)


def title_matches(group: query_language.TermGroup, document_ids: list[int]) -> set[int]:
    """Return the ids among `document_ids` whose title or 发文字号 contains `group`."""
    if not document_ids:
        return set()
    placeholders = ", ".join(["%s"] * len(document_ids))
    if connection.vendor == "sqlite":
        table = DOCUMENT_FTS_TABLE
        sql = (
            f"SELECT e.document_id FROM {table} JOIN {ENTRY_TABLE} e ON e.id = {table}.rowid "
            f"WHERE {table} MATCH %s AND e.document_id IN ({placeholders})"
        )
        params = [query_language.fts5_title_expression(group), *document_ids]
    else:
        conditions = " OR ".join(["(' ' || e.title_tokens || ' ') LIKE %s"] * len(group.phrases))
        sql = f"SELECT e.document_id FROM {ENTRY_TABLE} e WHERE e.kind = 'document' AND ({conditions}) AND e.document_id IN ({placeholders})"
        params = [query_language.like_pattern(phrase) for phrase in group.phrases] + document_ids
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {row[0] for row in cursor.fetchall()}


def _select_columns() -> str:
    if connection.vendor == "sqlite":
        # The unary + hides the column's declared type, so Django's converter does not parse
        # 10,000 dates of which a page is shown; `to_match` parses the ones it needs.
        return ", ".join(f"+e.{column}" if column == "publish_date" else f"e.{column}" for column in ROW_COLUMNS)
    return ", ".join(f"e.{column}" for column in ROW_COLUMNS)


def _sqlite_sql(parsed, mode, where, params, level):
    table = FTS_TABLES[level]
    join = f"JOIN {ENTRY_TABLE} e ON e.id = {table}.rowid"
    if level == DOCUMENT_LEVEL:
        # A whole-document row contains every token of the document and spans many pages. The
        # covering index contains only the filter columns, so matching 10,000 documents reads a
        # few hundred pages instead of 10,000 rows. SQLite would pick the primary key itself.
        join = f"JOIN {ENTRY_TABLE} e INDEXED BY {DOCUMENT_COLUMNS_INDEX} ON e.id = {table}.rowid AND e.kind = 'document'"
    sql = (
        f"SELECT {_select_columns()}, -bm25({table}, {TITLE_WEIGHT}, {BODY_WEIGHT}) "
        f"FROM {table} {join} "
        f"WHERE {table} MATCH %s AND {where}"
    )
    return sql, [query_language.fts5_expression(parsed, mode), *params]


def _postgresql_sql(parsed, mode, where, params, level, columns: str | None = None):
    score, score_params = _postgresql_score(parsed.phrases_in_order(), level)
    condition, condition_params = exact_condition(parsed, mode)
    sql = (
        f"SELECT {columns or _select_columns()}, {score} FROM {ENTRY_TABLE} e "
        f"WHERE e.{LEVEL_CONDITIONS[level]} AND e.tsv @@ to_tsquery('simple', %s) AND {condition} AND {where}"
    )
    return sql, [*score_params, query_language.tsquery(parsed, mode), *condition_params, *params]


def _postgresql_score(phrases, level) -> tuple[str, list]:
    """Return the BM25 of entry `e` for `phrases` as a PostgreSQL expression, and its parameters."""
    total, average_length = frequencies.collection(level)
    idfs = [inverse_frequency(total, count) for count in frequencies.phrase_frequencies(phrases, level)]

    # One term per phrase, written exactly as fts5Bm25Function in SQLite's fts5_aux.c computes it.
    terms = []
    params: list = []
    for phrase, idf in zip(phrases, idfs):
        frequency = (
            "(%s::float8 * regexp_count(e.title_tokens, %s) + %s::float8 * regexp_count(e.body_tokens, %s))"
        )
        pattern = query_language.phrase_pattern(phrase)
        terms.append(
            f"(%s::float8 * (({frequency} * %s::float8) / ({frequency} + %s::float8 * "
            f"(1 - %s::float8 + %s::float8 * e.length::float8 / %s::float8))))"
        )
        frequency_params = [TITLE_WEIGHT, pattern, BODY_WEIGHT, pattern]
        params += [idf, *frequency_params, K1 + 1.0, *frequency_params, K1, B, B, average_length]
    return "(0::float8 + " + " + ".join(terms) + ")", params


def document_scores(parsed: query_language.ParsedQuery, mode: str, after: int = 0) -> list[tuple[int, float]]:
    """Return (entry id, BM25) for every whole-document entry with an id above `after` matching `parsed` in `mode`, unfiltered.

    For one phrase alone this is the phrase's share of any query's BM25: both databases add the
    shares phrase by phrase in query order, so sums of these values agree with `bm25()` to the
    last bit.
    """
    if connection.vendor == "sqlite":
        table = DOCUMENT_FTS_TABLE
        sql = f"SELECT rowid, -bm25({table}, {TITLE_WEIGHT}, {BODY_WEIGHT}) FROM {table} WHERE {table} MATCH %s AND rowid > %s"
        params = [query_language.fts5_expression(parsed, mode), after]
    else:
        sql, params = _postgresql_sql(parsed, mode, "e.id > %s", [after], DOCUMENT_LEVEL, columns="e.id")
    return fetch_rows(sql, params)


def bm25(frequency: np.ndarray, length: np.ndarray, idf: float, average_length: float) -> np.ndarray:
    """Return one phrase's share of BM25 for entries with these weighted hits and lengths, as `bm25()` computes it."""
    return idf * ((frequency * (K1 + 1.0)) / (frequency + K1 * (1 - B + B * length / average_length)))


def exact_condition(parsed, mode) -> tuple[str, list]:
    """Return the SQL that makes the tsquery prefilter exact: tokens of a phrase adjacent and in order."""
    if not query_language.needs_exact_check(parsed):
        return "TRUE", []

    params: list = []
    groups = []
    for group in parsed.groups:
        conditions = []
        for phrase in group.phrases:
            condition, condition_params = phrase_condition(phrase, "e")
            conditions.append(condition)
            params.extend(condition_params)
        groups.append("(" + " OR ".join(conditions) + ")")
    joiner = " AND " if mode == "and" else " OR "
    return "(" + joiner.join(groups) + ")", params


def inverse_frequency(total: int, frequency: int) -> float:
    """Return the inverse document frequency as FTS5's bm25() computes it."""
    idf = math.log((total - frequency + 0.5) / (frequency + 0.5))
    return idf if idf > 0 else 1e-6


def document_frequencies(phrases: list[query_language.Phrase]) -> dict[query_language.Phrase, int]:
    """Return the number of whole documents containing each phrase (for suggestions)."""
    return {phrase: frequencies.phrase_frequency(phrase, DOCUMENT_LEVEL) for phrase in phrases}
