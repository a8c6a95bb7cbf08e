"""Reading traditional characters in a query as the simplified ones the library is written in.

OpenCC's t2s conversion also rewrites some simplified text: it turns 破坏土地 into 破坯土地 and
二噁英 into 二𫫇英. So a chunk of the query is converted only when it contains a character that
t2s changes and that no indexed document uses.
"""

from __future__ import annotations

import functools
import re

import opencc

from gongkai.search import memory
from gongkai.search.counts import DOCUMENT_LEVEL

_CHUNKS = re.compile(r"(\s+)")

# 3,597 distinct characters in the 102,390-document benchmark corpus.
_characters = memory.GenerationCache("indexed characters", 4 * 1024 * 1024)


def to_simplified(text: str) -> str:
    """Return `text` with each whitespace-separated chunk that is written in traditional characters converted."""
    if text.isascii():
        return text
    return "".join(_converter().convert(chunk) if _is_traditional(chunk) else chunk for chunk in _CHUNKS.split(text))


def _is_traditional(chunk: str) -> bool:
    changed = [character for character in chunk if not character.isascii() and _converter().convert(character) != character]
    if not changed:
        return False
    used = _characters.get("characters", _indexed_characters, lambda characters: 64 * len(characters))
    return any(character not in used for character in changed)


def _indexed_characters() -> frozenset[str]:
    from gongkai.search.models import TokenCount

    tokens = TokenCount.objects.filter(level=DOCUMENT_LEVEL, entries__gt=0).values_list("token", flat=True)
    return frozenset("".join(tokens.iterator()))


@functools.cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")
