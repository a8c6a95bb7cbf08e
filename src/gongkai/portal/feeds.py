"""RSS 2.0 and Atom feeds: the whole library, one agency, or any search URL."""

from __future__ import annotations

import datetime

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import Agency
from gongkai.core.punctuation import join_list, labelled, parenthesised
from gongkai.portal.views import public_documents

FEED_SIZE = 50


def as_datetime(date: datetime.date | None) -> datetime.datetime | None:
    if date is None:
        return None
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time(8, 0)))


class LatestDocumentsFeed(Feed):
    title = _("Latest policy documents")
    description = _("Documents published in the policy library, newest first.")

    def link(self):
        return reverse("portal:home")

    def items(self):
        return public_documents().current().order_by("-publish_date", "-id")[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        parts = [item.document_number, join_list(link.agency.name for link in item.agency_links.all())]
        return " · ".join(part for part in parts if part)

    def item_pubdate(self, item):
        return as_datetime(item.publish_date)

    def item_updateddate(self, item):
        return item.updated_at

    def item_guid(self, item):
        return item.index_number

    item_guid_is_permalink = False


class LatestDocumentsAtomFeed(LatestDocumentsFeed):
    feed_type = Atom1Feed
    subtitle = LatestDocumentsFeed.description


class AgencyFeed(LatestDocumentsFeed):
    def get_object(self, request, code):
        return get_object_or_404(Agency, code=code)

    def title(self, agency):
        return _("Documents of %(agency)s") % {"agency": agency.name}

    def link(self, agency):
        return reverse("portal:agency", args=[agency.code])

    def items(self, agency):
        return public_documents().current().filter(agencies=agency).order_by("-publish_date", "-id")[:FEED_SIZE]


class AgencyAtomFeed(AgencyFeed):
    feed_type = Atom1Feed


class SearchFeed(LatestDocumentsFeed):
    """The newest documents matching a saved search: the search page's parameters, sorted by date."""

    def get_object(self, request):
        from gongkai.portal.searching import SearchForm

        return SearchForm.from_query(request.GET)

    def title(self, form):
        from gongkai.portal.views import active_filters

        title = _("Search: %(query)s") % {"query": form.q or "—"}
        filters = join_list(labelled(item["title"], item["value"]) for item in active_filters(form))
        return f"{title}{parenthesised(filters)}" if filters else title

    def link(self, form):
        return reverse("portal:search") + form.url()

    def feed_url(self, form):
        # Without the parameters, the feed's self link would name the feed of every document.
        return reverse("portal:feed_search_rss") + form.url()

    def items(self, form):
        from gongkai.search.engine import SearchRequest, search
        from gongkai.search.filters import InvalidFilter

        try:
            response = search(
                SearchRequest(q=form.q, filters=form.engine_filters(), sort="date", page=1, per_page=FEED_SIZE, facets=False, snippets=False)
            )
        except InvalidFilter:
            return []
        return [hit.document for hit in response.hits]


class TopicFeed(LatestDocumentsFeed):
    """The newest documents of a policy topic (政策主题库), chosen or matched by its rules."""

    def get_object(self, request, slug):
        from gongkai.publishing.models import Topic

        return get_object_or_404(Topic, slug=slug)

    def title(self, topic):
        return _("Policy topic: %(topic)s") % {"topic": topic.name}

    def link(self, topic):
        return topic.get_absolute_url()

    def items(self, topic):
        return topic.member_documents().order_by("-publish_date", "-id")[:FEED_SIZE]
