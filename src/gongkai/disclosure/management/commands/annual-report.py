"""`gongkai annual-report --year Y [--agency CODE] --format json|docx|html`: the annual disclosure report."""

from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gongkai.core.commands import TranslatedCommand
from gongkai.core.models import Agency
from gongkai.disclosure import report, report_formats


class Command(TranslatedCommand):
    help = _(
        "Generate the annual report on open government information work in the format of 国办公开办函〔2021〕30号. "
        "When a cross-check in part 3 fails, exit with an error that names the column."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help=_("Report year, for example 2025."))
        parser.add_argument("--agency", metavar="CODE", help=_("Agency code, for example SHGOV; omit it to count every agency."))
        parser.add_argument("--format", choices=["json", "docx", "html"], default="json", help=_("Output format (default json)."))
        parser.add_argument(
            "--output",
            metavar="FILE",
            help=_("Output file, required for docx; other formats go to standard output when it is omitted."),
        )

    def handle(self, *args, **options):
        agency = None
        if options["agency"]:
            agency = Agency.objects.filter(code=options["agency"]).first()
            if agency is None:
                raise CommandError(
                    gettext("Invalid --agency: no agency has the code “%(code)s”; look the code up under Agencies in the admin.")
                    % {"code": options["agency"]}
                )

        output_format = options["format"]
        if output_format == "docx" and not options["output"]:
            raise CommandError(gettext("The docx format needs an output file: add --output, for example --output 2025年度报告.docx."))

        try:
            data = report.build(options["year"], agency)
        except report.ReportError as error:
            raise CommandError(str(error)) from None

        if output_format == "docx":
            Path(options["output"]).write_bytes(report_formats.to_docx(data))
            return

        text = report_formats.to_json(data) if output_format == "json" else report_formats.to_html(data)
        if options["output"]:
            Path(options["output"]).write_text(text, encoding="utf-8")
        else:
            self.stdout.write(text)
