"""From matching entries to ranked documents: group by document, fold versions, apply boosts.

Everything here runs in Python on the BM25 scores the database returns, so the order is the
same on SQLite and PostgreSQL. Scores are rounded to 9 significant digits before sorting and
ties fall back to the publication date and then to the order in which documents were stored.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from gongkai.documents.choices import Validity
from gongkai.search.backends import Match
from gongkai.search.models import EntryKind

WHOLE_DOCUMENT_WEIGHT = 1.0
"""Weight of the whole-document BM25 added to the best article's or section's BM25."""

TITLE_BOOST = 1.0
"""A document whose title contains every query term scores (1 + TITLE_BOOST) times as much."""

SUPERSEDED_FACTOR = 0.7
"""Applied when only an older version of a text matches, not its current version."""

INACTIVE_FACTOR = 0.5
"""Applied to expired and repealed documents unless the user filters by validity."""

INACTIVE = {Validity.EXPIRED, Validity.REPEALED}


@dataclass
class DocumentResult:
    """One result: a document, the entry that matched best, and the chain of versions it stands for."""

    document_id: int
    version_root_id: int
    score: float
    best: Match
    whole: Match | None
    matched_versions: int = 1
    title_fraction: float = 0.0
    columns: Match = field(repr=False, default=None)


def group_by_document(matches: list[Match]) -> dict[int, DocumentResult]:
    """Combine each document's entries: the best article or section plus the whole-document score."""
    by_document: dict[int, list[Match]] = defaultdict(list)
    for match in matches:
        by_document[match.document_id].append(match)

    results = {}
    for document_id, entries in by_document.items():
        whole = next((entry for entry in entries if entry.kind == EntryKind.DOCUMENT), None)
        parts = [entry for entry in entries if entry.kind != EntryKind.DOCUMENT]
        best_part = max(parts, key=lambda entry: (entry.score, -entry.position)) if parts else None
        score = (best_part.score if best_part else 0.0) + WHOLE_DOCUMENT_WEIGHT * (whole.score if whole else 0.0)
        best = best_part or whole
        results[document_id] = DocumentResult(document_id, best.version_root_id, score, best, whole, columns=best)
    return results


def fold_versions(results: dict[int, DocumentResult]) -> list[DocumentResult]:
    """Keep one result per version chain: the current version when it matches, else the best-scoring one."""
    chains: dict[int, list[DocumentResult]] = defaultdict(list)
    for result in results.values():
        chains[result.version_root_id].append(result)

    folded = []
    for members in chains.values():
        current = [member for member in members if member.columns.is_current]
        chosen = current[0] if current else max(members, key=lambda member: (member.score, member.document_id))
        if not current:
            chosen.score *= SUPERSEDED_FACTOR
        chosen.matched_versions = len(members)
        folded.append(chosen)
    return folded


def demote_inactive(results: list[DocumentResult]) -> None:
    for result in results:
        if result.columns.validity in INACTIVE:
            result.score *= INACTIVE_FACTOR


def relevance_key(result: DocumentResult) -> tuple:
    """Sort key: score, then newest first, then creation order (ids rise in creation order on both databases)."""
    return (-_rounded(result.score), _negated_date(result.columns.publish_date), result.document_id)


def date_key(result: DocumentResult) -> tuple:
    return (_negated_date(result.columns.publish_date), -_rounded(result.score), result.document_id)


def _rounded(score: float) -> float:
    return float(f"{score:.9g}")


def _negated_date(date) -> int:
    return -date.toordinal() if date else 0
