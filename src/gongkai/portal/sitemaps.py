from django.contrib.sitemaps import Sitemap

from gongkai.portal.views import public_documents


class DocumentSitemap(Sitemap):
    """Every public document version; the current ones first and with a higher priority."""

    limit = 10000

    def items(self):
        return public_documents().order_by("-is_current", "id").only("id", "updated_at", "is_current")

    def lastmod(self, document):
        return document.updated_at

    def priority(self, document):
        return 0.8 if document.is_current else 0.3
