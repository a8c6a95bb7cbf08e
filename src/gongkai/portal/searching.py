"""The search page's request handling: URL parameters to a search request, facets to links."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import QueryDict

FILTER_NAMES = ["agency", "doc_type", "subject", "year", "validity", "disclosure", "date_from", "date_to", "topic"]
PER_PAGE = 10


@dataclass
class SearchForm:
    """The search a visitor requested, read leniently from the URL: an invalid value is dropped and reported."""

    q: str
    filters: dict[str, str]
    sort: str
    page: int
    errors: list[str]

    @classmethod
    def from_query(cls, query: QueryDict) -> SearchForm:
        errors = []
        filters = {}
        for name in FILTER_NAMES:
            value = query.get(name, "").strip()
            # Invalid values are dropped with a warning later, by the search engine's own checks.
            if value:
                filters[name] = value

        sort = query.get("sort", "relevance")
        if sort not in ("relevance", "date"):
            sort = "relevance"
        page = query.get("page", "1")
        page = int(page) if page.isdigit() and int(page) > 0 else 1
        return cls(q=query.get("q", "").strip()[:200], filters=filters, sort=sort, page=page, errors=errors)

    def engine_filters(self) -> dict:
        """Return the filters for the search engine: a policy topic becomes the ids of its documents."""
        from gongkai.publishing.models import Topic

        filters = {name: value for name, value in self.filters.items() if name != "topic"}
        if "topic" in self.filters:
            filters["document"] = Topic.search_filter(self.filters["topic"])
        return filters

    def url(self, **changes) -> str:
        """This search's URL with some parameters changed; a value of None removes the parameter."""
        parameters = {"q": self.q, **self.filters, "sort": self.sort if self.sort != "relevance" else None}
        parameters.update(changes)
        return "?" + urlencode({key: value for key, value in parameters.items() if value not in (None, "")})
