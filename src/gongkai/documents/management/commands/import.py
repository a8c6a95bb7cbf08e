"""`gongkai import PATH…`: import documents from files, folders and globs."""

import logging
import sys
from contextlib import nullcontext

from django.core.management.base import CommandError
from django.utils.translation import gettext_lazy as _
from tqdm import tqdm

from gongkai.core.commands import TranslatedCommand
from gongkai.core.models import Agency
from gongkai.documents import parsing
from gongkai.documents.importing import ImportReport, Status, import_paths
from gongkai.search import indexing, postinglists

logger = logging.getLogger(__name__)

STATUS_LABELS = {
    Status.IMPORTED: "新导入",
    Status.NEW_VERSION: "新版本",
    Status.VOLUME_ADDED: "并入已有文件的分编",
    Status.UNCHANGED: "未变化",
    Status.SKIPPED: "已跳过",
    Status.FAILED: "失败",
    Status.WOULD_IMPORT: "将导入（试运行）",
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
                raise CommandError(f"找不到机关“{options['agency']}”：请使用管理后台中已有机关的名称或代码。")

        progress = None
        if sys.stderr.isatty():
            progress = lambda items: tqdm(items, desc="导入", unit="个文件", file=sys.stderr)  # noqa: E731

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
            self.stderr.write("正在写入倒排列表，以加快检索……")
            postinglists.build()
        if report.failures:
            raise CommandError(f"{len(report.failures)} 个文件导入失败，见上方列表；其余文件已正常处理。")

    def print_summary(self, report: ImportReport) -> None:
        counts = report.counts
        line = "，".join(f"{label} {counts.get(status, 0)}" for status, label in STATUS_LABELS.items() if counts.get(status) or status in (Status.IMPORTED, Status.FAILED))
        self.stdout.write(f"导入完成：{line}，警告 {len(report.warnings)}。")

        for name, warning in report.warnings:
            self.stdout.write(f"  警告  {name}：{warning}")
        for outcome in report.outcomes:
            if outcome.status == Status.SKIPPED:
                self.stdout.write(f"  跳过  {outcome.name}：{outcome.message}")
        for outcome in report.failures:
            self.stdout.write(self.style.ERROR(f"  失败  {outcome.name}：{outcome.message}"))
