"""Response shapes of the open API; the OpenAPI schema at /api/openapi.json is generated from them."""

from __future__ import annotations

import datetime

from ninja import Field, Schema


class DocumentSummary(Schema):
    id: int
    title: str
    document_number: str
    index_number: str
    agencies: list[str]
    doc_type: str
    subject: str
    written_date: datetime.date | None
    publish_date: datetime.date | None
    effective_date: datetime.date | None
    validity: str
    disclosure: str
    is_current: bool
    version_of: int | None
    updated_at: datetime.datetime
    url: str


class PartOut(Schema):
    kind: str
    level: int
    label: str
    anchor: str
    text: str
    rows: list[list[str]] | None


class EventOut(Schema):
    kind: str
    date: datetime.date
    text: str


class AttachmentOut(Schema):
    label: str
    title: str
    text: str


class DocumentDetail(DocumentSummary):
    addressees: str
    copied_to: str
    printed_by: str
    printed_date: datetime.date | None
    note: str
    source_url: str
    parts: list[PartOut]
    events: list[EventOut]
    attachments: list[AttachmentOut]
    versions: list[int]


class DocumentPage(Schema):
    total: int
    page: int
    per_page: int
    results: list[DocumentSummary]


class ChangesPage(Schema):
    since: datetime.datetime
    until: datetime.datetime | None
    results: list[DocumentSummary]
    next: str | None


class FacetValueOut(Schema):
    value: str
    label: str
    count: int


class SearchResult(Schema):
    id: int
    title: str
    document_number: str
    index_number: str
    validity: str
    score: float
    article: str | None = Field(description="Label of the best-matching article or section (第三条), or null.")
    snippet: str = Field(description="HTML cut from the original text: query words in <mark>, everything else escaped.")
    versions: int
    url: str


class SearchOut(Schema):
    query: str
    searched_as: str = Field(description="The query as searched when it differs from `query` (traditional characters made simplified), else empty.")
    total: int
    took_ms: float
    page: int
    per_page: int
    number_match: bool = Field(description="True when the query contains a 发文字号 and the documents with it come first.")
    facets: dict[str, list[FacetValueOut]]
    suggestions: list[str]
    results: list[SearchResult]


class ErrorBody(Schema):
    status: int
    code: str
    message: str
    fields: dict[str, str] | None = None


class ErrorOut(Schema):
    error: ErrorBody
