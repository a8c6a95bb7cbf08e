"""Collection statistics for BM25 and for leaving out common words, cached per process.

A search needs, for each level (whole documents, or articles and sections), the number of
entries, their mean length and how many entries contain each query phrase. Counting the
entries that contain 规定 among 4.5 million articles takes longer than the rest of a search, and
the same words come back in most questions, so the counts are kept until the index generation
changes (see `memory`). Both databases count the same entries, so the figures, and every score
built on them, are equal on SQLite and PostgreSQL.
"""

from __future__ import annotations

from django.db import connection

from gongkai.search import query as query_language
from gongkai.search import counts, memory
from gongkai.search.counts import DOCUMENT_LEVEL, PART_LEVEL
from gongkai.search.fulltext import DOCUMENT_FTS_TABLE, ENTRY_TABLE, FTS_TABLE

FTS_TABLES = {DOCUMENT_LEVEL: DOCUMENT_FTS_TABLE, PART_LEVEL: FTS_TABLE}
LEVEL_CONDITIONS = {DOCUMENT_LEVEL: "kind = 'document'", PART_LEVEL: "kind <> 'document'"}

FREQUENCY_BYTES = 16 * 1024 * 1024
"""Budget of the cached counts, at about 200 bytes each."""

_statistics = memory.GenerationCache("collection statistics", FREQUENCY_BYTES)


def collection(level: str) -> tuple[int, float]:
    """Return the number of entries of `level` and their mean length in tokens."""
    return _cached(("collection", level), lambda: _collection(level))


def phrase_frequency(phrase: query_language.Phrase, level: str) -> int:
    """Return the number of entries of `level` containing `phrase`."""
    return phrase_frequencies([phrase], level)[0]


def phrase_frequencies(phrases: list[query_language.Phrase], level: str) -> list[int]:
    """Return `phrase_frequency` of each phrase, reading the counts of single tokens in one query."""
    missing = [phrase.tokens[0] for phrase in phrases if _countable(phrase) and not _statistics.contains(("phrase", level, phrase.tokens))]
    found = counts.token_entries(level, sorted(set(missing)))
    return [
        _cached(("phrase", level, phrase.tokens), lambda: found[phrase.tokens[0]] if phrase.tokens[0] in found else _token_count(phrase, level))
        for phrase in phrases
    ]


def _countable(phrase: query_language.Phrase) -> bool:
    return len(phrase.tokens) == 1 and counts.countable(phrase.tokens[0])


def _token_count(phrase: query_language.Phrase, level: str) -> int:
    if _countable(phrase):
        return counts.token_entries(level, [phrase.tokens[0]])[phrase.tokens[0]]
    return _count([phrase], level)


def group_frequency(group: query_language.TermGroup) -> int:
    """Return the number of whole documents matching `group` (any of its phrases), as a search matches them."""
    if len(group.phrases) == 1:
        return phrase_frequency(group.phrases[0], DOCUMENT_LEVEL)
    key = ("group", tuple(phrase.tokens for phrase in group.phrases))
    return _cached(key, lambda: _count(group.phrases, DOCUMENT_LEVEL))


def group_frequencies(groups: list[query_language.TermGroup]) -> list[int]:
    """Return `group_frequency` of each group, reading the counts of one-word groups in one query."""
    phrase_frequencies([group.phrases[0] for group in groups if len(group.phrases) == 1], DOCUMENT_LEVEL)
    return [group_frequency(group) for group in groups]


def _cached(key: tuple, compute):
    return _statistics.get(key, compute, lambda value: 200)


def _collection(level: str) -> tuple[int, float]:
    count, tokens = counts.level_total(level)
    return count, (float(tokens) / float(count)) if count else 1.0


def _count(phrases: list[query_language.Phrase], level: str) -> int:
    """Count the entries of `level` containing any of `phrases`."""
    if connection.vendor == "sqlite":
        table = FTS_TABLES[level]
        sql = f"SELECT count(*) FROM {table} WHERE {table} MATCH %s"
        params = [" OR ".join(query_language.fts5_phrase(phrase) for phrase in phrases)]
    else:
        from gongkai.search.backends import phrase_condition

        conditions = []
        params = []
        for phrase in phrases:
            condition, condition_params = phrase_condition(phrase, "e")
            conditions.append(condition)
            params.extend(condition_params)
        sql = f"SELECT count(*) FROM {ENTRY_TABLE} e WHERE e.{LEVEL_CONDITIONS[level]} AND ({' OR '.join(conditions)})"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]
