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
from ahocorasick_rs import BytesAhoCorasick
from django.db import connection

from gongkai.search import backends, columns, frequencies, matching
from gongkai.search import query as query_language
from gongkai.search.backends import BODY_WEIGHT, ROW_COLUMNS, TITLE_WEIGHT, Match
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
    rows = _read(candidates)
    if not rows:
        return []
    entry_ids, document_ids, positions, titles, bodies, lengths = zip(*rows)
    scores = scorer.scores(titles, bodies, lengths)
    entry_ids, document_ids, positions = np.array(entry_ids), np.array(document_ids), np.array(positions)

    # Each document's best part: the highest score, then the earliest position, then the highest id.
    order = np.lexsort((entry_ids, -positions, scores, document_ids))
    last = np.append(document_ids[order][1:] != document_ids[order][:-1], True)
    best = order[last]
    return _matches(dict(zip(entry_ids[best].tolist(), scores[best].tolist())))


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


class PhraseCounter:
    """Counts of phrases in space-separated token columns, as FTS5 counts phrase hits.

    All the columns are searched in one pass of an Aho-Corasick automaton over their joined text.
    On the laws library's questions with the most candidate articles, testing each phrase in each
    article in turn took 11 µs an article, and the pass takes 4 µs.
    """

    def __init__(self, phrases: list[tuple[str, ...]]):
        patterns = [f" {' '.join(tokens)} ".encode() for tokens in phrases]
        unique = list(dict.fromkeys(patterns))
        self._columns = [unique.index(pattern) for pattern in patterns]
        self._unique = len(unique)
        self._automaton = BytesAhoCorasick(unique) if unique else None

    def counts(self, columns) -> np.ndarray:
        """Return the occurrences of each phrase (column) in each token column (row), overlapping ones included.

        The token columns may be str or UTF-8 bytes.
        """
        encoded = [column if isinstance(column, bytes) else column.encode() for column in columns]
        found = []
        if self._automaton is not None and encoded:
            # Each column is framed by spaces, so every token in it is, and " \0 " between columns
            # keeps a match from spanning two of them. A phrase is found as " token token ".
            found = self._automaton.find_matches_as_indexes(b" " + SEPARATOR.join(encoded) + b" ", overlapping=True)
        if not found:
            return np.zeros((len(encoded), len(self._columns)), dtype=np.int64)

        starts = np.cumsum([1] + [len(column) + len(SEPARATOR) for column in encoded[:-1]])
        matches = np.array(found, dtype=np.int64)
        owners = np.searchsorted(starts, matches[:, 1] + 1, "right") - 1
        counts = np.bincount(owners * self._unique + matches[:, 0], minlength=len(encoded) * self._unique)
        return counts.reshape(len(encoded), self._unique)[:, self._columns]


SEPARATOR = b" \0 "


class Scorer:
    """BM25 of entries for one query, in the order of operations of FTS5's bm25() (see `backends`)."""

    def __init__(self, phrases: list[query_language.Phrase], idfs: list[float], average_length: float):
        self.counter = PhraseCounter([phrase.tokens for phrase in phrases])
        self.idfs = idfs
        self.average_length = average_length

    def scores(self, titles, bodies, lengths) -> np.ndarray:
        """Return the BM25 of each entry from its title and body token columns (str or UTF-8 bytes) and length."""
        # An article repeated in several versions of a law, or in a 转发 notice, is searched once.
        distinct: dict[tuple, int] = {}
        rows = [distinct.setdefault(texts, len(distinct)) for texts in zip(titles, bodies)]
        hits = self.counter.counts([title for title, _ in distinct] + [body for _, body in distinct])
        title_hits, body_hits = hits[: len(distinct)][rows], hits[len(distinct) :][rows]
        lengths = np.asarray(lengths, dtype=np.int64)

        scores = np.zeros(len(rows), dtype=np.float64)
        for column, idf in enumerate(self.idfs):
            frequency = TITLE_WEIGHT * title_hits[:, column] + BODY_WEIGHT * body_hits[:, column]
            # A phrase an entry lacks adds nothing, as in FTS5, which skips it.
            scores = np.where(frequency > 0, scores + backends.bm25(frequency, lengths, idf, self.average_length), scores)
        return scores

    def score(self, title_tokens: str | bytes, body_tokens: str | bytes, length: int) -> float:
        """Return the BM25 of one entry."""
        return float(self.scores([title_tokens], [body_tokens], [length])[0])


def title_fractions(parsed: query_language.ParsedQuery, entry_ids: dict[int, int]) -> dict[int, float]:
    """Return, per document id, the share of query groups found in its title or 发文字号.

    `entry_ids` maps the whole-document entry id of each document to the document id.
    """
    if not parsed.groups or not entry_ids:
        return {}
    placeholders = ", ".join(["%s"] * len(entry_ids))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, title_tokens FROM {ENTRY_TABLE} WHERE id IN ({placeholders})", list(entry_ids))
        rows = cursor.fetchall()
    if not rows:
        return {}

    phrases = [phrase.tokens for group in parsed.groups for phrase in group.phrases]
    groups = np.repeat(np.arange(len(parsed.groups)), [len(group.phrases) for group in parsed.groups])
    found = PhraseCounter(phrases).counts([tokens for _, tokens in rows]) > 0
    in_groups = np.zeros((len(rows), len(parsed.groups)), dtype=bool)
    for column, group in enumerate(groups.tolist()):
        in_groups[:, group] |= found[:, column]
    shares = in_groups.sum(axis=1) / len(parsed.groups)
    return {entry_ids[entry_id]: float(share) for (entry_id, _), share in zip(rows, shares.tolist())}
