"""Chinese word segmentation for the search index and for queries.

Text is normalised (full-width digits and letters to half-width, lower case), segmented by
rjieba with the shipped government term list (`data/terms.txt`) plus the `Term` and `Synonym`
rows administrators edit, and reduced to tokens made only of letters and digits. A token never
mixes ASCII with other scripts, so SQLite's `unicode61` tokenizer and PostgreSQL's default parser
both read a space-joined token string back as exactly these tokens.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from pathlib import Path

import rjieba
from django.db import DatabaseError
from django.db.models import Count, Max

from gongkai.core.text import to_half_width

logger = logging.getLogger(__name__)

TERMS_FILE = Path(__file__).resolve().parent / "data" / "terms.txt"

REFRESH_SECONDS = 5.0
"""Minimum interval, in seconds, between two checks of the database for new terms and synonyms."""

MAX_TOKEN_LENGTH = 64
"""Longer runs (hashes, base64) are dropped, because they are not searched for and PostgreSQL rejects words over 2,047 characters."""

_SCRIPT_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])(?=[a-z0-9])")

# Function words and question words dropped from queries (never from the index), so a question
# such as 个体工商户可以不签劳动合同吗 searches for its content words.
QUERY_STOP_WORDS = frozenset(
    """
    的 了 着 过 是 在 和 与 及 或 或者 以及 吗 呢 吧 啊 呀 么 嘛 哦 之 其 而 并 且 等 等等
    什么 怎么 怎么办 怎样 如何 哪些 哪个 哪里 哪 为什么 为何 是否 能否 可否 是不是 有没有 多少 几
    可以 能 能够 会 要 需要 应该 应当 得 有 没有 没 无 不 也 都 还 又 就 才 再 很 太 更 最
    我 你 他 她 它 我们 你们 他们 她们 自己 本人 这 那 这个 那个 这些 那些 这样 那样 此 该
    被 把 对 对于 从 向 到 给 让 由 为 以 于 因 因为 所以 如果 但 但是 还是 然后 可是 只是
    请问 请 问 一下 想 想要 知道 谁 吗 呢 么 个 一个 时 时候 后 前 上 下 中 里 内
    """.split()
)


def normalise(text: str) -> str:
    """Return `text` with full-width digits and Latin letters made half-width, in lower case."""
    return to_half_width(text).lower()


def clean(tokens: list[str]) -> list[str]:
    """Keep tokens of letters and digits only and split any that mix ASCII with another script."""
    kept = [token for token in tokens if token.isalnum()]
    return [token for token in _SCRIPT_BOUNDARY.sub(" ", " ".join(kept)).split() if len(token) <= MAX_TOKEN_LENGTH]


class Tokenizer:
    """An rjieba segmenter with the government term list, refreshed from the database every few seconds."""

    def __init__(self, terms_file: Path = TERMS_FILE):
        self._jieba = rjieba.Jieba()
        self._lock = threading.Lock()
        self._marker = None
        self._checked_at = 0.0
        self.synonyms: dict[str, tuple[str, ...]] = {}
        self.dictionary: set[str] = set()
        self._shipped_words = self._read_terms_file(terms_file)
        self._add_words(self._shipped_words)

    def index_tokens(self, text: str) -> list[str]:
        """Segment `text` for the index: every word and, before each long word, the dictionary words inside it.

        rjieba's search mode adds only the two- and three-character words inside a long word, so
        社会保险费 would not yield 社会保险; the longer inner words are added here.
        """
        self.refresh()
        tokens = self._jieba.cut_for_search(normalise(text))
        if max(map(len, tokens), default=0) > 4:
            tokens = self._add_long_inner_words(tokens)
        return clean(tokens)

    def _add_long_inner_words(self, tokens: list[str]) -> list[str]:
        expanded = []
        for token in tokens:
            if len(token) > 4:
                expanded.extend(
                    token[start : start + size]
                    for size in range(4, len(token))
                    for start in range(len(token) - size + 1)
                    if self._jieba.has_word(token[start : start + size])
                )
            expanded.append(token)
        return expanded

    def query_words(self, text: str) -> list[str]:
        """Segment a query into words (precise mode): each word is one token the index also holds."""
        self.refresh()
        return clean(self._jieba.cut(normalise(text)))

    def freeze(self) -> None:
        """Stop checking the database for vocabulary changes (in worker processes, which have no connection)."""
        self._checked_at = float("inf")

    def has_word(self, word: str) -> bool:
        return self._jieba.has_word(word)

    def refresh(self, force: bool = False) -> None:
        """Add terms and synonyms changed in the database since the last check.

        Checks at most every REFRESH_SECONDS, by comparing the row counts and latest update times.
        """
        now = time.monotonic()
        if not force and now - self._checked_at < REFRESH_SECONDS:
            return

        with self._lock:
            self._checked_at = now
            try:
                marker = _vocabulary_marker()
            except DatabaseError:
                # The tables are missing before `gongkai migrate`; the shipped term list still applies.
                logger.warning("search vocabulary tables are not readable; using the shipped term list only")
                return
            if marker == self._marker:
                return

            self._marker = marker
            self._load_vocabulary()

    def _load_vocabulary(self) -> None:
        from gongkai.search.models import Synonym, Term

        words = [normalise(word) for word in Term.objects.values_list("word", flat=True)]
        synonyms: dict[str, tuple[str, ...]] = {}
        for group in Synonym.objects.all():
            members = tuple(dict.fromkeys(normalise(term) for term in group.term_list()))
            words.extend(members)
            for member in members:
                synonyms[member] = tuple(dict.fromkeys((*synonyms.get(member, ()), *members)))

        wanted = {word.strip() for word in [*self._shipped_words, *words]}
        if self.dictionary - wanted:
            # rjieba cannot remove a word, so a deleted term means a new segmenter (about 0.2 s).
            self._jieba = rjieba.Jieba()
            self.dictionary = set()
            self._add_words(self._shipped_words)
        self._add_words(words)
        self.synonyms = synonyms
        logger.debug("search vocabulary loaded: %d terms, %d synonym entries", len(words), len(synonyms))

    def _add_words(self, words) -> None:
        for word in words:
            word = word.strip()
            if word and word not in self.dictionary and not word.startswith("#"):
                self._jieba.add_word(word, None, None)
                self.dictionary.add(word)

    @staticmethod
    def _read_terms_file(path: Path) -> list[str]:
        return [normalise(line.strip()) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _vocabulary_marker() -> tuple:
    from gongkai.search.models import Synonym, Term

    terms = Term.objects.aggregate(count=Count("id"), latest=Max("updated_at"))
    groups = Synonym.objects.aggregate(count=Count("id"), latest=Max("updated_at"))
    return (terms["count"], terms["latest"], groups["count"], groups["latest"])


_shared: Tokenizer | None = None
_shared_lock = threading.Lock()


def get_tokenizer() -> Tokenizer:
    """Return the process-wide tokenizer, created on first use (rjieba loads its dictionary in about 0.2 s)."""
    global _shared
    if _shared is None:
        with _shared_lock:
            if _shared is None:
                _shared = Tokenizer()
    return _shared


def index_tokens(text: str) -> list[str]:
    return get_tokenizer().index_tokens(text)


def token_string(text: str) -> str:
    """Segment `text` for the index and join the tokens with single spaces."""
    return " ".join(index_tokens(text))


def query_words(text: str) -> list[str]:
    return get_tokenizer().query_words(text)
