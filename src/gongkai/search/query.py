"""The search query language and its translation into FTS5 and PostgreSQL tsquery expressions.

Syntax: words (all must match; the engine falls back to any word when none match all),
"quoted phrases" (tokens adjacent, in order), -word or -"phrase" to exclude, and a 发文字号 in
any common spelling, which the engine looks up exactly first. Each word also matches its
synonyms (医保 finds 医疗保险).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gongkai.documents.parsing.base import DocumentNumber
from gongkai.documents.parsing.gbt9704 import parse_document_number
from gongkai.search.simplified import to_simplified
from gongkai.search.tokenizer import QUERY_STOP_WORDS, Tokenizer, get_tokenizer

_QUOTES = str.maketrans({"“": '"', "”": '"', "「": '"', "」": '"', "＂": '"', "－": "-", "＋": "+"})
_CHUNK = re.compile(r'(?P<minus>-)?"(?P<phrase>[^"]*)"|(?P<minus_word>-)(?P<excluded>[^\s"]+)|(?P<word>[^\s"]+)')


@dataclass(frozen=True)
class Phrase:
    """One token, or a sequence of tokens that must be adjacent and in this order."""

    tokens: tuple[str, ...]

    @property
    def surface(self) -> str:
        return "".join(self.tokens)


@dataclass
class TermGroup:
    """A query word or phrase with its synonyms; a document matches the group when it matches any phrase."""

    text: str
    phrases: list[Phrase]


@dataclass
class ParsedQuery:
    raw: str
    groups: list[TermGroup] = field(default_factory=list)
    excluded: list[Phrase] = field(default_factory=list)
    number: DocumentNumber | None = None

    @property
    def is_empty(self) -> bool:
        return not self.groups

    def phrases_in_order(self) -> list[Phrase]:
        """Every positive phrase in the order the FTS5 expression names it, which is the order BM25 sums in."""
        return [phrase for group in self.groups for phrase in group.phrases]

    def highlight_terms(self) -> list[str]:
        """Strings to mark in snippets: every phrase, and every token of two or more characters."""
        terms = set()
        for group in self.groups:
            for phrase in group.phrases:
                terms.add(phrase.surface)
                terms.update(token for token in phrase.tokens if len(token) > 1)
        return sorted((term for term in terms if term), key=len, reverse=True)


def parse(text: str, tokenizer: Tokenizer | None = None) -> ParsedQuery:
    """Parse a user's query into term groups, excluded phrases and a possible 发文字号.

    Traditional characters are read as simplified ones (醫療保險 as 医疗保险, 滬府辦發 as 沪府办发),
    the script of the documents (see `simplified`). `raw` is the query after that conversion.
    """
    tokenizer = tokenizer or get_tokenizer()
    raw = to_simplified(text.strip())
    query = ParsedQuery(raw=raw, number=parse_document_number(raw) if raw else None)

    words: list[str] = []
    rest = raw
    if query.number is not None:
        # The number is searched as one phrase (documents citing it), not as the words 令, 第, 号.
        rest = raw.replace(query.number.original, " ")
        phrase = _phrase(query.number.canonical, tokenizer)
        if phrase:
            query.groups.append(TermGroup(query.number.canonical, [phrase]))
    for match in _CHUNK.finditer(rest.translate(_QUOTES)):
        if match["phrase"] is not None:
            phrase = _phrase(match["phrase"], tokenizer)
            if phrase and match["minus"]:
                query.excluded.append(phrase)
            elif phrase:
                query.groups.append(TermGroup(match["phrase"], [phrase]))
        elif match["excluded"]:
            phrase = _phrase(match["excluded"], tokenizer)
            if phrase:
                query.excluded.append(phrase)
        else:
            words.extend(tokenizer.query_words(match["word"]))

    content_words = [word for word in words if word not in QUERY_STOP_WORDS] or words
    seen = {tuple(group.phrases) for group in query.groups}
    for word in dict.fromkeys(content_words):
        group = TermGroup(word, _with_synonyms(word, tokenizer))
        if tuple(group.phrases) not in seen:
            seen.add(tuple(group.phrases))
            query.groups.append(group)
    return query


def _phrase(text: str, tokenizer: Tokenizer) -> Phrase | None:
    words = tokenizer.query_words(text)
    if len(words) == 1:
        return Phrase((words[0],))
    tokens = tokenizer.index_tokens(text)
    return Phrase(tuple(tokens)) if tokens else None


def _with_synonyms(word: str, tokenizer: Tokenizer) -> list[Phrase]:
    phrases = [Phrase((word,))]
    for synonym in tokenizer.synonyms.get(word, ()):
        phrase = _phrase(synonym, tokenizer)
        if phrase and phrase not in phrases:
            phrases.append(phrase)
    return phrases


# -- FTS5 ---------------------------------------------------------------------------------------


def fts5_expression(query: ParsedQuery, mode: str = "and") -> str:
    """Return the FTS5 MATCH expression; `mode` "and" requires every group, "or" any group.

    Excluded phrases are not part of it: they exclude whole documents (see `fts5_excluded_expression`).
    """
    joiner = " AND " if mode == "and" else " OR "
    return joiner.join(_fts5_group(group) for group in query.groups)


def fts5_excluded_expression(query: ParsedQuery) -> str:
    return " OR ".join(_fts5_phrase(phrase) for phrase in query.excluded)


def fts5_title_expression(group: TermGroup) -> str:
    return "title_tokens : " + _fts5_group(group)


def _fts5_group(group: TermGroup) -> str:
    if len(group.phrases) == 1:
        return _fts5_phrase(group.phrases[0])
    return "(" + " OR ".join(_fts5_phrase(phrase) for phrase in group.phrases) + ")"


def _fts5_phrase(phrase: Phrase) -> str:
    # Tokens contain letters and digits only, so quoting needs no escaping.
    return '"' + " ".join(phrase.tokens) + '"'


# -- PostgreSQL ---------------------------------------------------------------------------------


def tsquery(query: ParsedQuery, mode: str = "and") -> str:
    """Return a to_tsquery('simple', …) string that every matching entry satisfies (a superset).

    A phrase becomes the AND of its tokens here; `phrase_condition` then checks adjacency on the
    token text. Positions in a tsvector stop at 16383 and at 256 per lexeme, so `<->` would
    miss phrases in long documents.
    """
    joiner = " & " if mode == "and" else " | "
    return joiner.join(_tsquery_group(group) for group in query.groups)


def _tsquery_group(group: TermGroup) -> str:
    return "(" + " | ".join(_tsquery_phrase(phrase) for phrase in group.phrases) + ")"


def _tsquery_phrase(phrase: Phrase) -> str:
    return "(" + " & ".join(f"'{token}'" for token in phrase.tokens) + ")"


def needs_exact_check(query: ParsedQuery) -> bool:
    return any(len(phrase.tokens) > 1 for phrase in query.phrases_in_order())


def tsquery_phrase(phrase: Phrase) -> str:
    return _tsquery_phrase(phrase)


def fts5_phrase(phrase: Phrase) -> str:
    return _fts5_phrase(phrase)


def phrase_pattern(phrase: Phrase) -> str:
    """Return a PostgreSQL regular expression matching each occurrence of `phrase` in a token column once.

    The match consumes only the space before the phrase, so overlapping occurrences count as
    FTS5 counts them.
    """
    return "(?:^| )(?=" + " ".join(phrase.tokens) + "(?: |$))"


def like_pattern(phrase: Phrase) -> str:
    return "% " + " ".join(phrase.tokens) + " %"
