"""From matching entries to ranked documents: combine levels, fold versions, apply boosts.

A document's relevance is the BM25 of the whole document plus PART_WEIGHT times the BM25 of its
best-matching article or section, times the factors below. Everything here runs in Python on
the BM25 scores the database returns, so the order is the same on SQLite and PostgreSQL. Scores
are rounded to 9 decimals before sorting, and ties fall back to the publication date
and then to the order in which documents were stored.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from gongkai.documents.choices import Validity
from gongkai.search.backends import ROW_COLUMNS, Match, to_match

PART_WEIGHT = 1.0
"""Weight of the best article's or section's BM25 next to the whole document's BM25."""

TITLE_BOOST = 0.5
"""A document whose title contains every query term scores (1 + TITLE_BOOST) times as much."""

SUPERSEDED_FACTOR = 0.7
"""Applied when only an older version of a text matches, not its current version."""

INACTIVE_FACTOR = 0.5
"""Applied to expired and repealed documents unless the user filters by validity."""

NUMBER_MATCH_BONUS = 1e6
"""Added for an exact 发文字号 match, which always ranks first."""

INACTIVE = {Validity.EXPIRED, Validity.REPEALED}

COLUMN = {name: index for index, name in enumerate(ROW_COLUMNS)}
SCORE = len(ROW_COLUMNS)
_ROOT, _CURRENT, _DOCUMENT, _VALIDITY = COLUMN["version_root_id"], COLUMN["is_current"], COLUMN["document_id"], COLUMN["validity"]


@dataclass
class DocumentResult:
    """One result: a document's whole-document entry, its best part once known, and the score factors."""

    whole: Match
    best: Match
    part_score: float = 0.0
    factor: float = 1.0
    title_fraction: float = 0.0
    number_match: bool = False

    @property
    def document_id(self) -> int:
        return self.whole.document_id

    @property
    def version_root_id(self) -> int:
        return self.whole.version_root_id

    @property
    def columns(self) -> Match:
        return self.whole

    @property
    def score(self) -> float:
        relevance = (self.whole.score + PART_WEIGHT * self.part_score) * self.factor * (1.0 + TITLE_BOOST * self.title_fraction)
        return relevance + (NUMBER_MATCH_BONUS if self.number_match else 0.0)


def fold_versions(matches: list[Match]) -> list[DocumentResult]:
    """Keep one result per version chain: the current version when it matches, else the best-scoring one."""
    chains: dict[int, list[Match]] = defaultdict(list)
    for match in matches:
        chains[match.version_root_id].append(match)

    folded = []
    for members in chains.values():
        current = [member for member in members if member.is_current]
        chosen = current[0] if current else max(members, key=lambda member: (member.score, member.document_id))
        result = DocumentResult(whole=chosen, best=chosen)
        if not current:
            result.factor *= SUPERSEDED_FACTOR
        folded.append(result)
    return folded


def fold_rows(rows: list[tuple]) -> list[tuple]:
    """`fold_versions` for plain rows of ROW_COLUMNS and a score, without building an object per row."""
    chosen: dict[int, tuple] = {}
    for row in rows:
        kept = chosen.get(row[_ROOT])
        if kept is None or (not kept[_CURRENT] and (row[_CURRENT] or (row[SCORE], row[_DOCUMENT]) > (kept[SCORE], kept[_DOCUMENT]))):
            chosen[row[_ROOT]] = row
    return list(chosen.values())


def row_factor(row: tuple, demote: bool) -> float:
    """Return the factor that `fold_versions` and `demote_inactive` give the result a folded row stands for."""
    factor = 1.0 if row[_CURRENT] else SUPERSEDED_FACTOR
    if demote and row[_VALIDITY] in INACTIVE:
        factor *= INACTIVE_FACTOR
    return factor


def row_result(row: tuple, demote: bool, numbered: set[int]) -> DocumentResult:
    match = to_match(row)
    return DocumentResult(whole=match, best=match, factor=row_factor(row, demote), number_match=match.document_id in numbered)


def demote_inactive(results: list[DocumentResult]) -> None:
    for result in results:
        if result.columns.validity in INACTIVE:
            result.factor *= INACTIVE_FACTOR


def add_best_parts(results: list[DocumentResult], part_matches: list[Match]) -> None:
    """Attach to each result its best-scoring part (the earliest on a tie) and that part's score."""
    by_document = {result.document_id: result for result in results}
    for match in sorted(part_matches, key=lambda match: (-match.score, match.position)):
        result = by_document.pop(match.document_id, None)
        if result is not None:
            result.best = match
            result.part_score = match.score


def relevance_key(result: DocumentResult) -> tuple:
    """Sort key: score, then newest first, then creation order (ids rise in creation order on both databases)."""
    return (-_rounded(result.score), _negated_date(result.columns.publish_date), result.document_id)


def date_key(result: DocumentResult) -> tuple:
    return (_negated_date(result.columns.publish_date), -_rounded(result.score), result.document_id)


def _rounded(score: float) -> float:
    return round(score, 9)


def _negated_date(date) -> int:
    return -date.toordinal() if date else 0
