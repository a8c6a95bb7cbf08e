"""Hybrid retrieval of passages: BM25 from the search index plus dense vectors, fused, then reranked.

BM25 scores the search engine's article and section entries (the same entries `gongkai.search`
ranks) and adds the whole document's BM25, as the engine's ranking does. The dense side searches
the in-memory vector index. The two rankings are fused by reciprocal rank fusion (RRF), chosen
over a weighted score sum because BM25 and cosine scores have unrelated scales (measured in
docs/benchmarks.md). A rerank endpoint, when configured, reorders the fused candidates.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field

import httpx
from django.conf import settings
from django.db import connection

from gongkai.assistant import question_filters
from gongkai.assistant.embedding import EmbeddingError, get_embedder
from gongkai.assistant.models import Passage
from gongkai.assistant.vectors import get_index
from gongkai.documents.choices import Disclosure, Validity
from gongkai.documents.models import Document
from gongkai.search import backends
from gongkai.search import filters as search_filters
from gongkai.search import query as query_language
from gongkai.search.fulltext import ENTRY_TABLE
from gongkai.search.tokenizer import normalise

logger = logging.getLogger(__name__)

DEPTH = 100
"""Candidates taken from each ranking before fusion."""

RRF_K = 60
"""The constant of reciprocal rank fusion: score = Σ 1 / (RRF_K + rank)."""

FUSION_WEIGHTS = {"bm25": 1.0, "dense": 1.0}
"""Weight of each ranking in the fusion."""

WHOLE_DOCUMENT_WEIGHT = 1.0
"""Weight of the whole document's BM25 added to a passage's own BM25."""

MIN_COVERAGE = 0.5
"""A passage is evidence when it contains at least this share of the question's content words ..."""

MIN_SIMILARITY = 0.87
"""... or when its cosine similarity to the question reaches this.

An estimate for multilingual-e5-small: on the laws corpus, six everyday off-topic questions
reached at most 0.856 and ten legal questions at least 0.873.
"""


@dataclass
class Candidate:
    """A retrieved passage with the signals that ranked it."""

    passage: Passage
    document: Document
    score: float = 0.0
    bm25_rank: int | None = None
    dense_rank: int | None = None
    similarity: float | None = None
    coverage: float = 0.0

    @property
    def is_active(self) -> bool:
        """True for the current version of a text in force (现行有效)."""
        return self.document.validity == Validity.VALID and self.document.is_current

    @property
    def is_evidence(self) -> bool:
        return self.coverage >= MIN_COVERAGE or (self.similarity is not None and self.similarity >= MIN_SIMILARITY)


@dataclass
class Retrieval:
    question: str
    candidates: list[Candidate]
    filters: question_filters.QuestionFilters
    terms: list[list[str]] = field(default_factory=list)
    relaxed: bool = False


def retrieve(question: str, limit: int = 20, *, dense: bool = True, bm25: bool = True, document_ids: list[int] | None = None) -> Retrieval:
    """Return the best passages for `question`, fused from BM25 and dense rankings.

    Filters read from the question apply first; when they leave no evidence, the search runs
    again without them and `relaxed` is set. `document_ids` restricts every ranking (evaluation).
    """
    parsed = query_language.parse(question)
    terms = [[phrase.surface for phrase in group.phrases] for group in parsed.groups]
    found = question_filters.extract(question)

    if not found.is_empty:
        retrieval = _retrieve(question, parsed, found, limit, dense, bm25, document_ids)
        retrieval.terms = terms
        if any(candidate.is_evidence for candidate in retrieval.candidates):
            return retrieval

    retrieval = _retrieve(question, parsed, question_filters.QuestionFilters(), limit, dense, bm25, document_ids)
    retrieval.terms = terms
    retrieval.relaxed = not found.is_empty
    retrieval.filters = found
    return retrieval


def _retrieve(question, parsed, found, limit, dense, bm25, document_ids) -> Retrieval:
    restrict = _intersect(found.document_ids, document_ids)
    rankings = []
    if bm25:
        rankings.append(("bm25", bm25_ranking(parsed, found.search_filters(), restrict)))
    if dense:
        rankings.append(("dense", dense_ranking(question, found, restrict)))

    fused = fuse(rankings)
    candidates = _load(fused[: limit * 3], parsed, question)
    candidates = rerank(question, candidates)[:limit]
    return Retrieval(question, candidates, found)


def _intersect(first: list[int] | None, second: list[int] | None) -> list[int] | None:
    if first is None:
        return second
    if second is None:
        return first
    return sorted(set(first) & set(second))


def fuse(rankings: list[tuple[str, list[tuple[int, float]]]], weights: dict[str, float] | None = None) -> list[tuple[int, dict]]:
    """Fuse rankings of (passage id, score) by reciprocal rank fusion; return (passage id, signals), best first."""
    weights = FUSION_WEIGHTS if weights is None else weights
    fused: dict[int, dict] = defaultdict(lambda: {"score": 0.0})
    for name, ranking in rankings:
        for rank, (passage_id, score) in enumerate(ranking, start=1):
            signals = fused[passage_id]
            if f"{name}_rank" in signals:
                continue
            signals["score"] += weights.get(name, 1.0) / (RRF_K + rank)
            signals[f"{name}_rank"] = rank
            signals[f"{name}_score"] = score
    return sorted(fused.items(), key=lambda item: (-item[1]["score"], item[0]))


def bm25_ranking(parsed, filters: dict, document_ids: list[int] | None, depth: int = DEPTH) -> list[tuple[int, float]]:
    """Return (passage id, BM25) pairs, best first: each article's or section's BM25 plus its document's."""
    if parsed.is_empty:
        return []
    parts = _part_matches(parsed, filters, document_ids, depth)
    if not parts:
        return []
    documents = backends.find(parsed, "or", "1 = 1", [], level=backends.DOCUMENT_LEVEL, document_ids=sorted({match.document_id for match in parts}))
    whole = {match.document_id: match.score for match in documents}
    scores = {match.part_id: match.score + WHOLE_DOCUMENT_WEIGHT * whole.get(match.document_id, 0.0) for match in parts if match.part_id}

    by_part: dict[int, list[int]] = defaultdict(list)
    for passage_id, part_id in Passage.objects.filter(part_id__in=list(scores)).order_by("position").values_list("id", "part_id"):
        by_part[part_id].append(passage_id)
    ranking = []
    for part_id in sorted(scores, key=lambda part_id: -scores[part_id]):
        for passage_id in by_part.get(part_id, []):
            ranking.append((passage_id, scores[part_id]))
    return ranking[:depth]


def _part_matches(parsed, filters: dict, document_ids: list[int] | None, depth: int) -> list[backends.Match]:
    """Return the best article and section entries under BM25 in "or" mode, so a question need not contain every word."""
    if connection.vendor == "sqlite" and not filters and document_ids is None:
        # FTS5 stops after the best rows only when ordered by its `rank` column. The engine's
        # `find` returns every matching entry, which costs seconds for ten common words.
        # NOTE: the disclosure filter runs after the limit, so non-public entries can take places.
        table = backends.FTS_TABLES[backends.PART_LEVEL]
        columns = ", ".join(f"e.{column}" for column in backends.ROW_COLUMNS)
        sql = (
            f"WITH top AS (SELECT rowid, rank FROM {table} WHERE {table} MATCH %s AND rank MATCH %s "
            f"ORDER BY rank LIMIT %s) "
            f"SELECT {columns}, -top.rank FROM top JOIN {ENTRY_TABLE} e ON e.id = top.rowid WHERE e.disclosure = %s"
        )
        rank_function = f"bm25({backends.TITLE_WEIGHT}, {backends.BODY_WEIGHT})"
        return backends.run(sql, [query_language.fts5_expression(parsed, "or"), rank_function, depth * 2, Disclosure.PROACTIVE.value])

    condition = search_filters.build(search_filters.normalise(filters), include_nonpublic=False)
    # NOTE: PostgreSQL still scores every matching entry before the limit; only FTS5's rank stops early.
    return backends.find(
        parsed, "or", condition.sql, condition.params, level=backends.PART_LEVEL, document_ids=document_ids, limit=depth * 2
    )


def dense_ranking(question: str, found, document_ids: list[int] | None, depth: int = DEPTH) -> list[tuple[int, float]]:
    """Return (passage id, cosine similarity) pairs, best first, or nothing when no embedder is available."""
    embedder = get_embedder()
    if embedder is None:
        return []
    try:
        vector = embedder.embed_queries([question])[0]
    except EmbeddingError as error:
        logger.warning("dense retrieval skipped: %s", error)
        return []

    allowed = None
    if document_ids is not None or not found.is_empty:
        documents = Document.objects.filter(disclosure=Disclosure.PROACTIVE)
        if document_ids is not None:
            documents = documents.filter(pk__in=document_ids)
        if found.year:
            documents = documents.filter(publish_date__year=found.year)
        if found.agency_codes:
            documents = documents.filter(agency_links__position=0, agency_links__agency__code__in=found.agency_codes)
        allowed = set(Passage.objects.filter(document__in=documents).values_list("id", flat=True))
    return get_index(embedder).search(vector, depth, allowed)


def _load(fused: list[tuple[int, dict]], parsed, question: str) -> list[Candidate]:
    passages = Passage.objects.select_related("document").in_bulk([passage_id for passage_id, _ in fused])
    candidates = []
    seen_hashes = set()
    for passage_id, signals in fused:
        passage = passages.get(passage_id)
        if passage is None or passage.document.disclosure != Disclosure.PROACTIVE:
            continue
        if passage.content_hash in seen_hashes and not passage.document.is_current:
            continue
        seen_hashes.add(passage.content_hash)
        candidates.append(
            Candidate(
                passage=passage,
                document=passage.document,
                score=signals["score"],
                bm25_rank=signals.get("bm25_rank"),
                dense_rank=signals.get("dense_rank"),
                similarity=signals.get("dense_score"),
                coverage=coverage(parsed, passage),
            )
        )
    return candidates


def coverage(parsed, passage: Passage) -> float:
    """Return the share of the question's content words (any synonym) found in the passage or its titles."""
    groups = [group for group in parsed.groups if len(group.text) > 1]
    if not groups:
        return 0.0
    haystack = normalise(f"{passage.document.title}{passage.heading_path}{passage.text}")
    matched = sum(1 for group in groups if any(phrase.surface in haystack for phrase in group.phrases))
    return matched / len(groups)


def rerank(question: str, candidates: list[Candidate]) -> list[Candidate]:
    """Reorder candidates with the configured rerank endpoint; keep the fused order when none is set or it fails."""
    config = settings.ASSISTANT
    if not config["RERANK_BASE_URL"] or len(candidates) < 2:
        return candidates
    url = config["RERANK_BASE_URL"].rstrip("/") + "/rerank"
    headers = {"Authorization": f"Bearer {config['RERANK_API_KEY']}"} if config["RERANK_API_KEY"] else {}
    documents = [f"{candidate.document.title}\n{candidate.passage.text}" for candidate in candidates]
    try:
        response = httpx.post(
            url,
            json={"model": config["RERANK_MODEL"], "query": question, "documents": documents},
            headers=headers,
            timeout=config["LLM_TIMEOUT"],
        )
        response.raise_for_status()
        order = [(row["index"], row["relevance_score"]) for row in response.json()["results"]]
    except (httpx.HTTPError, KeyError, TypeError, ValueError) as error:
        logger.warning("rerank endpoint %s failed, keeping the fused order: %s", url, error)
        return candidates

    reranked = [candidates[index] for index, _ in sorted(order, key=lambda item: -item[1]) if 0 <= index < len(candidates)]
    return reranked + [candidate for candidate in candidates if candidate not in reranked]
