"""`gongkai import PATH…`: import documents from files, folders and globs."""

import logging
import sys
from contextlib import nullcontext

from django.core.management.base import CommandError
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from tqdm import tqdm

from gongkai.core.commands import TranslatedCommand
from gongkai.core.models import Agency
from gongkai.documents import parsing
from gongkai.documents.importing import ImportReport, Status, import_paths
from gongkai.search import indexing, postinglists

logger = logging.getLogger(__name__)

STATUS_LABELS = {
    Status.IMPORTED: pgettext_lazy("import summary", "imported"),
    Status.NEW_VERSION: pgettext_lazy("import summary", "new versions"),
    Status.VOLUME_ADDED: pgettext_lazy("import summary", "volumes added to a stored document"),
    Status.UNCHANGED: pgettext_lazy("import summary", "unchanged"),
    Status.SKIPPED: pgettext_lazy("import summary", "skipped"),
    Status.FAILED: pgettext_lazy("import summary", "failed"),
    Status.WOULD_IMPORT: pgettext_lazy("import summary", "would import (dry run)"),
}


class Command(TranslatedCommand):
    help = _("Import policy documents from files, folders and globs (txt, md, jsonl, docx, pdf, html, ofd).")

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help=_("Files, folders (read recursively) or glob patterns."))
        parser.add_argument("--agency", help=_("Name or code of the issuing agency for every imported document."))
        parser.add_argument("--format", choices=sorted(parsing.FORMATS), help=_("Read every file as this format."))
        parser.add_argument("--dry-run", action="store_true", help=_("Parse and report without writing anything."))
        parser.add_argument("--ocr", action="store_true", help=_("Recognise scanned PDFs with tesseract (chi_sim)."))

    def handle(self, *args, **options):
        agency = None
        if options["agency"]:
            agency = Agency.objects.filter(code=options["agency"]).first() or Agency.objects.filter(
                name=options["agency"]
            ).first()
            if agency is None:
                raise CommandError(
                    gettext("No agency “%(agency)s”: give the name or code of an agency listed in the admin.") % {"agency": options["agency"]}
                )

        progress = None
        if sys.stderr.isatty():
            progress = lambda items: tqdm(items, desc=gettext("Importing"), unit=pgettext("progress unit", "files"), file=sys.stderr)  # noqa: E731

        # The search index segments each batch in a second process while the next batch is stored.
        with nullcontext() if options["dry_run"] else indexing.segmenting_ahead():
            report = import_paths(
                options["paths"],
                fmt=options["format"],
                agency=agency,
                dry_run=options["dry_run"],
                ocr=options["ocr"],
                progress=progress,
            )
        self.print_summary(report)
        if not options["dry_run"] and postinglists.stale():
            self.stderr.write(gettext("Writing the posting lists, which speed up searches…"))
            postinglists.build()
        if report.failures:
            raise CommandError(
                gettext("%(count)d files failed to import, listed above; the other files were processed.") % {"count": len(report.failures)}
            )

    def print_summary(self, report: ImportReport) -> None:
        counts = report.counts
        reported = [status for status in STATUS_LABELS if counts.get(status) or status in (Status.IMPORTED, Status.FAILED)]
        figures = [gettext("%(label)s %(count)d") % {"label": STATUS_LABELS[status], "count": counts.get(status, 0)} for status in reported]
        figures.append(gettext("warnings %(count)d") % {"count": len(report.warnings)})
        # Translators: the separator between the figures of the import summary.
        separator = pgettext("import summary", ", ")
        self.stdout.write(gettext("Import finished: %(figures)s.") % {"figures": separator.join(figures)})

        for name, warning in report.warnings:
            self.stdout.write(gettext("  warning  %(name)s: %(message)s") % {"name": name, "message": warning})
        for outcome in report.outcomes:
            if outcome.status == Status.SKIPPED:
                self.stdout.write(gettext("  skipped  %(name)s: %(message)s") % {"name": outcome.name, "message": outcome.message})
        for outcome in report.failures:
            self.stdout.write(self.style.ERROR(gettext("  failed  %(name)s: %(message)s") % {"name": outcome.name, "message": outcome.message}))
