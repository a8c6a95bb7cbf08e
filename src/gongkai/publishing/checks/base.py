"""The shapes every rule family shares: the material checked and the findings returned."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

from django.utils import translation
from django.utils.functional import Promise, lazy

from gongkai.documents.choices import Disclosure
from gongkai.documents.parsing.base import ParsedDocument
from gongkai.publishing.choices import Severity

KEY_LANGUAGE = "zh-hans"
"""Language of the message a finding's key is computed from: decisions already stored were keyed on the Chinese."""

EXCERPT_CONTEXT = 12
"""Characters of context kept on each side of a match in an excerpt."""


@dataclass(frozen=True)
class Finding:
    """One problem found before publication.

    `line` is 1-based in the material's lines (a DOCX paragraph or table row counts as one line),
    0 for a finding about the document as a whole. In `excerpt`, every personal number and e-mail
    address that the personal data rules detect is masked, whichever rule reported the finding.

    The rules give `message` and `suggestion` as lazy translations. `as_dict` renders them in the
    active language, and `key` renders the message in Chinese, so a finding keeps its key whatever
    language the site or the user who runs the checks has chosen.
    """

    rule: str
    severity: str
    line: int
    excerpt: str
    message: str | Promise
    suggestion: str | Promise = ""

    @property
    def blocking(self) -> bool:
        return self.severity == Severity.BLOCKING

    @property
    def key(self) -> str:
        """A stable id of this finding, so that a confirmation or override applies to it alone."""
        with translation.override(KEY_LANGUAGE):
            raw = f"{self.rule}|{self.line}|{self.excerpt}|{self.message}"
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]

    def as_dict(self) -> dict:
        """Return the finding as JSON-ready values, its texts in the active language."""
        texts = {"message": str(self.message), "suggestion": str(self.suggestion)}
        return {**asdict(self), "severity": str(self.severity), **texts, "key": self.key}


@dataclass
class Line:
    """One line of the material: a paragraph, or a table row with its `cells` and the table's number."""

    number: int
    text: str
    cells: list[str] | None = None
    table: int | None = None


@dataclass
class Material:
    """The material the checks read: the lines of the file and what is known about the document.

    `disclosure` is the 公开属性 the document is queued for (主动公开 when unknown, because a
    file checked before upload is usually meant for the portal). `has_interpretation` is None
    when it is unknown whether a 政策解读 accompanies the document.
    """

    lines: list[Line]
    title: str = ""
    parsed: ParsedDocument | None = None
    disclosure: str = Disclosure.PROACTIVE
    is_interpretation: bool = False
    has_interpretation: bool | None = None
    attachment_files: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


def _join(separator: str | Promise, items: Iterable[str | Promise]) -> str:
    return str(separator).join(str(item) for item in items)


join_lazy = lazy(_join, str)
"""Join lazy translations with a lazy separator. The result is rendered in the active language when it is used."""


def excerpt(text: str, start: int, end: int) -> str:
    """Return the match at `start:end` of `text` with a little context, personal data masked."""
    from gongkai.publishing.checks.personal import mask

    # Masking keeps offsets, and masking the whole line first leaves no half number at a cut.
    masked = mask(text)
    left = max(0, start - EXCERPT_CONTEXT)
    right = min(len(text), end + EXCERPT_CONTEXT)
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(text) else ""
    return prefix + masked[left:right] + suffix
