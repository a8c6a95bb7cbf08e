"""Format rules of GB/T 9704-2012《党政机关公文格式》.

发文字号 uses the 六角括号〔〕, a full year, no 第 and no zero padding (7.2.5). 成文日期 uses
Arabic numerals without padding (7.3.5). Headings are numbered 一、（一）1.（1） (7.3.3). The
主送机关 line ends in a full-width colon (7.3.2). The 附件说明 lists the attachments, numbered
1. 2. …, with no punctuation after the names (7.3.4). 命令 (第N号) and 公告 (2025年第3号)
numbers follow their own forms and are not reported.
"""

from __future__ import annotations

import re

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from gongkai.core.text import to_half_width
from gongkai.documents.parsing.gbt9704 import BRACKET_NUMBER, _trim_agency_code
from gongkai.publishing.checks.base import Finding, Material, excerpt, join_lazy
from gongkai.publishing.choices import Severity

_CN = "一二三四五六七八九十"
CHINESE_DATE = re.compile(r"[〇○Ｏ零O0一二三四五六七八九]{4}\s*年\s*[一二三四五六七八九十]{1,3}\s*月\s*[一二三四五六七八九十]{1,4}\s*日")
PADDED_DATE = re.compile(r"(?<!\d)(?:19|20)\d{2}\s*年\s*0\d\s*月|(?<!\d)(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*0\d\s*日")
DATE_LINE = re.compile(r"^\S{0,40}?\s*(?:(?:19|20)\d{2}|[〇○Ｏ零O0一二三四五六七八九]{4})\s*年[^年月日]{1,3}月[^年月日]{1,4}日$")
WRONG_HEADINGS = (
    (re.compile(rf"^(?P<label>[{_CN}]+\s*[.．,，])(?!\d)"), "“一.”“一，”", "一、"),
    (re.compile(r"^(?P<label>\d{1,2}\s*、)"), "“1、”", "1."),
    (re.compile(rf"^(?P<label>\([{_CN}]+\)|\([{_CN}]+）|（[{_CN}]+\))"), _("“(一)” in half-width brackets"), "（一）"),
    (re.compile(rf"^(?P<label>[（(][{_CN}]+[）)]\s*[、.．])"), "“（一）、”", "（一）"),
    (re.compile(r"^(?P<label>[（(]\d{1,2}[）)]\s*[、.．])"), "“（1）、”", "（1）"),
)
ADDRESSEE_ASCII_COLON = re.compile(r"^(?:主\s*送\s*:|[^：:。]{2,200}(?:政府|委|办|局|单位|部门|公司|学校|医院|厅|院|会)\s*:)\s*$")
ATTACHMENT_NOTE = re.compile(r"^附\s*件\s*(?P<colon>[:：]?)\s*(?:(?P<number>\d+)\s*[.．、]\s*)?(?P<name>\S.*?)$")
ATTACHMENT_NOTE_MORE = re.compile(r"^\s*(?P<number>\d+)\s*[.．、]\s*(?P<name>\S.*)$")
ATTACHMENT_LABEL = re.compile(r"^附\s*件\s*(?P<number>\d+)?\s*$")


def check(material: Material) -> list[Finding]:
    findings = []
    for line in material.lines:
        if line.cells is not None:
            continue
        findings.extend(_document_numbers(line.number, line.text))
        findings.extend(_dates(line.number, line.text))
        findings.extend(_headings(line.number, line.text))
        findings.extend(_addressee_colon(line.number, line.text))
    findings.extend(_attachment_notes(material))
    return findings


def _document_numbers(number: int, text: str) -> list[Finding]:
    findings = []
    half = to_half_width(text)
    for match in BRACKET_NUMBER.finditer(half):
        code = _trim_agency_code(match["org"])
        if not code:
            continue
        start = match.start() + len(match["org"]) - len(code)
        printed = text[start : match.end()]
        problems = []
        if "〔" not in printed or "〕" not in printed:
            problems.append(_("put the year in hexagonal brackets 〔〕"))
        if len(match["year"]) == 2:
            problems.append(_("write the year with all four digits"))
        if match["di"]:
            problems.append(_("do not put “第” before the serial number"))
        if match["num"].startswith("0"):
            problems.append(_("do not pad the serial number with zeros (1, not 01)"))
        if "\u3000" in printed or " " in printed.strip():
            problems.append(_("remove the spaces from the number"))
        if problems:
            serial = int(match["num"])
            year = match["year"] if len(match["year"]) == 4 else f"20{match['year']}"
            findings.append(
                Finding(
                    "format.document_number",
                    Severity.WARNING,
                    number,
                    excerpt(text, start, match.end()),
                    format_lazy(
                        _("The 发文字号 “{number}” does not follow GB/T 9704: {problems}."), number=printed, problems=join_lazy(_("; "), problems)
                    ),
                    format_lazy(_("Change it to “{number}”."), number=f"{code}〔{year}〕{serial}号"),
                )
            )
    return findings


def _dates(number: int, text: str) -> list[Finding]:
    stripped = text.strip()
    if not DATE_LINE.match(stripped):
        return []

    findings = []
    chinese = CHINESE_DATE.search(stripped)
    if chinese:
        findings.append(
            Finding(
                "format.written_date",
                Severity.WARNING,
                number,
                excerpt(stripped, chinese.start(), chinese.end()),
                _("Write the 成文日期 in Arabic numerals (GB/T 9704-2012, clause 7.3.5)."),
                _("For example, write “2025年3月5日”."),
            )
        )
    padded = PADDED_DATE.search(stripped)
    if padded:
        findings.append(
            Finding(
                "format.written_date",
                Severity.WARNING,
                number,
                excerpt(stripped, padded.start(), padded.end()),
                _("Do not pad the month and day of the 成文日期 with zeros."),
                _("For example, change “2025年03月05日” to “2025年3月5日”."),
            )
        )
    return findings


def _headings(number: int, text: str) -> list[Finding]:
    stripped = text.strip()
    for pattern, wrong, right in WRONG_HEADINGS:
        match = pattern.match(stripped)
        if match:
            return [
                Finding(
                    "format.heading",
                    Severity.WARNING,
                    number,
                    excerpt(stripped, 0, match.end()),
                    format_lazy(_("The heading number “{label}” is not standard: do not use the form {form}."), label=match["label"].strip(), form=wrong),
                    format_lazy(_("Heading levels are numbered “一、”, “（一）”, “1.”, “（1）” in turn: use the form “{form}” here."), form=right),
                )
            ]
    return []


def _addressee_colon(number: int, text: str) -> list[Finding]:
    stripped = text.strip()
    if not ADDRESSEE_ASCII_COLON.match(stripped):
        return []
    return [
        Finding(
            "format.addressee_colon",
            Severity.WARNING,
            number,
            excerpt(stripped, max(0, len(stripped) - 12), len(stripped)),
            _("Put a full-width colon “：” after the 主送机关."),
            _("Replace the half-width colon “:” with the full-width colon “：”."),
        )
    ]


def _attachment_notes(material: Material) -> list[Finding]:
    notes = _read_notes(material)
    labels = _attachment_labels(material)
    findings = []

    for line_number, position, name, printed in notes:
        if re.search(r"[。，；、.,;]$", name):
            findings.append(
                Finding(
                    "format.attachment_note",
                    Severity.WARNING,
                    line_number,
                    excerpt(printed, 0, len(printed)),
                    _("Do not put punctuation after an attachment name."),
                    _("Delete the punctuation at the end of the attachment name."),
                )
            )
        if not _attachment_present(position, name, labels, material.attachment_files, len(notes)):
            findings.append(
                Finding(
                    "format.attachment_note",
                    Severity.WARNING,
                    line_number,
                    excerpt(printed, 0, len(printed)),
                    format_lazy(
                        _("The attachment note lists “{name}”, but the document contains no such attachment."), name=name.rstrip("。，；、.,;")
                    ),
                    _("Add the attachment, or correct the attachment note."),
                )
            )

    if not notes and labels:
        findings.append(
            Finding(
                "format.attachment_note",
                Severity.WARNING,
                0,
                "",
                _("The document has attachments, but no attachment note follows the body."),
                _("Write “附件：1.××××” after the body and before the signature."),
            )
        )
    return findings


def _read_notes(material: Material) -> list[tuple[int, int, str, str]]:
    notes = []
    in_notes = False
    for line in material.lines:
        text = line.text.strip()
        note = ATTACHMENT_NOTE.match(text) if line.cells is None else None
        if note and note["colon"] and not ATTACHMENT_LABEL.match(text):
            notes.append((line.number, int(note["number"] or 1), note["name"].strip(), text))
            in_notes = True
            continue
        more = ATTACHMENT_NOTE_MORE.match(text) if in_notes else None
        if more:
            notes.append((line.number, int(more["number"]), more["name"].strip(), text))
            continue
        in_notes = False
    return notes


def _attachment_labels(material: Material) -> list[tuple[int, str]]:
    """Return the 附件 labels in the text with the line that follows each, else the parser's attachments."""
    labels = []
    lines = material.lines
    for index, line in enumerate(lines):
        match = ATTACHMENT_LABEL.match(line.text.strip())
        if match and line.cells is None:
            following = lines[index + 1].text.strip() if index + 1 < len(lines) else ""
            labels.append((int(match["number"] or 1), following))
    if labels or material.attachment_files:
        return labels
    if material.parsed is not None and material.parsed.attachments:
        return [(position, attachment.title) for position, attachment in enumerate(material.parsed.attachments, start=1)]
    return labels


def _attachment_present(position: int, name: str, labels: list[tuple[int, str]], files: list[str], count: int) -> bool:
    wanted = _letters(name)
    for label_number, title in labels:
        if _letters(title) and (_letters(title) in wanted or wanted in _letters(title)):
            return True
        if label_number == position and not _letters(title):
            return True
    return any(wanted and (wanted in _letters(file_name) or _letters(file_name.rsplit(".", 1)[0]) in wanted) for file_name in files)


def _letters(text: str) -> str:
    return re.sub(r"[^\u4e00-\u9fff0-9A-Za-z]", "", to_half_width(text))
