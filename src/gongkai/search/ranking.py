"""From matching entries to ranked documents: combine levels, fold versions, apply boosts.

A document's relevance is the BM25 of the whole document plus PART_WEIGHT times the BM25 of its
best-matching article or section, times the factors below. Everything here runs in Python on
the BM25 scores the database returns, so the order is the same on SQLite and PostgreSQL. Scores
are rounded to 9 decimals before sorting, and ties fall back to the publication date
and then to the order in which documents were stored.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gongkai.documents.choices import Validity
from gongkai.search.backends import ROW_COLUMNS, Match

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
_CURRENT, _VALIDITY = COLUMN["is_current"], COLUMN["validity"]


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


def fold_positions(table, positions: np.ndarray, scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Keep one of these positions in a `columns.DocumentTable` per version chain, and its score.

    The current version is kept when it matches, else the best-scoring older one (the latest
    stored on a tie). The positions keep their order.
    """
    versioned = table.versioned[positions]
    if not versioned.any():
        return positions, scores

    # Only texts with several versions need sorting: 6 % of the documents at 100,000, where
    # sorting all 50,000 results of a question took 17 ms.
    indices = np.flatnonzero(versioned)
    chained = positions[indices]
    roots = table.version_root_id[chained]
    order = np.lexsort((-table.document_id[chained], -scores[indices], ~table.current[chained], roots))
    keep = ~versioned
    keep[indices[order[np.unique(roots[order], return_index=True)[1]]]] = True
    return positions[keep], scores[keep]


def position_factors(table, positions: np.ndarray, demote: bool) -> np.ndarray:
    """Return `row_factor` for each of these positions that `fold_positions` chose."""
    factors = np.where(table.current[positions], 1.0, SUPERSEDED_FACTOR)
    if demote:
        factors = np.where(table.inactive[positions], factors * INACTIVE_FACTOR, factors)
    return factors


def relevance_order(table, positions: np.ndarray, scores: np.ndarray, first: int | None = None) -> tuple[np.ndarray, int]:
    """Return the indices that sort these positions as `relevance_key` sorts results with these final scores.

    The second value is the number of indices sorted. With `first`, only a leading part of at
    least `first` indices is sorted. The other indices follow it in no particular order, and all
    of them sort after it.
    """
    rounded = -np.round(scores, 9)
    return _leading_order(rounded, first, lambda indices: (table.document_id[positions[indices]], table.negated_date[positions[indices]], rounded[indices]))


def date_order(table, positions: np.ndarray, scores: np.ndarray, first: int | None = None) -> tuple[np.ndarray, int]:
    """Return the indices that sort these positions as `date_key` does, as `relevance_order` returns them."""
    dates = table.negated_date[positions]
    return _leading_order(dates, first, lambda indices: (table.document_id[positions[indices]], -np.round(scores[indices], 9), dates[indices]))


def _leading_order(primary: np.ndarray, first: int | None, keys) -> tuple[np.ndarray, int]:
    # Sorting all 50,000 results of a question took 8 ms, and a page needs the first ten. Every
    # index whose primary key is at most the first-th smallest is sorted, ties included, so the
    # unsorted rest sorts after them.
    size = len(primary)
    if first is None or first >= size:
        indices = np.arange(size)
    else:
        bound = np.partition(primary, max(first, 1) - 1)[max(first, 1) - 1]
        indices = np.flatnonzero(primary <= bound)
    leading = indices[np.lexsort(keys(indices))]
    if len(leading) == size:
        return leading, size
    rest = np.ones(size, dtype=bool)
    rest[leading] = False
    return np.concatenate([leading, np.flatnonzero(rest)]), len(leading)


def row_factor(row: tuple, demote: bool) -> float:
    """Return the factor of the result a folded row represents: superseded, and inactive unless filtered for."""
    factor = 1.0 if row[_CURRENT] else SUPERSEDED_FACTOR
    if demote and row[_VALIDITY] in INACTIVE:
        factor *= INACTIVE_FACTOR
    return factor


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
