"""The public search interface: `search(SearchRequest) -> SearchResponse`.

Used by the portal, the JSON API and `gongkai search`. A 发文字号 in the query is looked up
exactly first. Then whole documents are matched and scored with BM25, and the best of them add
the score of their best article or section. Versions of one text are folded into one hit, and
the hits of the page get snippets cut from the original text.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import numpy as np
from django.db.models import Prefetch, Q

from gongkai.core.models import Agency
from gongkai.documents.choices import Disclosure, DocType, PartKind, Validity
from gongkai.documents.models import Document, DocumentAgency, Part
from gongkai.search import backends, columns, frequencies, matching, ranking, scoring, state, suggestions
from gongkai.search import filters as search_filters
from gongkai.search import query as query_language
from gongkai.search.fulltext import ENTRY_TABLE
from gongkai.search.models import EntryKind
from gongkai.search.snippets import make_snippet

logger = logging.getLogger(__name__)

RERANK_DEPTH = 100
"""How many of the best documents get their best article or section scored and their title checked."""

MAX_AND_GROUPS = 4
"""Queries with up to this many words (or phrases) require all of them, as long as some document has all."""

COMMON_SHARE = 0.1
"""In an any-word search, a word found in more than this share of documents does not select
documents by itself (as in Lucene's common-terms query); it still counts for articles and titles."""

COMMON_MIN_DOCUMENTS = 200
"""A word found in fewer documents than this is never common: its list is cheap to read."""

MIN_SELECTIVE_GROUPS = 2
"""An any-word search keeps at least this many of its rarest words, however common they are."""

FACETS = list(columns.FACET_COLUMNS)


@dataclass
class SearchRequest:
    q: str = ""
    filters: dict = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    per_page: int = 10
    facets: bool = True
    snippets: bool = True
    include_nonpublic: bool = False


@dataclass
class FacetValue:
    value: str
    label: str
    count: int


@dataclass
class Hit:
    """One result. `article_label` and `anchor` point at the best-matching article or section, if any."""

    document: Document
    score: float
    article_label: str
    anchor: str
    snippet_html: str
    versions: int


@dataclass
class FilterRelaxation:
    """A filter that removed every result, and how many results there are without it."""

    name: str
    label: str
    count: int


@dataclass
class SearchResponse:
    total: int
    took_ms: float
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]
    suggestions: list[str]
    number_match: bool
    relaxations: list[FilterRelaxation] = field(default_factory=list)
    alternatives: list[str] = field(default_factory=list)
    mode: str = "and"
    searched_as: str = ""
    """The query as searched when it differs from the one typed: with traditional characters made simplified."""


def search(request: SearchRequest) -> SearchResponse:
    """Run one search. Raises `InvalidFilter`, with a Chinese message, for an invalid filter value."""
    started = time.perf_counter()
    parsed = query_language.parse(request.q)
    active_filters = search_filters.normalise(request.filters)
    condition = search_filters.build(active_filters, include_nonpublic=request.include_nonpublic)

    with state.pinned():
        ranked = rank(parsed, condition, active_filters)
        page = max(1, request.page)
        per_page = max(1, request.per_page)
        start = (page - 1) * per_page
        page_results = ranked.results(start, start + per_page, request.sort)

        hits = build_hits(page_results, parsed, with_snippets=request.snippets)
        facets = count_facets(ranked.facet_counts()) if request.facets else {}

        response = SearchResponse(
            total=ranked.total,
            took_ms=0.0,
            hits=hits,
            facets=facets,
            suggestions=[],
            number_match=bool(ranked.number_chains),
            mode=ranked.mode,
            searched_as=parsed.raw if parsed.raw != request.q.strip() else "",
        )
        if ranked.total == 0 and not parsed.is_empty:
            suggestions.fill(response, parsed, active_filters, request.include_nonpublic)
    response.took_ms = round((time.perf_counter() - started) * 1000, 1)
    logger.debug("search mode=%s total=%d took_ms=%s", ranked.mode, ranked.total, response.took_ms)
    return response


@dataclass
class Ranking:
    """Every result of a search as positions in the document table, in relevance order.

    `scores` are the whole documents' BM25, `final` the scores after the factors and the 发文字号
    bonus. The first RERANK_DEPTH results are scored in full (best article, title) and kept in
    `head`. The others become results only when a page shows them. Only the first `ordered`
    positions are in order; the rest are sorted when a page reaches them. `matched` contains every
    matching position before versions were folded, for the facet counts.
    """

    table: columns.DocumentTable
    positions: np.ndarray
    scores: np.ndarray
    final: np.ndarray
    head: list[ranking.DocumentResult]
    mode: str
    number_chains: set[int]
    demote: bool = True
    numbered: set[int] = field(default_factory=set)
    ordered: int = 0
    matched: np.ndarray | None = None

    @property
    def total(self) -> int:
        return len(self.positions)

    def facet_counts(self) -> dict[str, dict]:
        """Return, per facet, each value and the number of results the search would have when filtered by it.

        A text with several versions counts once for each value that one of its matching versions
        has: filtered by 2020, the 2020 version of a law amended in 2024 becomes a result of its own.
        """
        matched = self.positions if self.matched is None else self.matched
        versioned = self.table.versioned[matched]
        single, chained = matched[~versioned], matched[versioned]
        roots = self.table.version_root_id[chained]

        counts = {}
        for name, codes in self.table.codes.items():
            size = len(self.table.values[name])
            per_code = np.bincount(codes[single], minlength=size)
            if len(chained):
                pairs = np.unique(roots.astype(np.int64) * size + codes[chained])
                per_code += np.bincount(pairs % size, minlength=size)
            counts[name] = {self.table.values[name][code]: int(per_code[code]) for code in np.flatnonzero(per_code)}
        return counts

    def results(self, start: int, stop: int, sort: str = "relevance") -> list[ranking.DocumentResult]:
        stop = min(stop, self.total)
        if sort != "date":
            self._order_until(stop)
            return self.head[start:stop] + [self.result(index) for index in range(max(start, len(self.head)), stop)]

        # The head was reordered after its articles were scored, but it still fills the first places.
        head_indices = {int(document_id): index for index, document_id in enumerate(self.table.document_id[self.positions[: len(self.head)]])}
        scores = self.final.copy()
        for result in self.head:
            scores[head_indices[result.document_id]] = result.score
        by_document = {result.document_id: result for result in self.head}

        results = []
        for index in ranking.date_order(self.table, self.positions, scores, first=stop)[0][start:stop]:
            document_id = int(self.table.document_id[self.positions[index]])
            results.append(by_document.get(document_id) or self.result(index))
        return results

    def _order_until(self, stop: int) -> None:
        if stop <= self.ordered:
            return
        order_by = ranking.date_order if self.mode == "browse" else ranking.relevance_order
        rest = slice(self.ordered, None)
        order, _ = order_by(self.table, self.positions[rest], self.final[rest])
        for array in (self.positions, self.scores, self.final):
            array[rest] = array[rest][order]
        self.ordered = self.total

    def result(self, index: int) -> ranking.DocumentResult:
        """Return the result at `index` in relevance order, scored on its whole document only."""
        position = int(self.positions[index])
        match = self.table.match(position, float(self.scores[index]))
        return ranking.DocumentResult(
            whole=match,
            best=match,
            factor=ranking.row_factor(self.table.rows[position], self.demote),
            number_match=match.document_id in self.numbered,
        )


def rank(parsed, condition, active_filters) -> Ranking:
    """Return every result in relevance order, with the matching mode used and the chains matched by 发文字号.

    Whole documents are matched and scored first, on all words or else on any word. Versions of
    one text fold into one result, and the best RERANK_DEPTH results then get the score of their
    best article or section and the title boost.
    """
    table = columns.table()
    allowed = columns.allowed(condition)
    numbered_positions = _number_positions(parsed, condition, table)
    demote = "validity" not in active_filters
    if parsed.is_empty and not len(numbered_positions):
        matched = np.flatnonzero(allowed)
        positions, scores = ranking.fold_positions(table, matched, np.zeros(len(matched)))
        order, ordered = ranking.date_order(table, positions, scores, first=RERANK_DEPTH)
        return Ranking(table, positions[order], scores[order], scores[order], [], "browse", set(), demote, ordered=ordered, matched=matched)

    selective = selective_groups(parsed)
    mode, matched = match_documents(parsed, allowed, selective)
    missing = numbered_positions[~np.isin(numbered_positions, matched.positions)]
    every = np.concatenate([matched.positions, missing])
    scores = np.concatenate([matched.scores, np.zeros(len(missing))])
    positions, scores = ranking.fold_positions(table, every, scores)

    numbered = {int(document_id) for document_id in table.document_id[numbered_positions]}
    is_numbered = np.isin(table.document_id[positions], list(numbered))
    final = scores * ranking.position_factors(table, positions, demote) + np.where(is_numbered, ranking.NUMBER_MATCH_BONUS, 0.0)
    order, ordered = ranking.relevance_order(table, positions, final, first=RERANK_DEPTH)
    ranked = Ranking(table, positions[order], scores[order], final[order], [], mode, set(), demote, numbered, ordered, every)

    head = [ranked.result(index) for index in range(min(RERANK_DEPTH, ranked.total))]
    _add_parts(parsed, selective, head)
    _add_title_matches(parsed, head)
    head.sort(key=ranking.relevance_key)
    ranked.head = head
    ranked.number_chains = {int(root) for root in table.version_root_id[positions[is_numbered]]}
    return ranked


def match_documents(parsed, allowed, selective=None) -> tuple[str, matching.Scored]:
    """Match whole documents: every word for short queries, falling back to any word when none match all.

    A query of more than MAX_AND_GROUPS words is a question typed as a sentence. Requiring all
    its words would keep only the longest texts, so it is ranked by any word from the start, and
    only its selective words choose and score the documents.
    """
    if len(parsed.groups) <= MAX_AND_GROUPS:
        matched = matching.match(parsed, "and", allowed)
        if len(matched) or len(parsed.groups) == 1:
            return "and", matched
    return "or", matching.match(selective or selective_groups(parsed), "or", allowed)


def count_documents(parsed, condition) -> int:
    """Return the number of results a search for `parsed` with `condition` has (versions folded)."""
    _, matched = match_documents(parsed, columns.allowed(condition))
    positions, _ = ranking.fold_positions(columns.table(), matched.positions, matched.scores)
    return len(positions)


def selective_groups(parsed: query_language.ParsedQuery) -> query_language.ParsedQuery:
    """Return the query without the words found in more than COMMON_SHARE of all documents.

    Matching and scoring every document that contains 规定 or 政府 costs most of an any-word
    search at 100,000 documents and changes little in the order, since BM25 gives such words
    almost no weight. The MIN_SELECTIVE_GROUPS rarest words always stay.
    """
    if len(parsed.groups) <= MIN_SELECTIVE_GROUPS:
        return parsed
    limit = max(COMMON_SHARE * frequencies.collection(frequencies.DOCUMENT_LEVEL)[0], COMMON_MIN_DOCUMENTS)
    counts = frequencies.group_frequencies(parsed.groups)
    rarest = sorted(range(len(counts)), key=lambda index: (counts[index], index))[:MIN_SELECTIVE_GROUPS]
    kept = [group for index, group in enumerate(parsed.groups) if counts[index] <= limit or index in rarest]
    return dataclasses.replace(parsed, groups=kept)


def _add_parts(parsed, selective, results: list[ranking.DocumentResult]) -> None:
    """Score the articles and sections of these documents and attach each document's best one."""
    if parsed.is_empty or not results:
        return
    matches = scoring.part_matches(parsed, selective, {result.document_id: result.whole.id for result in results})
    ranking.add_best_parts(results, matches)


def _add_title_matches(parsed, results: list[ranking.DocumentResult]) -> None:
    fractions = scoring.title_fractions(parsed, {result.whole.id: result.document_id for result in results})
    for result in results:
        result.title_fraction = fractions.get(result.document_id, 0.0)


def _number_positions(parsed, condition, table) -> np.ndarray:
    """Return the documents with this 发文字号, or whose legislative events cite it (国务院令第711号 修订)."""
    if parsed.number is None:
        return np.zeros(0, dtype=np.int64)
    sql = (
        f"SELECT e.id FROM {ENTRY_TABLE} e "
        f"JOIN documents_document d ON d.id = e.document_id "
        f"WHERE e.kind = %s AND (d.document_number = %s OR d.document_number_original = %s "
        f"OR d.id IN (SELECT document_id FROM documents_legislativeevent WHERE text LIKE %s)) AND {condition.sql}"
    )
    pattern = "%" + parsed.number.canonical.replace("%", "").replace("_", "") + "%"
    params = [EntryKind.DOCUMENT.value, parsed.number.canonical, parsed.number.original, pattern, *condition.params]
    return np.unique(table.positions([row[0] for row in backends.fetch_rows(sql, params)]))


def count_facets(counts: dict[str, dict]) -> dict[str, list[FacetValue]]:
    """Turn counts per agency, 文种, subject, year, validity and disclosure into facet values, most frequent first."""
    agency_ids = [key for key in counts.get("agency", {}) if key]
    agencies = {agency_id: (code, name) for agency_id, code, name in Agency.objects.filter(id__in=agency_ids).values_list("id", "code", "name")}
    labels = {"doc_type": dict(DocType.choices), "validity": dict(Validity.choices), "disclosure": dict(Disclosure.choices)}

    facets = {}
    for name in FACETS:
        values = []
        # Equal counts in a fixed order, the same on both databases, whatever order the rows came in.
        for key, count in sorted(counts.get(name, {}).items(), key=lambda item: (-item[1], str(item[0]))):
            if key is None and name == "year":
                values.append(FacetValue(search_filters.UNDATED, str(search_filters.UNDATED_LABEL), count))
                continue
            if key in (None, ""):
                continue
            if name == "agency":
                code, label = agencies.get(key, ("", ""))
                if code:
                    values.append(FacetValue(code, label, count))
            else:
                values.append(FacetValue(str(key), str(labels.get(name, {}).get(key, key)), count))
        facets[name] = values
    return facets


def build_hits(results: list[ranking.DocumentResult], parsed, *, with_snippets: bool) -> list[Hit]:
    # A document found by its 发文字号 is shown from its head, where the number is printed; an
    # article that merely contains the digits would be a misleading best match.
    for result in results:
        if result.number_match:
            result.best = result.whole
    _point_at_best_parts(results, parsed)
    documents = Document.objects.prefetch_related(
        Prefetch("agency_links", queryset=DocumentAgency.objects.select_related("agency"))
    ).in_bulk([result.document_id for result in results])
    versions = _version_counts({result.version_root_id for result in results})
    terms = parsed.highlight_terms()
    number_terms = [parsed.number.original, parsed.number.canonical, *terms] if parsed.number else terms
    texts = _snippet_texts(results) if with_snippets else {}

    hits = []
    for result in results:
        best = result.best
        part_hit = best.kind != EntryKind.DOCUMENT
        document = documents[result.document_id]
        snippet = ""
        if with_snippets:
            snippet = make_snippet(texts.get(result.document_id) or document.title, number_terms if result.number_match else terms)
        hits.append(
            Hit(
                document=document,
                # The bonus that puts 发文字号 matches first is an ordering device, not relevance.
                score=round(result.score - (ranking.NUMBER_MATCH_BONUS if result.number_match else 0.0), 6),
                article_label=best.label if part_hit else "",
                anchor=best.anchor if part_hit else "",
                snippet_html=snippet,
                versions=versions.get(result.version_root_id, 1),
            )
        )
    return hits


def _point_at_best_parts(results: list[ranking.DocumentResult], parsed) -> None:
    """Find the best article or section of page hits ranked below RERANK_DEPTH, for their label and snippet."""
    missing = [result for result in results if result.best is result.whole and not result.number_match]
    if missing and not parsed.is_empty:
        documents = {result.document_id: result.whole.id for result in missing}
        matches = scoring.part_matches(parsed, selective_groups(parsed), documents)
        for match in sorted(matches, key=lambda match: (-match.score, match.position)):
            result = next((result for result in missing if result.document_id == match.document_id), None)
            if result is not None:
                result.best = match
                missing.remove(result)


def _version_counts(roots: set[int]) -> dict[int, int]:
    counts: Counter = Counter()
    for pk, version_of in Document.objects.filter(Q(pk__in=roots) | Q(version_of_id__in=roots)).values_list("pk", "version_of_id"):
        counts[version_of or pk] += 1
    return dict(counts)


def _snippet_texts(results: list[ranking.DocumentResult]) -> dict[int, str]:
    """Return the original text to cut each snippet from: the best article, section, or the whole body."""
    parts_by_document: dict[int, list[tuple]] = defaultdict(list)
    article_ids = [result.best.part_id for result in results if result.best.kind == EntryKind.ARTICLE]
    others = [result.document_id for result in results if result.best.kind != EntryKind.ARTICLE]
    articles = dict(Part.objects.filter(pk__in=article_ids).values_list("pk", "text"))
    for document_id, position, kind, text in Part.objects.filter(document_id__in=others).order_by("position").values_list(
        "document_id", "position", "kind", "text"
    ):
        parts_by_document[document_id].append((position, kind, text))

    texts = {}
    for result in results:
        best = result.best
        if best.kind == EntryKind.ARTICLE:
            texts[result.document_id] = articles.get(best.part_id, "")
        elif best.kind == EntryKind.SECTION:
            texts[result.document_id] = _section_text(parts_by_document[result.document_id], best.position)
        else:
            texts[result.document_id] = "\n".join(text for _, _, text in parts_by_document[result.document_id])
    return texts


def _section_text(parts: list[tuple], heading_position: int) -> str:
    lines = []
    for position, kind, text in parts:
        if position < heading_position:
            continue
        if position > heading_position and kind == PartKind.HEADING:
            break
        lines.append(text)
    return "\n".join(lines)
