"""The public search interface: `search(SearchRequest) -> SearchResponse`.

Used by the portal, the JSON API and `gongkai search`. A 发文字号 in the query is looked up
exactly first. Then whole documents are matched and scored with BM25, and the best of them add
the score of their best article or section. Versions of one text are folded into one hit, and
the hits of the page get snippets cut from the original text.
"""

from __future__ import annotations

import dataclasses
import heapq
import logging
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from operator import itemgetter

from django.db.models import Prefetch, Q

from gongkai.core.models import Agency
from gongkai.documents.choices import Disclosure, DocType, PartKind, Validity
from gongkai.documents.models import Document, DocumentAgency, Part
from gongkai.search import backends, frequencies, ranking, scoring, suggestions
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

FACETS = ["agency", "doc_type", "subject", "year", "validity", "disclosure"]
FACET_COLUMNS = {"agency": "agency_id", **{name: name for name in FACETS[1:]}}


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


def search(request: SearchRequest) -> SearchResponse:
    """Run one search. Raises `InvalidFilter`, with a Chinese message, for an invalid filter value."""
    started = time.perf_counter()
    parsed = query_language.parse(request.q)
    active_filters = search_filters.normalise(request.filters)
    condition = search_filters.build(active_filters, include_nonpublic=request.include_nonpublic)

    ranked = rank(parsed, condition, active_filters)
    total = ranked.total
    page = max(1, request.page)
    per_page = max(1, request.per_page)
    start = (page - 1) * per_page
    page_results = ranked.results(start, start + per_page, request.sort)

    hits = build_hits(page_results, parsed, with_snippets=request.snippets)
    facets = count_facets(ranked.rows()) if request.facets else {}

    response = SearchResponse(
        total=total,
        took_ms=0.0,
        hits=hits,
        facets=facets,
        suggestions=[],
        number_match=bool(ranked.number_chains),
        mode=ranked.mode,
    )
    if total == 0 and not parsed.is_empty:
        suggestions.fill(response, parsed, active_filters, request.include_nonpublic)
    response.took_ms = round((time.perf_counter() - started) * 1000, 1)
    logger.debug("search mode=%s total=%d took_ms=%s", ranked.mode, total, response.took_ms)
    return response


@dataclass
class Ranking:
    """Every result of a search: the best ones scored in full and in order, the others as rows until needed."""

    head: list[ranking.DocumentResult]
    rest: list[tuple]
    mode: str
    number_chains: set[int]
    demote: bool = True
    numbered: set[int] = field(default_factory=set)

    @property
    def total(self) -> int:
        return len(self.head) + len(self.rest)

    def rows(self) -> list[tuple]:
        """Return one row per result (its chosen version), for facet counts."""
        return [backends.as_row(result.whole) for result in self.head] + self.rest

    def results(self, start: int, stop: int, sort: str = "relevance") -> list[ranking.DocumentResult]:
        if sort != "date" and stop <= len(self.head):
            return self.head[start:stop]
        rest = [ranking.row_result(row, self.demote, self.numbered) for row in self.rest]
        results = self.head + sorted(rest, key=ranking.relevance_key)
        if sort == "date":
            results.sort(key=ranking.date_key)
        return results[start:stop]


def rank(parsed, condition, active_filters) -> Ranking:
    """Return every result in relevance order, the matching mode used, and the chains matched by 发文字号.

    Whole documents are matched and scored first, on all words or else on any word. The best
    RERANK_DEPTH of them then get the score of their best article or section and the title boost.
    The others stay rows: at 100,000 documents a question matches about 10,000 of them, and only
    a page of them is shown.
    """
    number_matches = _number_matches(parsed, condition)
    if parsed.is_empty and not number_matches:
        return Ranking(_browse(condition), [], "browse", set())

    selective = selective_groups(parsed)
    mode, rows = find_document_rows(parsed, condition, selective)
    numbered = {match.document_id for match in number_matches}
    found = {row[ranking.COLUMN["document_id"]] for row in rows}
    rows += [backends.as_row(match) for match in number_matches if match.document_id not in found]
    rows = ranking.fold_rows(rows)
    demote = "validity" not in active_filters

    head, rest = _candidates(rows, demote, numbered)

    top = heapq.nsmallest(RERANK_DEPTH, head, key=ranking.relevance_key)
    _add_parts(parsed, selective, top)
    _add_title_matches(parsed, top)
    head.sort(key=ranking.relevance_key)
    chains = {result.version_root_id for result in head if result.number_match}
    return Ranking(head, rest, mode, chains, demote, numbered)


def _candidates(rows: list[tuple], demote: bool, numbered: set[int]) -> tuple[list[ranking.DocumentResult], list[tuple]]:
    """Split folded rows into results that may rank among the best RERANK_DEPTH and the rest.

    Factors only lower a score, so the RERANK_DEPTH-th best final score is at least the lowest
    final score among the RERANK_DEPTH best raw scores; every row whose raw score reaches that
    bound is a candidate, and so is every 发文字号 match.
    """
    if len(rows) <= RERANK_DEPTH:
        return [ranking.row_result(row, demote, numbered) for row in rows], []
    best_raw = heapq.nlargest(RERANK_DEPTH, rows, key=itemgetter(ranking.SCORE))
    bound = min(row[ranking.SCORE] * ranking.row_factor(row, demote) for row in best_raw) - 1e-6
    document = ranking.COLUMN["document_id"]
    head, rest = [], []
    for row in rows:
        if row[ranking.SCORE] >= bound or row[document] in numbered:
            head.append(ranking.row_result(row, demote, numbered))
        else:
            rest.append(row)
    return head, rest


def find_document_rows(parsed, condition, selective=None) -> tuple[str, list[tuple]]:
    """`find_documents` returning plain rows."""
    if len(parsed.groups) <= MAX_AND_GROUPS:
        rows = backends.find_rows(parsed, "and", condition.sql, condition.params)
        if rows or len(parsed.groups) == 1:
            return "and", rows
    return "or", backends.find_rows(selective or selective_groups(parsed), "or", condition.sql, condition.params)


def find_documents(parsed, condition, selective=None) -> tuple[str, list[backends.Match]]:
    """Match whole documents: every word for short queries, falling back to any word when none match all.

    A query of more than MAX_AND_GROUPS words is a question typed as a sentence. Requiring all
    its words would keep only the longest texts, so it is ranked by any word from the start, and
    only its selective words choose and score the documents.
    """
    mode, rows = find_document_rows(parsed, condition, selective)
    return mode, [backends.to_match(row) for row in rows]


def selective_groups(parsed: query_language.ParsedQuery) -> query_language.ParsedQuery:
    """Return the query without the words found in more than COMMON_SHARE of all documents.

    Matching and scoring every document that contains 规定 or 政府 costs most of an any-word
    search at 100,000 documents and changes little in the order, since BM25 gives such words
    almost no weight. The MIN_SELECTIVE_GROUPS rarest words always stay.
    """
    if len(parsed.groups) <= MIN_SELECTIVE_GROUPS:
        return parsed
    limit = max(COMMON_SHARE * frequencies.collection(frequencies.DOCUMENT_LEVEL)[0], COMMON_MIN_DOCUMENTS)
    counts = [frequencies.group_frequency(group) for group in parsed.groups]
    rarest = sorted(range(len(counts)), key=lambda index: (counts[index], index))[:MIN_SELECTIVE_GROUPS]
    kept = [group for index, group in enumerate(parsed.groups) if counts[index] <= limit or index in rarest]
    return dataclasses.replace(parsed, groups=kept)


def _add_parts(parsed, selective, results: list[ranking.DocumentResult]) -> None:
    """Score the articles and sections of these documents and attach each document's best one."""
    if parsed.is_empty or not results:
        return
    matches = scoring.part_matches(parsed, selective, [result.document_id for result in results])
    ranking.add_best_parts(results, matches)


def _add_title_matches(parsed, results: list[ranking.DocumentResult]) -> None:
    fractions = scoring.title_fractions(parsed, {result.whole.id: result.document_id for result in results})
    for result in results:
        result.title_fraction = fractions.get(result.document_id, 0.0)


def _number_matches(parsed, condition) -> list[backends.Match]:
    """Return the documents with this 发文字号, or whose legislative events cite it (国务院令第711号 修订)."""
    if parsed.number is None:
        return []
    sql = (
        f"SELECT {', '.join('e.' + column for column in backends.ROW_COLUMNS)}, 0.0 FROM {ENTRY_TABLE} e "
        f"JOIN documents_document d ON d.id = e.document_id "
        f"WHERE e.kind = %s AND (d.document_number = %s OR d.document_number_original = %s "
        f"OR d.id IN (SELECT document_id FROM documents_legislativeevent WHERE text LIKE %s)) AND {condition.sql}"
    )
    pattern = "%" + parsed.number.canonical.replace("%", "").replace("_", "") + "%"
    params = [EntryKind.DOCUMENT.value, parsed.number.canonical, parsed.number.original, pattern, *condition.params]
    return backends.run(sql, params)


def _browse(condition) -> list[ranking.DocumentResult]:
    """List every document passing the filters, newest first (the library listing for an empty query)."""
    sql = (
        f"SELECT {', '.join('e.' + column for column in backends.ROW_COLUMNS)}, 0.0 FROM {ENTRY_TABLE} e "
        f"WHERE e.kind = %s AND {condition.sql}"
    )
    results = ranking.fold_versions(backends.run(sql, [EntryKind.DOCUMENT.value, *condition.params]))
    results.sort(key=ranking.date_key)
    return results


def count_facets(rows: list[tuple]) -> dict[str, list[FacetValue]]:
    """Count the results per agency, 文种, subject, year, validity and disclosure, most frequent first."""
    counters = {name: Counter(map(itemgetter(ranking.COLUMN[FACET_COLUMNS[name]]), rows)) for name in FACETS}

    agencies = {
        agency_id: (code, name)
        for agency_id, code, name in Agency.objects.filter(id__in=[key for key in counters["agency"] if key]).values_list("id", "code", "name")
    }
    labels = {"doc_type": dict(DocType.choices), "validity": dict(Validity.choices), "disclosure": dict(Disclosure.choices)}

    facets = {}
    for name, counter in counters.items():
        values = []
        # Equal counts in a fixed order, the same on both databases, whatever order the rows came in.
        for key, count in sorted(counter.items(), key=lambda item: (-item[1], str(item[0]))):
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
        ids = [result.document_id for result in missing]
        matches = scoring.part_matches(parsed, selective_groups(parsed), ids)
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
