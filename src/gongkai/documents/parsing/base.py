"""The one result shape every format parser returns, and the errors they raise.

A parser reads bytes and returns a `ParsedDocument` (or several, for JSON Lines) without touching
the database; `gongkai.documents.importing` turns the result into models.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field


class ParseError(Exception):
    """A file that cannot be read as the format it claims.

    The message is in the active language, names what is wrong and what to do, and is shown to
    the user as is (the importer adds the file name).
    """


class NoTextLayerError(ParseError):
    """A PDF or OFD whose text cannot be extracted: a scan, or glyphs without a Unicode map."""


@dataclass
class DocumentNumber:
    """发文字号: `canonical` in the 〔〕 form of GB/T 9704 (沪府办发〔2025〕5号), `original` as printed."""

    canonical: str
    original: str
    agency_code: str = ""
    year: int | None = None
    serial: int | None = None


@dataclass
class Part:
    """One block of the body, in reading order.

    kind is one of `heading`, `paragraph`, `article` or `table` (the values of
    `gongkai.documents.models.PartKind`). An article (第X条) keeps all its paragraphs in `text`,
    joined by newlines, so it can be cited and linked as one unit; `number` is its article number.
    A heading's `level` is 1 for 编/章 and 一、, 2 for 节 and （一）, 3 for 1., 4 for （1）.
    A table has `rows`: a list of rows, each a list of cell texts; `text` then holds the rows
    joined by tabs and newlines, for search.
    """

    kind: str
    text: str
    level: int = 0
    label: str = ""
    number: int | None = None
    rows: list[list[str]] | None = None


@dataclass
class Attachment:
    """附件: an attachment inside the file (附件1 …) or a separate file named by the source."""

    label: str
    title: str = ""
    parts: list[Part] = field(default_factory=list)
    file_name: str = ""
    content: bytes | None = None

    @property
    def text(self) -> str:
        return "\n".join(part.text for part in self.parts)


@dataclass
class LegislativeEvent:
    """A dated step in a text's life: 公布, 通过, 修订, 修正, 施行, 批准 or 废止."""

    kind: str
    date: datetime.date
    text: str


@dataclass
class ParsedDocument:
    """Everything a parser found in one document, ready for import.

    Strings are empty and dates None when the source does not give them. `validity` and
    `disclosure` use the values of `gongkai.documents.models.Validity` and `Disclosure`
    (empty when unknown). `volume` and `volume_order` are set when the file holds one part of a
    larger text that is stored as one document: the Civil Code's 总则, 物权编 … each start with
    their book title and are ordered by their first article number.
    """

    title: str
    parser: str
    parts: list[Part] = field(default_factory=list)
    document_number: DocumentNumber | None = None
    agencies: list[str] = field(default_factory=list)
    doc_type: str = ""
    subject: str = ""
    written_date: datetime.date | None = None
    publish_date: datetime.date | None = None
    effective_date: datetime.date | None = None
    version_date: datetime.date | None = None
    validity: str = ""
    disclosure: str = ""
    index_number: str = ""
    classification: str = ""
    urgency: str = ""
    addressees: str = ""
    copied_to: str = ""
    printed_by: str = ""
    printed_date: datetime.date | None = None
    note: str = ""
    signatories: list[str] = field(default_factory=list)
    attachment_notes: list[str] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    events: list[LegislativeEvent] = field(default_factory=list)
    source_url: str = ""
    volume: str = ""
    volume_order: int | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(part.text for part in self.parts)

    @property
    def article_count(self) -> int:
        return sum(1 for part in self.parts if part.kind == "article")


@dataclass
class RecordFailure:
    """One record of a multi-record file (a JSON Lines line) that could not be read; the rest still import."""

    label: str
    message: str


Block = str | list[list[str]]
"""A unit of body text in reading order: a paragraph, or a table as rows of cell texts."""


class NotADocument(Exception):
    """A file of a known format that holds no document, such as a folder's `_index.md` front matter.

    The importer reports it as skipped, not failed; the message says why.
    """
