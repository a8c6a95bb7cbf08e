"""Suggestions for a search that finds nothing: filters to drop, and related terms that occur in the index."""

from __future__ import annotations

from gongkai.search import backends
from gongkai.search import filters as search_filters
from gongkai.search import query as query_language
from gongkai.search.tokenizer import get_tokenizer

MAX_ALTERNATIVES = 5
MIN_SHARED_CHARACTERS = 0.5
"""A dictionary term is offered when it contains at least this fraction of a query word's characters."""


def fill(response, parsed: query_language.ParsedQuery, active_filters: dict, include_nonpublic: bool) -> None:
    """Add filter relaxations and alternative terms to an empty `response`."""
    from gongkai.search.engine import FilterRelaxation

    for name in active_filters:
        condition = search_filters.build(active_filters, include_nonpublic=include_nonpublic, without=name)
        count = count_results(parsed, condition)
        if count:
            label = search_filters.FILTER_LABELS[name]
            response.relaxations.append(FilterRelaxation(name, label, count))
            response.suggestions.append(f"去掉“{label}”筛选条件后有 {count} 条结果。")

    response.alternatives = alternative_terms(parsed)
    response.suggestions.extend(f"您是不是要找：{term}" for term in response.alternatives)


def count_results(parsed, condition) -> int:
    from gongkai.search.engine import count_documents

    return count_documents(parsed, condition)


def alternative_terms(parsed) -> list[str]:
    """Return dictionary terms and synonyms close to the query words that occur in the index."""
    tokenizer = get_tokenizer()
    vocabulary = tokenizer.dictionary | set(tokenizer.synonyms)
    candidates: dict[str, float] = {}
    for group in parsed.groups:
        word = group.text
        for synonym in tokenizer.synonyms.get(word, ()):
            if synonym != word:
                candidates[synonym] = max(candidates.get(synonym, 0.0), 1.0)
        for term in vocabulary:
            overlap = _shared_fraction(word, term)
            if term != word and overlap >= MIN_SHARED_CHARACTERS:
                candidates[term] = max(candidates.get(term, 0.0), overlap)

    ranked = sorted(candidates, key=lambda term: (-candidates[term], abs(len(term) - _longest_word(parsed)), term))[: MAX_ALTERNATIVES * 4]
    phrases = {term: query_language.Phrase(tuple(tokenizer.query_words(term))) for term in ranked}
    frequencies = backends.document_frequencies([phrase for phrase in phrases.values() if phrase.tokens])
    return [term for term in ranked if frequencies.get(phrases[term], 0) > 0][:MAX_ALTERNATIVES]


def _shared_fraction(word: str, term: str) -> float:
    """Share of the word's distinct characters that occur in the term."""
    first, second = set(word), set(term)
    if not first or len(word) < 2:
        return 0.0
    return len(first & second) / len(first)


def _longest_word(parsed) -> int:
    return max((len(group.text) for group in parsed.groups), default=0)
