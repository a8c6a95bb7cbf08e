"""Output of the annual report built by `gongkai.disclosure.report`: JSON, HTML with SVG charts, and DOCX."""

from __future__ import annotations

import io
import json
from xml.sax.saxutils import escape

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

MONTH_LABELS = [f"{month}月" for month in range(1, 13)]


def to_json(report: dict) -> str:
    return json.dumps(report, ensure_ascii=False, indent=2, default=str)


def bar_chart_svg(title: str, labels: list[str], values: list[int]) -> str:
    """Return a horizontal bar chart as an SVG element with a title and a text label per bar."""
    bar_height, gap, label_width, chart_width = 22, 8, 300, 300
    height = len(values) * (bar_height + gap) + 40
    largest = max(values, default=0) or 1

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="chart-{abs(hash(title))}" '
        f'width="{label_width + chart_width + 60}" height="{height}" font-size="14">',
        f'<title id="chart-{abs(hash(title))}">{escape(title)}</title>',
        f'<text x="0" y="20" font-weight="bold">{escape(title)}</text>',
    ]
    for index, (label, value) in enumerate(zip(labels, values)):
        y = 32 + index * (bar_height + gap)
        width = round(chart_width * value / largest)
        parts.append(f'<text x="0" y="{y + 16}">{escape(label)}</text>')
        parts.append(f'<rect x="{label_width}" y="{y}" width="{width}" height="{bar_height}" fill="#0b57a4"/>')
        parts.append(f'<text x="{label_width + width + 6}" y="{y + 16}">{value}</text>')
    parts.append("</svg>")
    return "".join(parts)


def to_html(report: dict) -> str:
    """Render the report as an HTML page with its tables and two server-rendered SVG charts."""
    by_group = report["charts"]["by_outcome_group"]
    charts = [
        bar_chart_svg("按办理结果统计的申请数量", list(by_group), list(by_group.values())),
        bar_chart_svg("按月份统计的新收申请数量", MONTH_LABELS, report["charts"]["by_month"]),
    ]
    return render_to_string(
        "disclosure/annual_report.html", {"report": report, "charts": [mark_safe(chart) for chart in charts]}
    )


def to_docx(report: dict) -> bytes:
    """Write the report as a DOCX file with the three tables of parts 二, 三 and 四."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn

    document = Document()
    document.styles["Normal"].element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
    title = document.add_heading(report["title"], level=0)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    titles = report["part_titles"]

    document.add_heading(titles[0], level=1)
    document.add_paragraph(report["part_one"])

    document.add_heading(titles[1], level=1)
    for block, content in report["part_two"].items():
        table = document.add_table(rows=1, cols=len(content["columns"]) + 1, style="Table Grid")
        _fill_row(table.rows[0], [block, *content["columns"]])
        for label, values in content["rows"].items():
            _fill_row(table.add_row(), [label, *values])
        document.add_paragraph("")

    document.add_heading(titles[2], level=1)
    part_three = report["part_three"]
    table = document.add_table(rows=1, cols=len(part_three["columns"]) + 1, style="Table Grid")
    _fill_row(table.rows[0], [part_three["check"], *part_three["columns"]])
    for row in part_three["rows"]:
        values = [""] * len(part_three["columns"]) if row["counts"] is None else [*row["counts"].values(), row["total"]]
        _fill_row(table.add_row(), [row["label"], *values])

    document.add_heading(titles[3], level=1)
    groups = report["part_four"]
    table = document.add_table(rows=2, cols=15, style="Table Grid")
    for index, (group, columns) in enumerate(groups.items()):
        table.cell(0, index * 5).merge(table.cell(0, index * 5 + 4)).text = group
        for offset, (column, value) in enumerate(columns.items()):
            table.cell(1, index * 5 + offset).text = f"{column}\n{value}"

    document.add_heading(titles[4], level=1)
    document.add_paragraph(report["part_five"])
    document.add_heading(titles[5], level=1)
    document.add_paragraph(report["part_six"])

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _fill_row(row, values) -> None:
    for cell, value in zip(row.cells, values):
        cell.text = str(value)
