"""Snippets cut from the original text, with the query terms marked.

Matching runs on a copy of the text normalised without changing its length (full-width digits
and letters made half-width, ASCII lower-cased), so offsets found there cut the original.
"""

from __future__ import annotations

import re
from html import escape

from gongkai.core.text import to_half_width

SNIPPET_LENGTH = 120


def _normalise_same_length(text: str) -> str:
    half = to_half_width(text)
    return "".join(char.lower() if char.isascii() else char for char in half)


def make_snippet(text: str, terms: list[str], length: int = SNIPPET_LENGTH) -> str:
    """Return about `length` characters of `text` around its densest cluster of `terms`, HTML-escaped, terms in <mark>.

    When no term occurs, the start of the text is returned unmarked.
    """
    text = " ".join(text.split())
    if not text:
        return ""
    spans = find_terms(text, terms)
    if not spans:
        return escape(text[:length]) + ("…" if len(text) > length else "")

    start = _best_window(spans, length)
    start = max(0, min(start, len(text) - length))
    end = min(len(text), start + length)
    pieces = ["…" if start > 0 else ""]
    cursor = start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        pieces.append(escape(text[cursor:span_start]))
        pieces.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        cursor = span_end
    pieces.append(escape(text[cursor:end]))
    pieces.append("…" if end < len(text) else "")
    return "".join(pieces)


def find_terms(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Return the non-overlapping spans of `terms` in `text`, longest terms first at each position."""
    terms = sorted({term for term in terms if term}, key=len, reverse=True)
    if not terms:
        return []
    pattern = re.compile("|".join(re.escape(term) for term in terms))
    return [match.span() for match in pattern.finditer(_normalise_same_length(text))]


def _best_window(spans: list[tuple[int, int]], length: int) -> int:
    """Return the start of the window holding the most matches, with a little context before the first."""
    best_start, best_count = spans[0][0], 0
    right = 0
    for left, (start, _) in enumerate(spans):
        while right < len(spans) and spans[right][1] <= start + length:
            right += 1
        if right - left > best_count:
            best_start, best_count = start, right - left
    return best_start - min(20, length // 6)
