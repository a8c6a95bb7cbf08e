"""`gongkai search QUERY`: run a search from the command line, as the portal does."""

import json

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.utils.translation import gettext_lazy

from gongkai.api.results import search_body
from gongkai.core.commands import TranslatedCommand
from gongkai.search.engine import SearchRequest, search
from gongkai.search.filters import InvalidFilter


class Command(TranslatedCommand):
    help = gettext_lazy("Search the policy library and print the results (the same ranking as the portal).")

    def add_arguments(self, parser):
        parser.add_argument("query", nargs="+", help=gettext_lazy("Query words; quote phrases, prefix a word with - to exclude it."))
        parser.add_argument("--limit", type=int, default=10, help=gettext_lazy("Number of results to print (default 10)."))
        parser.add_argument("--page", type=int, default=1, help=gettext_lazy("Page of results to print, counting from 1 (default 1)."))
        parser.add_argument("--json", action="store_true", help=gettext_lazy("Print the JSON object /api/search returns, with paths in place of URLs."))
        parser.add_argument("--sort", choices=["relevance", "date"], default="relevance", help=gettext_lazy("Order of the results."))
        parser.add_argument(
            "--filter",
            action="append",
            default=[],
            metavar="NAME=VALUE",
            help=gettext_lazy("Filter such as doc_type=law, validity=valid, agency=SHGOV, year=2025, date_from=2025-01-01; repeatable."),
        )
        parser.add_argument("--all", action="store_true", help=gettext_lazy("Include documents that are not proactively disclosed."))

    def handle(self, *args, **options):
        for option in ("limit", "page"):
            if options[option] < 1:
                raise CommandError(_("--%(option)s must be a whole number of at least 1, not %(value)s.") % {"option": option, "value": options[option]})
        query = " ".join(options["query"])
        request = SearchRequest(
            q=query,
            filters=self.parse_filters(options["filter"]),
            sort=options["sort"],
            page=options["page"],
            per_page=options["limit"],
            include_nonpublic=options["all"],
        )
        try:
            response = search(request)
        except InvalidFilter as error:
            raise CommandError(str(error)) from error

        if options["json"]:
            body = search_body(response, query=query, page=options["page"], per_page=options["limit"])
            self.stdout.write(json.dumps(body, ensure_ascii=False, indent=2))
        else:
            self.print_text(response, first_rank=(options["page"] - 1) * options["limit"] + 1)
            if response.total and not response.hits:
                pages = -(-response.total // options["limit"])
                self.stdout.write(
                    ngettext(
                        "This page is past the last page of results; there is %(pages)s page.",
                        "This page is past the last page of results; there are %(pages)s pages.",
                        pages,
                    )
                    % {"pages": pages}
                )

    @staticmethod
    def parse_filters(pairs: list[str]) -> dict:
        filters: dict[str, list[str]] = {}
        for pair in pairs:
            name, separator, value = pair.partition("=")
            if not separator or not value:
                raise CommandError(_("Invalid filter “%(filter)s”: write it as NAME=VALUE, for example doc_type=law.") % {"filter": pair})
            filters.setdefault(name.strip(), []).append(value.strip())
        return filters

    def print_text(self, response, first_rank: int) -> None:
        if response.searched_as:
            self.stdout.write(_("Traditional characters were searched as simplified ones: %(query)s") % {"query": response.searched_as})
        summary = ngettext("%(total)s result in %(took)s ms", "%(total)s results in %(took)s ms", response.total)
        self.stdout.write(summary % {"total": response.total, "took": response.took_ms})
        for rank, hit in enumerate(response.hits, start=first_rank):
            document = hit.document
            details = [document.document_number, hit.article_label, str(document.get_validity_display()), f"{hit.score:.3f}"]
            self.stdout.write(f"{rank}. {document.title}")
            self.stdout.write(f"   {' · '.join(detail for detail in details if detail)}")
            self.stdout.write(f"   {document.index_number}  {document.get_absolute_url()}{'#' + hit.anchor if hit.anchor else ''}")
        for suggestion in response.suggestions:
            self.stdout.write(suggestion)
