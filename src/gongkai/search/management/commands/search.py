"""`gongkai search QUERY`: run a search from the command line, as the portal does."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from gongkai.search.engine import SearchRequest, search
from gongkai.search.filters import InvalidFilter


class Command(BaseCommand):
    help = "Search the policy library and print the results (the same ranking as the portal)."

    def add_arguments(self, parser):
        parser.add_argument("query", nargs="+", help="Query words; quote phrases, prefix a word with - to exclude it.")
        parser.add_argument("--limit", type=int, default=10, help="Number of results to print (default 10).")
        parser.add_argument("--json", action="store_true", help="Print one JSON object with total, facets and results.")
        parser.add_argument("--sort", choices=["relevance", "date"], default="relevance", help="Order of the results.")
        parser.add_argument(
            "--filter",
            action="append",
            default=[],
            metavar="NAME=VALUE",
            help="Filter such as doc_type=law, validity=valid, agency=SHGOV, year=2025, from=2025-01-01; repeatable.",
        )
        parser.add_argument("--all", action="store_true", help="Include documents that are not proactively disclosed.")

    def handle(self, *args, **options):
        if options["limit"] < 1:
            raise CommandError("--limit 必须是正整数。")
        request = SearchRequest(
            q=" ".join(options["query"]),
            filters=self.parse_filters(options["filter"]),
            sort=options["sort"],
            per_page=options["limit"],
            include_nonpublic=options["all"],
        )
        try:
            response = search(request)
        except InvalidFilter as error:
            raise CommandError(str(error)) from error

        if options["json"]:
            self.stdout.write(json.dumps(as_json(response), ensure_ascii=False, indent=2))
        else:
            self.print_text(response)

    @staticmethod
    def parse_filters(pairs: list[str]) -> dict:
        filters: dict[str, list[str]] = {}
        for pair in pairs:
            name, separator, value = pair.partition("=")
            if not separator or not value:
                raise CommandError(f"筛选条件“{pair}”格式不对，请写成 名称=取值，例如 doc_type=law。")
            filters.setdefault(name.strip(), []).append(value.strip())
        return filters

    def print_text(self, response) -> None:
        if response.searched_as:
            self.stdout.write(_("Traditional characters were searched as simplified ones: %(query)s") % {"query": response.searched_as})
        self.stdout.write(f"共 {response.total} 条结果（{response.took_ms} 毫秒）")
        for rank, hit in enumerate(response.hits, start=1):
            document = hit.document
            details = [document.document_number, hit.article_label, str(document.get_validity_display()), f"{hit.score:.3f}"]
            self.stdout.write(f"{rank}. {document.title}")
            self.stdout.write(f"   {' · '.join(detail for detail in details if detail)}")
            self.stdout.write(f"   {document.index_number}  {document.get_absolute_url()}{'#' + hit.anchor if hit.anchor else ''}")
        for suggestion in response.suggestions:
            self.stdout.write(suggestion)


def as_json(response) -> dict:
    return {
        "searched_as": response.searched_as,
        "total": response.total,
        "facets": {
            name: [{"value": value.value, "label": value.label, "count": value.count} for value in values]
            for name, values in response.facets.items()
        },
        "results": [
            {
                "id": hit.document.pk,
                "title": hit.document.title,
                "document_number": hit.document.document_number,
                "index_number": hit.document.index_number,
                "validity": hit.document.validity,
                "score": hit.score,
                "article": hit.article_label,
                "url": hit.document.get_absolute_url() + (f"#{hit.anchor}" if hit.anchor else ""),
            }
            for hit in response.hits
        ],
        "suggestions": response.suggestions,
        "number_match": response.number_match,
    }
