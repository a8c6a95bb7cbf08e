"""Suggestions for a search that finds nothing: filters to drop, or else the query with a word replaced."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gongkai.search import backends
from gongkai.search import filters as search_filters
from gongkai.search import query as query_language
from gongkai.search.tokenizer import get_tokenizer

MAX_ALTERNATIVES = 5
MAX_CHECKED = 12
"""Candidate replacements searched at most, in order of similarity, to find MAX_ALTERNATIVES that have results."""
MIN_SHARED_CHARACTERS = 0.5
"""A dictionary term is offered when it contains at least this fraction of a query word's characters."""


def fill(response, parsed: query_language.ParsedQuery, active_filters: dict, include_nonpublic: bool) -> None:
    """Add filter relaxations to an empty `response`, or else alternative queries that have results.

    When dropping a filter brings results, the words are fine and only the filters are offered.
    """
    from gongkai.search.engine import FilterRelaxation

    for name in active_filters:
        condition = search_filters.build(active_filters, include_nonpublic=include_nonpublic, without=name)
        count = count_results(parsed, condition)
        if count:
            label = search_filters.FILTER_LABELS[name]
            response.relaxations.append(FilterRelaxation(name, label, count))
            response.suggestions.append(
                ngettext(
                    "Without the filter “%(label)s” there is %(count)d result.",
                    "Without the filter “%(label)s” there are %(count)d results.",
                    count,
                )
                % {"label": label, "count": count}
            )
    if response.relaxations:
        return

    condition = search_filters.build(active_filters, include_nonpublic=include_nonpublic)
    response.alternatives = alternative_queries(parsed, condition)
    response.suggestions.extend(_("Did you mean: %(query)s") % {"query": query} for query in response.alternatives)


def count_results(parsed, condition) -> int:
    from gongkai.search.engine import count_documents

    return count_documents(parsed, condition)


def alternative_queries(parsed, condition) -> list[str]:
    """Return the query with one word replaced by a similar term (`alternative_terms`), where that finds results."""
    alternatives = []
    for word, term in alternative_terms(parsed)[:MAX_CHECKED]:
        query = parsed.raw.replace(word, term, 1)
        if query not in alternatives and count_results(query_language.parse(query), condition):
            alternatives.append(query)
        if len(alternatives) == MAX_ALTERNATIVES:
            break
    return alternatives


def alternative_terms(parsed) -> list[tuple[str, str]]:
    """Return (query word, term) pairs: dictionary terms and synonyms close to a word, that occur in the index."""
    tokenizer = get_tokenizer()
    vocabulary = tokenizer.dictionary | set(tokenizer.synonyms)
    candidates: dict[tuple[str, str], float] = {}
    for group in parsed.groups:
        word = group.text
        if word not in parsed.raw:
            continue
        for synonym in tokenizer.synonyms.get(word, ()):
            if synonym != word:
                candidates[word, synonym] = 1.0
        for term in vocabulary:
            overlap = _shared_fraction(word, term)
            if term != word and overlap >= MIN_SHARED_CHARACTERS:
                candidates[word, term] = max(candidates.get((word, term), 0.0), overlap)

    ranked = sorted(candidates, key=lambda pair: (-candidates[pair], abs(len(pair[1]) - len(pair[0])), pair))[: MAX_CHECKED * 2]
    phrases = {term: query_language.Phrase(tuple(tokenizer.query_words(term))) for word, term in ranked}
    frequencies = backends.document_frequencies([phrase for phrase in phrases.values() if phrase.tokens])
    return [(word, term) for word, term in ranked if frequencies.get(phrases[term], 0) > 0]


def _shared_fraction(word: str, term: str) -> float:
    """Share of the word's distinct characters that occur in the term."""
    first, second = set(word), set(term)
    if not first or len(word) < 2:
        return 0.0
    return len(first & second) / len(first)
