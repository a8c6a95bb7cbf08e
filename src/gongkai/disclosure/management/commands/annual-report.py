"""`gongkai annual-report --year Y [--agency CODE] --format json|docx|html`: the annual disclosure report."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.core.models import Agency
from gongkai.disclosure import report, report_formats


class Command(BaseCommand):
    help = "生成政府信息公开工作年度报告（国办公开办函〔2021〕30号格式），第三部分勾稽关系不成立时报错并指出所在列。"

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="报告年度，例如 2025。")
        parser.add_argument("--agency", metavar="CODE", help="机关代码，例如 SHGOV；不填写则统计全部机关。")
        parser.add_argument("--format", choices=["json", "docx", "html"], default="json", help="输出格式，默认 json。")
        parser.add_argument("--output", metavar="FILE", help="输出文件；docx 格式必须填写，其他格式不填写则输出到标准输出。")

    def handle(self, *args, **options):
        agency = None
        if options["agency"]:
            agency = Agency.objects.filter(code=options["agency"]).first()
            if agency is None:
                raise CommandError(f"参数 --agency 无效：没有代码为“{options['agency']}”的机关，请在管理后台“机关”中查看代码。")

        output_format = options["format"]
        if output_format == "docx" and not options["output"]:
            raise CommandError("docx 格式需要用 --output 指定输出文件，例如 --output 2025年度报告.docx。")

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
