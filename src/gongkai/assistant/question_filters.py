"""Filters read from the question itself: a 发文字号, a year and an issuing agency.

"2024年市政府关于……的通知有什么要求" searches the 2024 documents of the municipal government.
A year narrows the search only where it names a document's year (followed by an agency, 关于,
印发, 发布 or a similar word), so "2023年我买了房" searches every year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from gongkai.core.models import Agency
from gongkai.core.punctuation import join_list
from gongkai.documents.models import Document
from gongkai.documents.parsing.gbt9704 import parse_document_number

_DOCUMENT_WORDS = "关于|印发|发布|出台|颁布|公布|制定|修订|的(?:政策|文件|通知|规定|办法|意见|条例|决定)"
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年(?:度)?")


@dataclass
class QuestionFilters:
    """What the question narrows the search to; empty fields mean no restriction."""

    document_ids: list[int] | None = None
    year: int | None = None
    agency_codes: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return self.document_ids is None and self.year is None and not self.agency_codes

    def search_filters(self) -> dict:
        """Return the filters in the form `gongkai.search.filters.normalise` accepts."""
        filters: dict = {}
        if self.year:
            filters["year"] = [str(self.year)]
        if self.agency_codes:
            filters["agency"] = self.agency_codes
        return filters


def extract(question: str) -> QuestionFilters:
    found = QuestionFilters()

    number = parse_document_number(question)
    if number is not None:
        ids = list(
            Document.objects.filter(
                Q(document_number=number.canonical) | Q(document_number_original=number.original)
            ).values_list("id", flat=True)
        )
        if ids:
            found.document_ids = ids
            found.labels.append(_("document number: {number}").format(number=number.canonical))

    agencies = _agencies_named(question)
    for match in _YEAR.finditer(question):
        rest = question[match.end() :]
        if re.match(_DOCUMENT_WORDS, rest) or any(rest.startswith(name) for name, _ in agencies):
            found.year = int(match.group(1))
            found.labels.append(_("year: {year}").format(year=found.year))
            break

    if agencies:
        found.agency_codes = sorted({code for _, code in agencies})
        names = join_list(dict.fromkeys(name for name, _code in agencies))
        found.labels.append(_("issuing agency: {names}").format(names=names))
    return found


def _agencies_named(question: str) -> list[tuple[str, str]]:
    """Return (name as written, code) for each agency whose full or short name appears, longest names first."""
    named = []
    for name, short_name, code in Agency.objects.values_list("name", "short_name", "code"):
        for written in (name, short_name):
            if len(written) >= 3 and written in question:
                named.append((written, code))
                break
    named.sort(key=lambda item: -len(item[0]))

    kept: list[tuple[str, str]] = []
    for written, code in named:
        # 上海市人民政府办公厅 also contains 上海市人民政府; keep only the longest name at each place.
        if not any(written in longer for longer, _ in kept):
            kept.append((written, code))
    return kept
