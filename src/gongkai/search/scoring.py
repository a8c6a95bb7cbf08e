"""Scoring the articles and sections of the best documents, and their titles, in Python.

FTS5's bm25() counts the rows containing each query phrase across the whole table on every
query. At 100,000 laws the article and section table contains 4.5 million rows, and those counts
cost more than everything else in a search. So the engine asks the database only which
articles and sections of its best documents contain a selective query word, reads their
tokens, and computes the same BM25 as `backends` here, with the counts cached by
`frequencies`. The same code runs on SQLite and PostgreSQL, so the scores are equal on both.
"""

from __future__ import annotations

import json

import numpy as np
from django.db import connection

from gongkai.search import backends, columns, frequencies, matching
from gongkai.search import query as query_language
from gongkai.search.backends import B, BODY_WEIGHT, K1, ROW_COLUMNS, TITLE_WEIGHT, Match
from gongkai.search.frequencies import PART_LEVEL
from gongkai.search.fulltext import ENTRY_TABLE


WHOLE_LIST_MAX_PARTS = 50_000
"""A phrase in more articles and sections than this, with no stored or cached list of them, is
looked up within each best document instead. At 100,000 documents, reading the 330,000 articles
containing 申请 takes 38 ms, and 100 lookups within documents take 7 ms."""


def part_matches(parsed: query_language.ParsedQuery, selective: query_language.ParsedQuery, documents: dict[int, int]) -> list[Match]:
    """Return the best article or section of each of these documents, scored on all of `parsed`.

    `documents` maps each document id to the id of its whole-document entry. Only parts
    containing a word of `selective` are candidates. The best is the highest score, then the
    earliest part.
    """
    if parsed.is_empty or selective.is_empty or not documents:
        return []
    phrases = parsed.phrases_in_order()
    total, average_length = frequencies.collection(PART_LEVEL)
    idfs = [backends.inverse_frequency(total, count) for count in frequencies.phrase_frequencies(phrases, PART_LEVEL)]
    scorer = Scorer(phrases, idfs, average_length)

    if connection.vendor == "sqlite":
        candidates = _candidates_from_postings(selective, list(documents.values()))
    else:
        candidates = _candidates_from_sql(selective, list(documents))
    best: dict[int, tuple] = {}
    for entry_id, document_id, position, title_tokens, body_tokens, length in _read(candidates):
        # An article repeated in several versions of a law, or in a 转发 notice, is scored once.
        candidate = (scorer.cached_score(title_tokens, body_tokens, length), -position, entry_id)
        if document_id not in best or candidate > best[document_id]:
            best[document_id] = candidate
    if not best:
        return []
    return _matches({entry_id: score for score, _, entry_id in best.values()})


def _read(entry_ids) -> list[tuple]:
    if not len(entry_ids):
        return []
    ids = [int(entry_id) for entry_id in entry_ids]
    if connection.vendor == "sqlite":
        # One JSON parameter instead of thousands of bound ones: 8 % less time per row. The token
        # columns come as UTF-8 bytes, because decoding them to str took a third of the time.
        tokens = "CAST(e.title_tokens AS BLOB), CAST(e.body_tokens AS BLOB)"
        condition, params = "e.id IN (SELECT value FROM json_each(%s))", [json.dumps(ids)]
    else:
        tokens = "e.title_tokens, e.body_tokens"
        condition, params = "e.id = ANY(%s)", [ids]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT e.id, e.document_id, e.position, {tokens}, e.length FROM {ENTRY_TABLE} e WHERE {condition}", params)
        return cursor.fetchall()


def _matches(scores: dict[int, float]) -> list[Match]:
    """Read these entries' columns and return them as matches with these scores."""
    placeholders = ", ".join(["%s"] * len(scores))
    columns = ", ".join(f"e.{column}" for column in ROW_COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM {ENTRY_TABLE} e WHERE e.id IN ({placeholders})", list(scores))
        rows = cursor.fetchall()

    return [backends.to_match((*row, scores[row[0]])) for row in rows]


def _candidates_from_sql(selective: query_language.ParsedQuery, document_ids: list[int]) -> list[int]:
    condition, condition_params = backends.exact_condition(selective, "or")
    placeholders = ", ".join(["%s"] * len(document_ids))
    sql = (
        f"SELECT e.id FROM {ENTRY_TABLE} e WHERE e.kind <> 'document' AND e.document_id IN ({placeholders}) "
        f"AND e.tsv @@ to_tsquery('simple', %s) AND {condition}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*document_ids, query_language.tsquery(selective, "or"), *condition_params])
        return sorted(row[0] for row in cursor.fetchall())


def _candidates_from_postings(selective: query_language.ParsedQuery, whole_ids: list[int]) -> np.ndarray:
    """Return the parts of these documents that contain a phrase of `selective`, from the phrases' cached id lists.

    On SQLite indexing writes a document's whole entry and then its parts, with consecutive ids
    (see `indexing._insert`). So a document's parts are the part entries between its whole entry and
    the next one, and picking them out of an id list is a binary search.
    """
    table = columns.table()
    positions = table.positions(sorted(whole_ids))
    bounds = np.append(table.ids, np.iinfo(np.int64).max)
    starts, ends = bounds[positions], bounds[positions + 1]

    found = []
    phrases = list({phrase.tokens: phrase for group in selective.groups for phrase in group.phrases}.values())
    for phrase, count in zip(phrases, frequencies.phrase_frequencies(phrases, PART_LEVEL)):
        postings = matching.stored_part_postings(phrase) if count > WHOLE_LIST_MAX_PARTS else matching.part_postings(phrase)
        if postings is None:
            found.append(matching.part_ids_between(phrase, starts.tolist(), ends.tolist()))
            continue
        limit = np.iinfo(postings.dtype).max
        # Search with the list's own type, because mixed types would copy the whole list each time.
        lows = np.searchsorted(postings, np.minimum(starts, limit).astype(postings.dtype), "right")
        highs = np.searchsorted(postings, np.minimum(ends, limit).astype(postings.dtype), "left")
        found.extend(postings[low:high] for low, high in zip(lows.tolist(), highs.tolist()) if low < high)
    return np.unique(np.concatenate(found)) if found else np.zeros(0, dtype=np.int64)


class TokenText:
    """A space-separated token column, searchable for phrases without splitting it in most cases.

    The column may be str or UTF-8 bytes; the phrases searched must then be of the same type.
    """

    def __init__(self, text: str | bytes):
        space = b" " if isinstance(text, bytes) else " "
        # Doubled separators keep adjacent equal tokens from sharing one, so count() counts each.
        self.padded = space + text.replace(space, space * 2) + space
        self.text = text
        self._tokens: list | None = None

    def hits(self, phrase: tuple, pattern: str | bytes | None = None) -> int:
        """Count the occurrences of `phrase`, overlapping ones included, as FTS5 counts phrase hits."""
        pattern = pattern or padded_pattern(phrase)
        if len(phrase) == 1 or pattern not in self.padded:
            return self.padded.count(pattern)
        if self._tokens is None:
            self._tokens = self.text.split()
        return phrase_hits(self._tokens, phrase)


def padded_pattern(phrase: tuple) -> str | bytes:
    space = b" " if phrase and isinstance(phrase[0], bytes) else " "
    return space + (space * 2).join(phrase) + space


class Scorer:
    """BM25 of entries for one query, in the order of operations of FTS5's bm25() (see `backends`)."""

    def __init__(self, phrases: list[query_language.Phrase], idfs: list[float], average_length: float):
        self.terms = [(phrase.tokens, " ".join(phrase.tokens), padded_pattern(phrase.tokens), idf) for phrase, idf in zip(phrases, idfs)]
        self.byte_terms = [
            (tuple(token.encode() for token in tokens), text.encode(), pattern.encode(), idf) for tokens, text, pattern, idf in self.terms
        ]
        self.average_length = average_length
        self._scores: dict[tuple, float] = {}

    def cached_score(self, title_tokens: str | bytes, body_tokens: str | bytes, length: int) -> float:
        """Return `score`, computed once per distinct text."""
        key = (title_tokens, body_tokens, length)
        if key not in self._scores:
            self._scores[key] = self.score(title_tokens, body_tokens, length)
        return self._scores[key]

    def score(self, title_tokens: str | bytes, body_tokens: str | bytes, length: int) -> float:
        """Return the BM25 of an entry whose token columns are both str or both UTF-8 bytes."""
        # FTS5 computes this denominator term inline for every phrase; the value is the same.
        norm = K1 * (1 - B + B * length / self.average_length)
        title = body = None
        score = 0.0
        for tokens, text, pattern, idf in self.byte_terms if isinstance(body_tokens, bytes) else self.terms:
            # A plain substring test rules most phrases out before any counting.
            if text not in body_tokens and text not in title_tokens:
                continue
            title = title or TokenText(title_tokens)
            body = body or TokenText(body_tokens)
            frequency = TITLE_WEIGHT * title.hits(tokens, pattern) + BODY_WEIGHT * body.hits(tokens, pattern)
            score += idf * ((frequency * (K1 + 1.0)) / (frequency + norm))
        return score


def phrase_hits(tokens: list[str], phrase: tuple[str, ...]) -> int:
    """Count the occurrences of a phrase of several tokens in `tokens`, overlapping ones included."""
    size = len(phrase)
    first = phrase[0]
    hits = 0
    start = 0
    while True:
        try:
            start = tokens.index(first, start)
        except ValueError:
            return hits
        if tuple(tokens[start : start + size]) == phrase:
            hits += 1
        start += 1


def title_fractions(parsed: query_language.ParsedQuery, entry_ids: dict[int, int]) -> dict[int, float]:
    """Return, per document id, the share of query groups found in its title or 发文字号.

    `entry_ids` maps the whole-document entry id of each document to the document id.
    """
    if not parsed.groups or not entry_ids:
        return {}
    placeholders = ", ".join(["%s"] * len(entry_ids))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, title_tokens FROM {ENTRY_TABLE} WHERE id IN ({placeholders})", list(entry_ids))
        titles = {entry_ids[entry_id]: TokenText(tokens) for entry_id, tokens in cursor.fetchall()}

    fractions = {}
    for document_id, title in titles.items():
        found = sum(1 for group in parsed.groups if any(title.hits(phrase.tokens) for phrase in group.phrases))
        fractions[document_id] = found / len(parsed.groups)
    return fractions
