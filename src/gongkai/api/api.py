"""The open API: search, documents and changes, read-only, JSON, rate-limited per client."""

from __future__ import annotations

import datetime
from typing import Literal

from django.conf import settings
from django.db.models import Prefetch
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from ninja import Field, NinjaAPI, Path, Query, Schema
from ninja.renderers import JSONRenderer
from ninja.throttling import AnonRateThrottle

from gongkai.api import errors, results
from gongkai.api.schemas import ChangesPage, DocumentDetail, DocumentPage, ErrorOut, SearchOut
from gongkai.documents.choices import Disclosure, DocType, Validity
from gongkai.documents.models import Document, DocumentAgency
from gongkai.publishing.models import Topic
from gongkai.search import insights
from gongkai.search.engine import SearchRequest
from gongkai.search.engine import search as run_search
from gongkai.search.filters import InvalidFilter

THROTTLE = AnonRateThrottle(settings.API_RATE)

class ChineseJSONRenderer(JSONRenderer):
    """JSON with Chinese characters as they are, not as \\u escapes, like the error responses."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    renderer=ChineseJSONRenderer(),
    title="gongkai 开放接口",
    version="1",
    description="政策文件的检索、查询和变更同步接口。只读，返回 JSON；错误统一为 {\"error\": {...}} 结构。",
    urls_namespace="api",
    docs_url="/docs",
    throttle=[THROTTLE],
)
errors.install(api)
api.add_router("/", "gongkai.assistant.api.router")

ERRORS = {400: ErrorOut, 404: ErrorOut, 429: ErrorOut, 500: ErrorOut}
MAX_PER_PAGE = 50


@csrf_exempt
def not_found(request: HttpRequest, rest: str = ""):
    """Return the API's 404 error shape for unknown /api/ paths instead of Django's HTML page."""
    return errors.error_response(404, "not_found", _("There is no API at {path}: /api/docs lists the ones there are.").format(path=request.path))


def public_documents():
    return Document.objects.filter(disclosure=Disclosure.PROACTIVE).prefetch_related(
        Prefetch("agency_links", queryset=DocumentAgency.objects.select_related("agency"))
    )


def summary(request: HttpRequest, document: Document) -> dict:
    return {
        "id": document.pk,
        "title": document.title,
        "document_number": document.document_number,
        "index_number": document.index_number,
        "agencies": [link.agency.name for link in document.agency_links.all()],
        "doc_type": document.doc_type,
        "subject": document.subject,
        "written_date": document.written_date,
        "publish_date": document.publish_date,
        "effective_date": document.effective_date,
        "validity": document.validity,
        "disclosure": document.disclosure,
        "is_current": document.is_current,
        "version_of": document.version_of_id,
        "updated_at": document.updated_at,
        "url": request.build_absolute_uri(document.get_absolute_url()),
    }


def detail(request: HttpRequest, document: Document) -> dict:
    return {
        **summary(request, document),
        "addressees": document.addressees,
        "copied_to": document.copied_to,
        "printed_by": document.printed_by,
        "printed_date": document.printed_date,
        "note": document.note,
        "source_url": document.source_url,
        "parts": list(document.parts.filter(attachment__isnull=True).values("kind", "level", "label", "anchor", "text", "rows")),
        "events": list(document.events.values("kind", "date", "text")),
        "attachments": list(document.attachments.values("label", "title", "text")),
        "versions": [version.pk for version in document.versions().filter(disclosure=Disclosure.PROACTIVE)],
    }


class DocumentFilters(Schema):
    agency: str | None = Field(None, description="发文机关代码，如 SHGOV。")
    doc_type: DocType | None = Field(None, description="文种。")
    subject: str | None = Field(None, description="主题分类。")
    year: int | None = Field(None, description="成文或发布年份，四位数字。")
    validity: Validity | None = Field(None, description="效力状态。")
    current_only: bool = Field(True, description="只列各文件的现行版本；设为 false 则包括历次版本。")
    page: int = Field(1, description="页码，从 1 开始。")
    per_page: int = Field(20, description="每页条数，最多 50。")


@api.get("/documents", response={200: DocumentPage, **ERRORS}, summary="文件列表", tags=["documents"])
def list_documents(request, filters: Query[DocumentFilters]):
    documents = public_documents().order_by("-publish_date", "-id")
    if filters.current_only:
        documents = documents.filter(is_current=True)
    if filters.agency:
        documents = documents.filter(agencies__code=filters.agency)
    if filters.doc_type:
        documents = documents.filter(doc_type=filters.doc_type)
    if filters.subject:
        documents = documents.filter(subject=filters.subject)
    if filters.year:
        documents = documents.filter(publish_date__year=filters.year)
    if filters.validity:
        documents = documents.filter(validity=filters.validity)

    page, per_page = pagination(filters.page, filters.per_page)
    total = documents.count()
    rows = documents[(page - 1) * per_page : page * per_page]
    return {"total": total, "page": page, "per_page": per_page, "results": [summary(request, doc) for doc in rows]}


@api.get("/documents/{int:document_id}", response={200: DocumentDetail, **ERRORS}, summary="按编号查询文件", tags=["documents"])
def get_document(request, document_id: int = Path(..., description="文件编号，即列表和检索结果中的 id。")):
    return detail(request, get_object_or_404(public_documents(), pk=document_id))


@api.get(
    "/documents/by-index/{path:index_number}",
    response={200: DocumentDetail, **ERRORS},
    summary="按索引号查询文件",
    tags=["documents"],
)
def get_document_by_index(request, index_number: str = Path(..., description="索引号，如 SC/2019-00008。")):
    return detail(request, get_object_or_404(public_documents(), index_number=index_number))


class ChangesParameters(Schema):
    since: datetime.datetime = Field(
        ..., description="起始时间，ISO 8601 格式，如 2025-01-01T00:00:00+08:00；返回此后新增或变更的文件。未写时区的按北京时间。"
    )
    limit: int = Field(100, description="每次返回的条数，1 到 500，超出的按最接近的边界处理。")


@api.get(
    "/changes",
    response={200: ChangesPage, **ERRORS},
    summary="某一时间以来变更的文件",
    description="返回 since 之后新增或变更的主动公开文件，按变更时间从早到晚；沿 next 取下一页，直到 next 为 null。",
    tags=["documents"],
)
def changes(request, parameters: Query[ChangesParameters]):
    """Documents created or changed after `since`, oldest change first; follow `next` until it is null."""
    since, limit = parameters.since, parameters.limit
    if timezone.is_naive(since):
        since = timezone.make_aware(since)
    limit = max(1, min(limit, 500))
    rows = list(public_documents().filter(updated_at__gt=since).order_by("updated_at", "id")[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    until = rows[-1].updated_at if rows else None
    next_url = None
    if more and until is not None:
        next_url = request.build_absolute_uri(f"{request.path}?since={until.isoformat()}&limit={limit}").replace("+", "%2B")
    return {"since": since, "until": until, "results": [summary(request, doc) for doc in rows], "next": next_url}


def pagination(page: int, per_page: int) -> tuple[int, int]:
    if page < 1:
        raise errors.ApiError(
            400, "invalid_parameter", _("Invalid parameter: page must be a whole number of 1 or more."), {"page": _("must not be less than 1")}
        )
    if not 1 <= per_page <= MAX_PER_PAGE:
        raise errors.ApiError(
            400,
            "invalid_parameter",
            _("Invalid parameter: per_page must be between 1 and {most}.").format(most=MAX_PER_PAGE),
            {"per_page": _("must be between 1 and {most}").format(most=MAX_PER_PAGE)},
        )
    return page, per_page


class SearchParameters(Schema):
    q: str = Field("", description="检索词：词语、\"带引号的短语\"、-排除词或发文字号；繁体字按简体字检索。")
    agency: str | None = Field(None, description="发文机关代码，如 SHGOV。")
    doc_type: str | None = Field(None, description="文种，如 rule、notice。")
    subject: str | None = Field(None, description="主题分类。")
    year: str | None = Field(None, description="年份，四位数字；none 表示没有日期的文件。")
    date_from: datetime.date | None = Field(None, description="发布日期起，如 2025-01-01。")
    date_to: datetime.date | None = Field(None, description="发布日期止，不得早于 date_from。")
    validity: str | None = Field(None, description="效力状态，如 valid、repealed。")
    disclosure: str | None = Field(None, description="公开属性；开放接口只返回主动公开的文件。")
    topic: str | None = Field(None, description="政策专题的标识（slug）。")
    sort: Literal["relevance", "date"] = Field("relevance", description="排序：relevance 按相关度，date 按日期。")
    page: int = Field(1, description="页码，从 1 开始。")
    per_page: int = Field(10, description="每页条数，最多 50。")


@api.get(
    "/search",
    response={200: SearchOut, **ERRORS},
    summary="检索",
    description="与门户检索页结果相同：按相关度或日期排序，附分面统计；旧版本折叠在现行版本下。",
    tags=["search"],
)
def search(request, parameters: Query[SearchParameters]):

    page, per_page = pagination(parameters.page, parameters.per_page)
    filters = parameters.dict(exclude={"q", "sort", "page", "per_page", "topic"}, exclude_none=True)
    if parameters.topic:
        filters["document"] = Topic.search_filter(parameters.topic)
    try:
        response = run_search(SearchRequest(q=parameters.q, filters=filters, sort=parameters.sort, page=page, per_page=per_page))
    except InvalidFilter as error:
        raise errors.ApiError(400, "invalid_parameter", str(error), {error.name: str(error)} if error.name else None) from error
    if page == 1:
        insights.record(parameters.q, response.total)
    return results.search_body(response, query=parameters.q, page=page, per_page=per_page, absolute=request.build_absolute_uri)
