"""Public pages of the library: home, document, agency. Read-only; only 主动公开 documents are shown."""

import hashlib
import logging
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import DatabaseError
from django.db.models import Count, Prefetch, Q
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.core.cache import cache
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import Agency
from gongkai.documents.choices import Disclosure, PartKind
from gongkai.documents.models import Document, DocumentAgency, SourceFile
from gongkai.portal.searching import PER_PAGE, SearchForm
from gongkai.publishing.models import Topic
from gongkai.search import filters as search_filters
from gongkai.search import insights, state
from gongkai.search.engine import SearchRequest
from gongkai.search.engine import search as run_search
from gongkai.search.filters import InvalidFilter

logger = logging.getLogger(__name__)

PUBLIC = Q(disclosure=Disclosure.PROACTIVE)


def public_documents():
    return Document.objects.filter(PUBLIC).prefetch_related(
        Prefetch("agency_links", queryset=DocumentAgency.objects.select_related("agency"))
    )


def home(request):
    latest = public_documents().current().order_by("-publish_date", "-id")[:20]
    agencies = (
        Agency.objects.annotate(count=Count("documents", filter=Q(documents__is_current=True, documents__disclosure=Disclosure.PROACTIVE)))
        .filter(count__gt=0)
        .order_by("-count")[:30]
    )
    topics = Topic.objects.order_by("name")[:30]
    return render(request, "portal/home.html", {"latest": latest, "agencies": agencies, "topics": topics})


def document(request, pk: int):
    doc = get_object_or_404(public_documents(), pk=pk)
    parts = list(doc.parts.filter(attachment__isnull=True).order_by("position"))
    headings = [part for part in parts if part.kind == PartKind.HEADING]
    context = {
        "doc": doc,
        "parts": parts,
        "headings": headings,
        "attachments": doc.attachments.prefetch_related("parts"),
        "versions": doc.versions().filter(PUBLIC) if doc.version_of_id or doc.later_versions.exists() else [],
        "events": doc.events.all(),
        # A file holding many documents (a JSON Lines batch) is not this document's original.
        "sources": SourceFile.objects.annotate(document_count=Count("documents")).filter(documents=doc, document_count=1),
        "print_view": request.GET.get("print") == "1",
    }
    return render(request, "portal/document.html", context)


def by_index_number(request, index_number: str):
    doc = get_object_or_404(public_documents(), index_number=index_number)
    return redirect(doc)


def original(request, pk: int, source_pk: int):
    doc = get_object_or_404(public_documents(), pk=pk)
    source = get_object_or_404(SourceFile.objects.annotate(document_count=Count("documents")), pk=source_pk, documents=doc)
    if source.document_count > 1:
        raise Http404("source file contains other documents")
    if not source.original:
        raise Http404("no original stored")
    response = FileResponse(source.original.open("rb"), as_attachment=True, filename=source.name)
    if response["Content-Type"] in TEXT_TYPES:
        charset = _text_charset(source.original)
        if charset:
            response["Content-Type"] += f"; charset={charset}"
    return response


TEXT_TYPES = {"text/plain", "text/markdown"}
"""Types of originals whose charset the download names, so a browser shows their Chinese."""


def _text_charset(original) -> str:
    """Return the charset the text importer tries for this file, or "" when the file is in another one."""
    # A handle of its own: FieldFile.open() returns the file object FileResponse streams, so closing it would end the download.
    with original.storage.open(original.name, "rb") as opened:
        data = opened.read()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    for charset in ("utf-8", "gb18030"):
        try:
            data.decode(charset)
        except UnicodeDecodeError:
            continue
        return charset
    return ""


def agency(request, code: str):
    agency = get_object_or_404(Agency, code=code)
    documents = public_documents().current().filter(agencies=agency).order_by("-publish_date", "-id")
    page = Paginator(documents, 20).get_page(request.GET.get("page"))
    return render(request, "portal/agency.html", {"agency": agency, "page": page})


FACET_VISIBLE = 10
"""Number of facet values listed at once. The others are in a “more” disclosure, which works without JavaScript."""

FACET_TITLES = {
    "agency": _("Issuing agency"),
    "doc_type": _("Document type"),
    "subject": _("Subject category"),
    "year": _("Year"),
    "validity": _("Validity"),
    "disclosure": _("Disclosure"),
}


ACTIVE_FILTER_TITLES = {
    **FACET_TITLES,
    "date_from": _("Published from"),
    "date_to": _("Published until"),
    "topic": _("Topic"),
}


def search(request):
    form = SearchForm.from_query(request.GET)
    results_html = None
    if form.q or form.filters:
        _drop_invalid_filters(form)
        cached = _search_results(request, form)
        if cached is not None:
            results_html, total = cached
            # Staff searches (from the statistics page among others) are not the public's. A search
            # narrowed by filters that finds nothing says nothing about its words, so it counts as found.
            if form.page == 1 and not request.user.is_staff:
                insights.record(form.q, total if not form.filters else max(total, 1))
    return render(request, "portal/search.html", {"form": form, "results_html": results_html})


def _drop_invalid_filters(form: SearchForm) -> None:
    """Remove each filter the engine rejects and add a warning, as the form does for a malformed year or date."""
    while form.filters:
        try:
            search_filters.build(search_filters.normalise(form.engine_filters()), include_nonpublic=False)
            return
        except InvalidFilter as error:
            label = search_filters.FILTER_LABELS.get(error.name, error.name)
            form.errors.append(_("%(error)s The filter “%(label)s” was left out.") % {"error": error, "label": label})
            if error.name not in form.filters:
                return
            del form.filters[error.name]


def active_filters(form: SearchForm) -> list[dict]:
    """Return each filter of the search with a readable value and the URL of the search without it."""
    agencies = dict(Agency.objects.filter(code=form.filters.get("agency", "")).values_list("code", "name"))
    topics = dict(Topic.objects.filter(slug=form.filters.get("topic", "")).values_list("slug", "name"))
    labels = {
        "agency": agencies,
        "topic": topics,
        "year": {search_filters.UNDATED: search_filters.UNDATED_LABEL},
        **{name: dict(choices.choices) for name, choices in search_filters.CHOICES.items()},
    }
    return [
        {
            "title": ACTIVE_FILTER_TITLES.get(name, name),
            "value": labels.get(name, {}).get(value, value),
            "url": form.url(**{name: None}, page=None),
        }
        for name, value in form.filters.items()
    ]


def _search_results(request, form: SearchForm) -> tuple[str, int] | None:
    """Return the rendered results of this search and their count, from the cache when the index is unchanged.

    The results part of the page is the same for every visitor (it shows 主动公开 documents only),
    so it is cached by URL, language and index generation; a change to the index starts a new
    generation and no stale result is shown. Returns None when a filter is invalid.
    """
    key = "portal:search:{}:{}:{}".format(
        get_language(), state.version(), hashlib.sha256(request.get_full_path().encode()).hexdigest()
    )
    cached = cache.get(key)
    if cached is not None:
        return cached

    try:
        search_request = SearchRequest(q=form.q, filters=form.engine_filters(), sort=form.sort, page=form.page, per_page=PER_PAGE)
        response = run_search(search_request)
    except InvalidFilter as error:
        form.errors.append(str(error))
        return None

    facets = []
    for name, values in response.facets.items():
        selected = form.filters.get(name)
        links = [
            {
                "label": value.label,
                "count": value.count,
                "selected": str(value.value) == selected,
                "url": form.url(**{name: None if str(value.value) == selected else value.value, "page": None}),
            }
            for value in values
        ]
        # A selected value is the only one of its facet, since the counts include every filter.
        visible, more = links[:FACET_VISIBLE], links[FACET_VISIBLE:]
        facets.append({"name": name, "title": FACET_TITLES.get(name, name), "links": visible, "more": more, "selected": selected})

    pages = (response.total + PER_PAGE - 1) // PER_PAGE
    context = {
        "form": form,
        "response": response,
        "facets": facets,
        "pages": pages,
        "previous_url": form.url(page=min(form.page, pages + 1) - 1) if form.page > 1 else None,
        "first_page_url": form.url(page=None),
        "next_url": form.url(page=form.page + 1) if form.page < pages else None,
        "sort_urls": {"relevance": form.url(sort=None, page=None), "date": form.url(sort="date", page=None)},
        "feed_url": reverse("portal:feed_search_rss") + form.url(page=None),
        "clear_filters_url": form.url(**{name: None for name in form.filters}, page=None),
        "active_filters": active_filters(form),
        "ask_url": reverse("assistant:ask") + "?" + urlencode({"q": form.q}) if form.q else reverse("assistant:ask"),
        "request_url": reverse("disclosure:new"),
        "relaxations": [
            {"label": relaxation.label, "count": relaxation.count, "url": form.url(**{relaxation.name: None}, page=None)}
            for relaxation in response.relaxations
        ],
        "alternatives": [{"query": query, "url": form.url(q=query, page=None)} for query in response.alternatives],
    }
    cached = (render_to_string("portal/_search_results.html", context, request), response.total)
    cache.set(key, cached, settings.SEARCH_CACHE_SECONDS)
    return cached


def robots_txt(request):
    """Point crawlers at the sitemap and keep them out of the staff pages and the admin."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /staff/",
        f"Sitemap: {request.build_absolute_uri(reverse('portal:sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def health(request):
    """Report whether the site can read its database; for load balancers and monitoring."""
    try:
        documents = Document.objects.count()
    except DatabaseError:
        logger.exception("health check failed")
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok", "documents": documents})


@login_required
def staff_home(request):
    """The staff landing page after login: links to the disclosure requests, publishing and the admin."""
    return render(request, "portal/staff_home.html")


def topics(request):
    return render(request, "portal/topics.html", {"topics": Topic.objects.select_related("lead_agency").order_by("name")})


@staff_member_required(login_url=settings.LOGIN_URL)
def search_insights(request):
    """Top queries and queries without results, by week, for staff who maintain terms and synonyms."""
    return render(request, "portal/search_insights.html", {"weeks": insights.weekly()})
