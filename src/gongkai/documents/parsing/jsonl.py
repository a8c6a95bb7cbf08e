"""JSON Lines parser for scraped policy records, one document per line.

Each record has the keys title, issuer, level, written_date, published_date, source_database,
url, permanence and body. The record's title and dates are authoritative, and the body is run
through `build_document` for the 发文字号, 主送, 附注 and the structure of the text. Status marks
in titles become `validity`, and a record with an empty body is kept with a warning.
"""

from __future__ import annotations

import datetime
import difflib
import json
import re

from django.utils.translation import gettext as _

from gongkai.documents.choices import Validity
from gongkai.documents.parsing.base import ParsedDocument, ParseError, RecordFailure
from gongkai.documents.parsing.gbt9704 import (
    AGENCY_SUFFIX,
    agencies_from_title,
    build_document,
    clean_title,
    doc_type_from_title,
    normalise_paragraph,
    parse_document_number,
)

STATUS_MARK = re.compile(
    r"[（(\[【［]\s*(?P<status>现行有效|有效|已废止|废止|已失效|失效|已修订|修订|已修改|已修正|部分失效)\s*[）)\]】］]"
)
VALIDITY_BY_STATUS = {
    "现行有效": Validity.VALID,
    "有效": Validity.VALID,
    "已废止": Validity.REPEALED,
    "废止": Validity.REPEALED,
    "已失效": Validity.EXPIRED,
    "失效": Validity.EXPIRED,
    "已修订": Validity.AMENDED,
    "修订": Validity.AMENDED,
    "已修改": Validity.AMENDED,
    "已修正": Validity.AMENDED,
    # NOTE: 部分失效 (partly expired) has no Validity value, so the mark is removed and validity stays unknown.
}

# Page furniture that scrapers copy from government websites along with the text.
PAGE_FURNITURE = re.compile(
    r"^(?:字号[:：]?\s*[大中小\s]+|字体[:：]?\s*[\[【]?[\s大中小\-]+[\]】]?|选择字体[:：].*|【?打印(?:本页)?】?(?:\s*【?关闭(?:窗口)?】?)?"
    r"|【?关闭(?:窗口)?】?|扫一扫在手机打开当前页|分享到[:：]?.*|日期[:：]\s*\d{4}-\d{2}-\d{2}.*|来源[:：].*|浏览次数[:：].*|全真版[:：].*)$"
)
METADATA_FIELD = re.compile(
    r"(?P<key>索引号|主题分类|发布机构|发文机关|成文日期|发布日期|文号|发文字号|标题|主题词)\s*[:：]\s*"
    r"(?P<value>.*?)\s*(?=(?:索引号|主题分类|发布机构|发文机关|成文日期|发布日期|文号|发文字号|标题|主题词)\s*[:：]|$)"
)
# Some scrapers escaped brackets as Markdown does: 各市、县\(市、区\).
ESCAPED_PUNCTUATION = re.compile(r"\\+(?=[()\[\]])")
MIN_BODY_CHARACTERS = 20
# 国务院令第638号, 中华人民共和国商务部令（2018年第2号）, 湖北省人民政府令第282号
DECREE_TITLE = re.compile(r"(?P<agency>国务院|(?:中华人民共和国)?[\u4e00-\u9fff]{2,20}?(?:人民政府|部|委员会|局|署|总局))令(?:第|（|\()")
# 天津市应急管理局通告, 海关总署公告2014年第30号
NOTICE_TITLE = re.compile(r"^(?P<agency>[\u4e00-\u9fff]{2,30}?(?:人民政府|办公厅|部|委员会|局|厅|署|总局))(?:通告|公告)")
CENTRAL_BODIES = {"国务院", "全国人民代表大会", "全国人民代表大会常务委员会"}
PROVINCE_SUFFIXES = ("省", "市", "自治区", "特别行政区")
MUNICIPALITIES = ("北京", "上海", "天津", "重庆")


def parse(data: bytes, name: str, **options) -> list[ParsedDocument | RecordFailure]:
    """Parse every line of a JSON Lines file. A bad line becomes a `RecordFailure`, and the rest still return."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ParseError(
            _(
                "File “{name}” is not UTF-8 encoded: JSON Lines files must use UTF-8, so convert it and import it again."
            ).format(name=name)
        ) from error

    results: list[ParsedDocument | RecordFailure] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        # Translators: names one line of a JSON Lines file in the import report.
        results.append(_parse_line(line, _("line {number}").format(number=number)))
    return results


def _parse_line(line: str, label: str) -> ParsedDocument | RecordFailure:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        message = _("Not valid JSON (column {column}: {error}): check the line and import it again.")
        return RecordFailure(label=label, message=message.format(column=error.colno, error=error.msg))

    if not isinstance(record, dict):
        return RecordFailure(
            label=label, message=_("Not a JSON object: each line must be one record with fields such as title and body.")
        )
    if not str(record.get("title") or "").strip():
        return RecordFailure(
            label=label, message=_("Missing title (the title field is empty or absent): add the title and import it again.")
        )
    return parse_record(record)


def parse_record(record: dict) -> ParsedDocument:
    """Build a document from one scraped record, keeping its title and dates over those in the body."""
    raw_title = str(record["title"])
    title_text, validity = strip_status_marks(raw_title)
    title = clean_title(title_text)

    body_lines, metadata = _body_lines(record.get("body"))
    document = _build(body_lines, title)
    document.title = title
    document.validity = validity
    document.source_url = str(record.get("url") or "")
    document.doc_type = doc_type_from_title(title) or document.doc_type
    _apply_metadata(document, metadata)
    _apply_dates(document, record)

    place = _issuer_place(record)
    agencies = document.agencies or agencies_from_title(re.sub(r"\s+", " ", title_text)) or _agencies_outside_body(record, title)
    document.agencies = [_complete_name(name, place) for name in agencies]
    if sum(len(line) for line in body_lines) < MIN_BODY_CHARACTERS:
        document.warnings.append(
            _(
                "The body text is empty or too short (the original page may contain only images), so the record was "
                "imported with its title only: open the source URL to check and complete the body text."
            )
        )
    return document


def strip_status_marks(title: str) -> tuple[str, str]:
    """Remove status marks such as （已废止） or [有效] from a title, and return the title and the validity."""
    validity = ""
    for match in STATUS_MARK.finditer(title):
        status = VALIDITY_BY_STATUS.get(match["status"])
        if status is not None:
            validity = status.value
    return STATUS_MARK.sub("", title).strip(), validity


def _body_lines(body: object) -> tuple[list[str], dict[str, str]]:
    text = "" if body is None else str(body)
    if text.strip() in ("None", "null", "error"):
        text = ""

    lines = []
    metadata: dict[str, str] = {}
    for raw in text.splitlines():
        line = normalise_paragraph(ESCAPED_PUNCTUATION.sub("", raw))
        if not line or PAGE_FURNITURE.match(line):
            continue
        fields = _metadata_fields(line)
        if fields:
            metadata.update(fields)
            continue
        lines.append(line)
    return lines, metadata


def _metadata_fields(line: str) -> dict[str, str]:
    # Only a line that starts with a field name is the 信息公开 header of the page.
    if not METADATA_FIELD.match(line):
        return {}
    return {match["key"]: match["value"] for match in METADATA_FIELD.finditer(line)}


def _build(lines: list[str], title: str) -> ParsedDocument:
    """Structure the body, using the title found in the body when it is the record's title in other words."""
    if not lines:
        return ParsedDocument(title=title, parser="jsonl")

    document = build_document(lines, parser="jsonl")
    if document.title and _same_title(document.title, title):
        return document
    return build_document(lines, parser="jsonl", title_hint=title)


def _same_title(found: str, title: str) -> bool:
    found_letters = re.sub(r"\W", "", found)
    title_letters = re.sub(r"\W", "", title)
    if found_letters in title_letters or title_letters in found_letters:
        return True
    return difflib.SequenceMatcher(None, found_letters, title_letters).ratio() >= 0.75


def _apply_metadata(document: ParsedDocument, metadata: dict[str, str]) -> None:
    number_text = metadata.get("文号") or metadata.get("发文字号")
    if number_text and document.document_number is None:
        document.document_number = parse_document_number(number_text)
    if metadata.get("索引号"):
        document.index_number = metadata["索引号"]
    if metadata.get("主题分类"):
        document.subject = metadata["主题分类"]


def _apply_dates(document: ParsedDocument, record: dict) -> None:
    for key, field in (("written_date", "written_date"), ("published_date", "publish_date")):
        value = record.get(key)
        if not value:
            continue
        try:
            setattr(document, field, datetime.date.fromisoformat(str(value)[:10]))
        except ValueError:
            document.warnings.append(
                _("Invalid value “{value}” in the date field {key}: it must be in YYYY-MM-DD format, so it was ignored.").format(
                    key=key, value=value
                )
            )


def _agencies_outside_body(record: dict, title: str) -> list[str]:
    """Return the agency a record names outside its body: in a 令 or 通告 title, else a central record's issuer field."""
    for pattern in (DECREE_TITLE, NOTICE_TITLE):
        match = pattern.search(title)
        if match:
            return [match["agency"]]

    issuer = str(record.get("issuer") or "").strip()
    if record.get("level") == "Central" and (issuer in CENTRAL_BODIES or AGENCY_SUFFIX.search(issuer)):
        return [issuer]
    return []


def _issuer_place(record: dict) -> str:
    """Return the province or city that a regional record's issuer names (上海 → 上海市), else ""."""
    issuer = str(record.get("issuer") or "").strip()
    if not issuer or AGENCY_SUFFIX.search(issuer):
        return ""
    if issuer.endswith(PROVINCE_SUFFIXES):
        return issuer
    return issuer + ("市" if issuer in MUNICIPALITIES else "省")


def _complete_name(name: str, place: str) -> str:
    # A regional site writes its own agencies short (市民政局); the issuer field names the place.
    if not place:
        return name
    if name.startswith(("市", "省")) and place.endswith(name[0]):
        return place + name[1:]
    return name
