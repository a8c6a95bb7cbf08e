"""The JSON body of a search, the same from `/api/search` and `gongkai search --json`."""

from __future__ import annotations

from collections.abc import Callable


def search_body(response, *, query: str, page: int, per_page: int, absolute: Callable[[str], str] = str) -> dict:
    """Return a `search.engine.SearchResponse` as the `schemas.SearchOut` shape.

    `absolute` turns a document's path into the URL returned. The API adds the request's host,
    and the command line, which has no request, keeps the path.
    """
    return {
        "query": query,
        "searched_as": response.searched_as,
        "total": response.total,
        "took_ms": round(response.took_ms, 2),
        "page": page,
        "per_page": per_page,
        "number_match": response.number_match,
        "facets": {
            name: [{"value": str(value.value), "label": str(value.label), "count": value.count} for value in values]
            for name, values in response.facets.items()
        },
        "suggestions": [str(suggestion) for suggestion in response.suggestions],
        "results": [search_result(hit, absolute) for hit in response.hits],
    }


def search_result(hit, absolute: Callable[[str], str] = str) -> dict:
    document = hit.document
    path = document.get_absolute_url() + (f"#{hit.anchor}" if hit.anchor else "")
    return {
        "id": document.pk,
        "title": document.title,
        "document_number": document.document_number,
        "index_number": document.index_number,
        "agencies": [link.agency.name for link in document.agency_links.all()],
        "publish_date": document.publish_date.isoformat() if document.publish_date else None,
        "validity": document.validity,
        "score": round(float(hit.score), 4),
        "article": hit.article_label or None,
        "snippet": hit.snippet_html,
        "versions": hit.versions,
        "url": absolute(path),
    }
