"""Checking the citations of a generated answer sentence by sentence.

A sentence is kept only when it cites at least one supplied passage as [n], every [n] it cites
was supplied, and every quotation in it (“…” or 「…」) appears in a passage it cites. Quotations
are compared without spaces and punctuation. An introduction ending in a colon needs no citation.
"""

from __future__ import annotations

import re

CITATION = re.compile(r"\[(\d{1,3})\]")
QUOTATION = re.compile(r"[“「]([^”」]{2,})[”」]")
_SENTENCE_END = "。！？!?\n"
_IGNORED = re.compile(r"[\s，,。；;：:、“”「」\"'‘’（）()]")


class SentenceBuffer:
    """Collects streamed text and returns whole sentences, each with the [n] markers that follow it."""

    def __init__(self):
        self._text = ""

    def feed(self, piece: str) -> list[str]:
        self._text += piece
        sentences = []
        while True:
            end = _sentence_end(self._text)
            if end is None:
                return sentences
            sentences.append(self._text[:end])
            self._text = self._text[end:]

    def flush(self) -> list[str]:
        rest, self._text = self._text, ""
        return [rest] if rest.strip() else []


def _sentence_end(text: str) -> int | None:
    """Return the index just past the first complete sentence and its citations, or None if none is complete yet."""
    for index, character in enumerate(text):
        if character not in _SENTENCE_END:
            continue
        end = index + 1
        while True:
            rest = text[end:]
            stripped = rest.lstrip(" ")
            if not stripped or stripped.startswith("[") and "]" not in stripped:
                return None
            match = CITATION.match(stripped)
            if not match:
                return end
            end += len(rest) - len(stripped) + match.end()
    return None


def check_sentence(sentence: str, passages: dict[int, str]) -> bool:
    """Return True when `sentence` may be shown as sourced from `passages` (keyed by their [n])."""
    body = sentence.strip()
    if not body:
        return True
    cited = [int(number) for number in CITATION.findall(body)]
    if not cited:
        return body.rstrip().endswith(("：", ":"))
    if any(number not in passages for number in cited):
        return False
    sources = [_comparable(passages[number]) for number in cited]
    return all(any(_comparable(quote) in source for source in sources) for quote in QUOTATION.findall(body))


def _comparable(text: str) -> str:
    return _IGNORED.sub("", text)


def cited_numbers(text: str) -> list[int]:
    return list(dict.fromkeys(int(number) for number in CITATION.findall(text)))
