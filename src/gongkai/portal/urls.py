from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from gongkai.portal import feeds, views
from gongkai.portal.sitemaps import DocumentSitemap

SITEMAPS = {"documents": DocumentSitemap}

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("health", views.health, name="health"),
    path("staff/", views.staff_home, name="staff_home"),
    path("staff/search-insights/", views.search_insights, name="search_insights"),
    path("topics/", views.topics, name="topics"),
    path("documents/<int:pk>/", views.document, name="document"),
    path("documents/<int:pk>/original/<int:source_pk>/", views.original, name="original"),
    path("i/<path:index_number>", views.by_index_number, name="by_index_number"),
    path("agencies/<str:code>/", views.agency, name="agency"),
    path("feeds/latest.rss", feeds.LatestDocumentsFeed(), name="feed_latest_rss"),
    path("feeds/latest.atom", feeds.LatestDocumentsAtomFeed(), name="feed_latest_atom"),
    path("feeds/agencies/<str:code>.rss", feeds.AgencyFeed(), name="feed_agency_rss"),
    path("feeds/agencies/<str:code>.atom", feeds.AgencyAtomFeed(), name="feed_agency_atom"),
    path("feeds/search.rss", feeds.SearchFeed(), name="feed_search_rss"),
    path("feeds/topics/<slug:slug>.rss", feeds.TopicFeed(), name="feed_topic_rss"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS, "sitemap_url_name": "portal:sitemap_section"}, name="sitemap"),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap_section"),
]
