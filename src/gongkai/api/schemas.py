"""Response shapes of the open API; the OpenAPI schema at /api/openapi.json is generated from them."""

from __future__ import annotations

import datetime

from ninja import Field, Schema

# NOTE: The schema's descriptions are Chinese literals, not catalogue entries: they are user documentation
# for Chinese integrators, so /api/docs stays Chinese when the site is switched to English.
DOCUMENT_ID = "文件编号，用于 /api/documents/{id}。"
AGENCIES = "发文机关名称，联合发文按排列顺序。"
PUBLISH_DATE = "发布日期；没有的为 null。"
VALIDITY = "效力状态：valid 有效、expired 失效、repealed 已废止、amended 已修改。"


class DocumentSummary(Schema):
    id: int = Field(description=DOCUMENT_ID)
    title: str = Field(description="标题。")
    document_number: str = Field(description="发文字号，如 沪府办发〔2025〕5号；没有发文字号的为空字符串。")
    index_number: str = Field(description="索引号，如 SHGOV/2025-00012：牵头发文机关代码/年份-流水号。")
    agencies: list[str] = Field(description=AGENCIES)
    doc_type: str = Field(description="文种代码，如 notice（通知）、opinion（意见）、rule（规章）。")
    subject: str = Field(description="主题分类。")
    written_date: datetime.date | None = Field(description="成文日期。")
    publish_date: datetime.date | None = Field(description=PUBLISH_DATE)
    effective_date: datetime.date | None = Field(description="施行日期。")
    validity: str = Field(description=VALIDITY)
    disclosure: str = Field(description="公开属性；开放接口只返回主动公开（proactive）的文件。")
    is_current: bool = Field(description="是否为现行版本。")
    version_of: int | None = Field(description="同一文件的第一个版本的编号；本身是第一个版本的为 null。")
    updated_at: datetime.datetime = Field(description="最后变更时间。")
    url: str = Field(description="门户中的文件页面地址（按索引号的永久链接）。")


class PartOut(Schema):
    kind: str = Field(description="类型：heading 标题、paragraph 段落、article 条文、table 表格。")
    level: int = Field(description="层级：编、章、节等标题从 1 起，正文为 0。")
    label: str = Field(description="标号，如 第三条、第二章。")
    anchor: str = Field(description="页面锚点，加在 url 后（#锚点）可直接跳到该部分。")
    text: str = Field(description="文字。")
    rows: list[list[str]] | None = Field(description="表格的各行各格；不是表格的为 null。")


class EventOut(Schema):
    kind: str = Field(description="事件：adopted 通过、promulgated 公布、approved 批准、revised 修订、amended 修正、effective 施行、repealed 废止。")
    date: datetime.date = Field(description="日期。")
    text: str = Field(description="原文中记载该事件的文字。")


class AttachmentOut(Schema):
    label: str = Field(description="附件标号，如 附件1。")
    title: str = Field(description="附件标题。")
    text: str = Field(description="附件文字。")


class DocumentDetail(DocumentSummary):
    addressees: str = Field(description="主送机关。")
    copied_to: str = Field(description="抄送机关。")
    printed_by: str = Field(description="印发机关。")
    printed_date: datetime.date | None = Field(description="印发日期。")
    note: str = Field(description="附注。")
    source_url: str = Field(description="原始来源地址；没有的为空字符串。")
    parts: list[PartOut] = Field(description="正文，按顺序分为标题、段落、条文和表格。")
    events: list[EventOut] = Field(description="立法和效力事件，按日期顺序。")
    attachments: list[AttachmentOut] = Field(description="附件。")
    versions: list[int] = Field(description="同一文件各版本的编号，从早到晚，含本文件。")


class DocumentPage(Schema):
    total: int = Field(description="符合条件的文件总数。")
    page: int = Field(description="页码，从 1 开始。")
    per_page: int = Field(description="每页条数。")
    results: list[DocumentSummary] = Field(description="本页的文件。")


class ChangesPage(Schema):
    since: datetime.datetime = Field(description="本次查询的起始时间。")
    until: datetime.datetime | None = Field(description="本页最后一份文件的变更时间；没有变更时为 null。")
    results: list[DocumentSummary] = Field(description="变更的文件，按变更时间从早到晚。")
    next: str | None = Field(description="下一页的地址；已取完时为 null。")


class FacetValueOut(Schema):
    value: str = Field(description="筛选值，可作为同名检索参数使用。")
    label: str = Field(description="显示名称。")
    count: int = Field(description="取该值的检索结果数。")


class SearchResult(Schema):
    id: int = Field(description=DOCUMENT_ID)
    title: str = Field(description="标题。")
    document_number: str = Field(description="发文字号；没有的为空字符串。")
    index_number: str = Field(description="索引号。")
    agencies: list[str] = Field(description=AGENCIES)
    publish_date: datetime.date | None = Field(description=PUBLISH_DATE)
    validity: str = Field(description=VALIDITY)
    score: float = Field(description="相关度得分（BM25），越大越相关；只用于同一次检索内比较。")
    article: str | None = Field(description="最相关的条文或章节标号，如 第三条；没有的为 null。")
    snippet: str = Field(description="从原文截取的 HTML 摘要：检索词包在 <mark> 中，其余文字已转义。")
    versions: int = Field(description="该文件的版本数；旧版本折叠在现行版本下。")
    url: str = Field(description="文件页面地址，有最相关条文时带该条文的锚点。")


class SearchOut(Schema):
    query: str = Field(description="检索词，与请求中的 q 相同。")
    searched_as: str = Field(description="实际检索的词语，与 query 不同时才有（如繁体字转为简体字），否则为空字符串。")
    total: int = Field(description="检索结果总数（各版本折叠后）。")
    took_ms: float = Field(description="检索用时，毫秒。")
    page: int = Field(description="页码，从 1 开始。")
    per_page: int = Field(description="每页条数。")
    number_match: bool = Field(description="检索词含发文字号、且该发文字号的文件排在最前时为 true。")
    facets: dict[str, list[FacetValueOut]] = Field(description="分面统计：键为筛选参数名（agency、doc_type、subject、year、validity、disclosure），值为各取值及其结果数。")
    suggestions: list[str] = Field(description="没有结果时建议改用的检索词。")
    results: list[SearchResult] = Field(description="本页的检索结果。")


class ErrorBody(Schema):
    status: int = Field(description="HTTP 状态码。")
    code: str = Field(description="错误代码，如 invalid_parameter、not_found、rate_limited。")
    message: str = Field(description="说明错误及如何改正的中文信息。")
    fields: dict[str, str] | None = Field(None, description="出错的参数及各自的说明；与参数无关的错误为空对象。")


class ErrorOut(Schema):
    error: ErrorBody = Field(description="所有错误共用的结构。")
