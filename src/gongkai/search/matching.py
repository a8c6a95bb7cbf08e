"""Choosing and scoring whole documents, as arrays over `columns.DocumentTable`.

A search on all words queries the database for the matching entries and their BM25 in one query.
A search on any word (a question typed as a sentence) adds up instead each phrase's own scores,
which are cached per index generation. The BM25 of a query is the sum of its phrases' shares,
and FTS5 adds them in query order too, so the result is the same to the last bit. The words of
everyday questions recur (劳动合同, 工伤, 赔偿), and at 100,000 documents reading and scoring their
lists again was most of the time a question took.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from django.conf import settings
from django.db import connection

from gongkai.search import backends, columns, frequencies, memory, postinglists
from gongkai.search import query as query_language
from gongkai.search.counts import DOCUMENT_LEVEL, PART_LEVEL
from gongkai.search.backends import BODY_WEIGHT, TITLE_WEIGHT
from gongkai.search.fulltext import FTS_TABLE

# A phrase found in 10,000 documents takes 160 kB, and in 10,000 articles 80 kB.
_postings = memory.GenerationCache("phrase postings", lambda: settings.SEARCH_MEMORY_MB * 1024 * 1024)


@dataclass(frozen=True)
class Scored:
    """Positions in the document table, ascending, and the BM25 of each."""

    positions: np.ndarray
    scores: np.ndarray

    @classmethod
    def empty(cls) -> Scored:
        return cls(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64))

    def __len__(self) -> int:
        return len(self.positions)

    def nbytes(self) -> int:
        return self.positions.nbytes + self.scores.nbytes


def match(parsed: query_language.ParsedQuery, mode: str, allowed: np.ndarray) -> Scored:
    """Return the whole documents matching `parsed` in `mode` ("and" or "or") among the `allowed` positions."""
    if parsed.is_empty:
        return Scored.empty()
    if mode == "or" or _single_tokens(parsed) and postinglists.available():
        scored = _from_phrases(parsed, mode)
    else:
        scored = _from_rows(backends.document_scores(parsed, mode))

    keep = allowed[scored.positions]
    if parsed.excluded:
        excluded = np.zeros(len(allowed), dtype=bool)
        for phrase in parsed.excluded:
            excluded[phrase_postings(phrase).positions] = True
        keep &= ~excluded[scored.positions]
    return Scored(scored.positions[keep], scored.scores[keep])


def _single_tokens(parsed: query_language.ParsedQuery) -> bool:
    # With the posting lists, combining the phrases' own scores costs far less than an FTS5 query
    # on all words, which reads and scores every document containing each common word.
    return all(len(phrase.tokens) == 1 for phrase in parsed.phrases_in_order())


def phrase_postings(phrase: query_language.Phrase) -> Scored:
    """Return the whole documents containing `phrase` and the phrase's share of their BM25."""
    return _postings.get((DOCUMENT_LEVEL, phrase.tokens), lambda: _document_postings(phrase), Scored.nbytes)


def part_postings(phrase: query_language.Phrase) -> np.ndarray:
    """Return the ids of the article and section entries containing `phrase`, ascending (SQLite only).

    The articles of a question's best documents that contain its selective words are found here
    instead of by a filtered FTS5 query, which read the words' whole lists again for every question.
    """
    return _postings.get((PART_LEVEL, phrase.tokens), lambda: _part_postings(phrase), lambda ids: ids.nbytes)


def stored_part_postings(phrase: query_language.Phrase) -> np.ndarray | None:
    """Return `part_postings` when the phrase has a cached or stored list, else None, without reading its whole list from FTS5."""
    key = (PART_LEVEL, phrase.tokens)
    if _postings.contains(key):
        return part_postings(phrase)
    listed = postinglists.part_list(phrase)
    if listed is None:
        return None
    return _postings.get(key, lambda: _with_later_parts(listed, phrase), lambda ids: ids.nbytes)


def part_ids_between(phrase: query_language.Phrase, starts: list[int], ends: list[int]) -> np.ndarray:
    """Return the ids of the part entries containing `phrase` strictly between each start and end (SQLite only)."""
    single = _single(phrase)
    found = [_part_ids(single, after=start, before=end) for start, end in zip(starts, ends)]
    return np.concatenate(found) if found else np.zeros(0, dtype=np.int64)


def _single(phrase: query_language.Phrase) -> query_language.ParsedQuery:
    return query_language.ParsedQuery(raw=phrase.surface, groups=[query_language.TermGroup(phrase.surface, [phrase])])


def _document_postings(phrase: query_language.Phrase) -> Scored:
    """Return the phrase's document scores from its stored list (see `postinglists`) and FTS5, or from FTS5 alone when it has no list."""
    listed = postinglists.document_list(phrase)
    if listed is None:
        return _from_rows(backends.document_scores(_single(phrase), "and"))

    table = columns.table()
    positions, found = table.locate(listed.ids)
    positions = positions[found]
    frequency = TITLE_WEIGHT * listed.title_hits[found] + BODY_WEIGHT * listed.body_hits[found]
    total, average_length = frequencies.collection(DOCUMENT_LEVEL)
    idf = backends.inverse_frequency(total, frequencies.phrase_frequency(phrase, DOCUMENT_LEVEL))
    scores = backends.bm25(frequency, table.length[positions], idf, average_length)

    later = _from_rows(backends.document_scores(_single(phrase), "and", after=listed.through_id))
    return Scored(np.concatenate([positions, later.positions]), np.concatenate([scores, later.scores]))


def _part_postings(phrase: query_language.Phrase) -> np.ndarray:
    listed = postinglists.part_list(phrase)
    if listed is None:
        return _part_ids(_single(phrase))
    return _with_later_parts(listed, phrase)


def _with_later_parts(listed: postinglists.PartList, phrase: query_language.Phrase) -> np.ndarray:
    return _compact(np.concatenate([listed.ids, _part_ids(_single(phrase), after=listed.through_id)]))


def _part_ids(single: query_language.ParsedQuery, after: int = 0, before: int = np.iinfo(np.int64).max) -> np.ndarray:
    # One string of ids parses 3 times faster than a row per id: 38 against 116 ms for the
    # 330,000 articles containing 申请 at 100,000 documents.
    sql = f"SELECT group_concat(rowid, ' ') FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s AND rowid > %s AND rowid < %s"
    with connection.cursor() as cursor:
        cursor.execute(sql, [query_language.fts5_expression(single, "and"), after, int(before)])
        text = cursor.fetchone()[0]
    return _compact(np.sort(np.fromstring(text, dtype=np.int64, sep=" ")) if text else np.zeros(0, dtype=np.int64))


def _compact(ids: np.ndarray) -> np.ndarray:
    # Ids below 2³² fit in 32 bits, which halves the size (4.5 million articles at 100,000 documents).
    return ids.astype(np.uint32) if not len(ids) or ids[-1] < 2**32 else ids


def _from_phrases(parsed: query_language.ParsedQuery, mode: str) -> Scored:
    size = len(columns.table())
    selected = np.zeros(size, dtype=bool) if mode == "or" else np.ones(size, dtype=bool)
    for group in parsed.groups:
        in_group = np.zeros(size, dtype=bool)
        for phrase in group.phrases:
            in_group[phrase_postings(phrase).positions] = True
        selected = selected | in_group if mode == "or" else selected & in_group

    scores = np.zeros(size, dtype=np.float64)
    for phrase in parsed.phrases_in_order():
        postings = phrase_postings(phrase)
        scores[postings.positions] += postings.scores
    positions = np.flatnonzero(selected)
    return Scored(positions, scores[positions])


def _from_rows(rows: list[tuple[int, float]]) -> Scored:
    if not rows:
        return Scored.empty()
    ids = np.fromiter((row[0] for row in rows), dtype=np.int64, count=len(rows))
    scores = np.fromiter((row[1] for row in rows), dtype=np.float64, count=len(rows))
    order = np.argsort(ids, kind="stable")
    positions, found = columns.table().locate(ids[order])
    return Scored(positions[found], scores[order][found])
