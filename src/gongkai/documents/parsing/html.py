"""HTML parser for policy pages of government websites, with selectolax.

Pages published under the government-website guidelines carry a 信息公开 table (索引号, 主题分类,
发文机关, 成文日期, 标题, 发文字号, 发布日期, 主题词). It is read first and is authoritative over
what the body text suggests. `<meta name="ArticleTitle|PubDate|ContentSource|ColumnName">` and
Open Graph tags fill fields the table does not give. The body is the element with the most
paragraph text outside links once navigation, headers, footers and scripts are removed.
Fragments saved by crawlers (no `<html>`, no charset) are read as well.
"""

from __future__ import annotations

import codecs
import datetime
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from selectolax.lexbor import LexborHTMLParser, LexborNode

from gongkai.core.text import parse_chinese_date
from gongkai.documents.choices import Validity
from gongkai.documents.parsing import gbt9704
from gongkai.documents.parsing.base import Block, ParsedDocument, ParseError

logger = logging.getLogger(__name__)

# Labels of the 信息公开 table, without spaces and colon, and the field each one sets. 主题词 has
# no field in ParsedDocument. It is read so that its row counts as part of the table.
INFO_LABELS = {
    "索引号": "index_number",
    "主题分类": "subject",
    "发文机关": "agencies",
    "发布机构": "agencies",
    "成文日期": "written_date",
    "标题": "title",
    "发文字号": "document_number",
    "文号": "document_number",
    "发布日期": "publish_date",
    "主题词": "keywords",
    "有效性": "validity",
    "效力状态": "validity",
}
MAX_LABEL_CHARS = 12
# A label anywhere in a text, as in "索 引 号：" or "发文字号:". A value containing one belongs to
# an element that contains several fields, such as the whole table.
LABEL_IN_TEXT = re.compile("|".join(r"\s*".join(label) + r"\s*[：:]" for label in INFO_LABELS))
MAX_VALUE_CHARS = 300

VALIDITY_WORDS = (("废止", Validity.REPEALED), ("失效", Validity.EXPIRED), ("修订", Validity.AMENDED), ("有效", Validity.VALID))

REMOVED_TAGS = (
    "script", "style", "noscript", "template", "iframe", "nav", "header", "footer", "aside", "form",
    "button", "select", "input", "textarea", "svg", "object", "embed",
)  # fmt: skip
BLOCK_TAGS = {
    "address", "article", "blockquote", "body", "center", "dd", "div", "dl", "dt", "figcaption", "figure",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "html", "li", "main", "ol", "p", "pre", "section", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}  # fmt: skip

# Body containers of the common government CMSs (TRS, Hanweb, UCAP), tried before the heuristic.
CONTENT_SELECTORS = ("#UCAP-CONTENT", ".TRS_Editor", "#zoom", "#Zoom", ".pages_content", ".article-content", ".article_content")
CANDIDATE_TAGS = "div, td, article, section, main, body"
MIN_CONTENT_CHARS = 20
# Text with more U+FFFD than this share was not decoded correctly, or is not text at all.
MAX_REPLACEMENT_SHARE = 0.05

META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
ISO_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
WHITESPACE = re.compile(r"[\s\u00a0\u3000]+")
ENCODING_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030"}


@dataclass
class PageMetadata:
    """Fields read from the 信息公开 table and the meta tags of a page."""

    fields: dict[str, str] = field(default_factory=dict)
    meta: dict[str, str] = field(default_factory=dict)
    source_url: str = ""
    info_nodes: list[LexborNode] = field(default_factory=list)


def parse(data: bytes, name: str, **options) -> list[ParsedDocument]:
    """Parse an HTML page or fragment into one document."""
    text = decode_html(data)
    if "\x00" in text or text.count("\ufffd") > MAX_REPLACEMENT_SHARE * len(text):
        raise ParseError(
            _(
                "Cannot read the HTML file: it is not text, or its encoding was not recognised. "
                "Check that the file is a web page (.html), save it as UTF-8 in a browser, then import it."
            )
        )

    tree = LexborHTMLParser(text)
    metadata = page_metadata(tree)
    for tag in REMOVED_TAGS:
        for node in tree.css(tag):
            node.decompose()

    content = main_content(tree, skip=metadata.info_nodes)
    blocks = content_blocks(content, skip=metadata.info_nodes) if content is not None else []
    if not blocks:
        raise ParseError(
            _(
                "No body text found in the web page: the page may contain only images or load its content by script. "
                "Save a page that contains the body text, or import the original file (PDF, DOCX, OFD) instead."
            )
        )

    parsed = gbt9704.build_document(blocks, parser="html", title_hint=_title(metadata, tree))
    apply_metadata(parsed, metadata)
    logger.debug("parsed HTML %s: %d blocks, %d info fields", name, len(blocks), len(metadata.fields))
    return [parsed]


def decode_html(data: bytes) -> str:
    """Decode HTML bytes by BOM, else as UTF-8, else as the `<meta charset>`, else as GB18030.

    Valid UTF-8 is taken first, whatever the page declares, because crawlers re-encode pages to
    UTF-8 and keep the original declaration, while GBK text almost never forms valid UTF-8.
    """
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")

    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass

    declared = META_CHARSET.search(data[:4096])
    if declared:
        encoding = declared.group(1).decode("ascii").lower()
        encoding = ENCODING_ALIASES.get(encoding, encoding)
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError) as error:
            logger.info("HTML does not decode as its declared charset %r (%s), reading it as GB18030", encoding, error)

    return data.decode("gb18030", errors="replace")


# -- Metadata --------------------------------------------------------------------------------


def page_metadata(tree: LexborHTMLParser) -> PageMetadata:
    """Read the 信息公开 table, the meta tags and the canonical URL of a page."""
    metadata = PageMetadata()
    for node in tree.css("meta"):
        key = (node.attributes.get("name") or node.attributes.get("property") or "").strip().lower()
        value = clean_text(node.attributes.get("content") or "")
        if key and value:
            metadata.meta.setdefault(key, value)

    canonical = tree.css_first('link[rel="canonical"]')
    metadata.source_url = (canonical.attributes.get("href") or "").strip() if canonical else ""
    metadata.source_url = metadata.source_url or metadata.meta.get("og:url", "")

    _read_info_table(tree, metadata)
    return metadata


def _read_info_table(tree: LexborHTMLParser, metadata: PageMetadata) -> None:
    """Find 信息公开 labels in any layout and store the first value of each field.

    Layouts seen on government sites: th/td or td/td pairs, dt/dd pairs, and one element holding
    "索引号：000014349/2018-00222". A label whose value is elsewhere has its value in the next
    sibling element.
    """
    for node in tree.css("th, td, dt, dd, span, li, p, div, label, em, strong, b, font"):
        text = clean_text(node.text())
        if not text or len(text) > MAX_VALUE_CHARS + MAX_LABEL_CHARS:
            continue

        label, value = _split_label(text)
        field_name = INFO_LABELS.get(label)
        if field_name is None or field_name in metadata.fields:
            continue
        value_node = None
        if not value:
            value_node = _next_element(node)
            value = clean_text(value_node.text()) if value_node is not None else ""
        if value and len(value) <= MAX_VALUE_CHARS and not LABEL_IN_TEXT.search(value):
            metadata.fields[field_name] = value
            metadata.info_nodes.extend(item for item in (node, value_node) if item is not None)


def _split_label(text: str) -> tuple[str, str]:
    """Split "索 引 号：xxx" into ("索引号", "xxx"); text without a colon is all label."""
    head, colon, tail = text.partition("：")
    if not colon:
        head, colon, tail = text.partition(":")
    label = WHITESPACE.sub("", head)
    if len(label) > MAX_LABEL_CHARS:
        return "", text
    return label, tail.strip()


def _next_element(node: LexborNode) -> LexborNode | None:
    sibling = node.next
    while sibling is not None and not sibling.is_element_node:
        sibling = sibling.next
    return sibling


def _title(metadata: PageMetadata, tree: LexborHTMLParser) -> str:
    candidates = [
        metadata.fields.get("title", ""),
        metadata.meta.get("articletitle", ""),
        metadata.meta.get("og:title", ""),
    ]
    title_node = tree.css_first("title")
    if title_node is not None:
        # Page titles often end in the site name: "标题_中国政府网", "标题 - 某某市人民政府".
        candidates.append(re.split(r"\s*[_|｜]\s*|\s+[-—]\s+", clean_text(title_node.text()))[0])
    return next((candidate for candidate in candidates if candidate), "")


def apply_metadata(parsed: ParsedDocument, metadata: PageMetadata) -> None:
    """Overwrite the fields of `parsed` with the 信息公开 table, and fill gaps from the meta tags."""
    fields = metadata.fields
    meta = metadata.meta

    if fields.get("title"):
        parsed.title = fields["title"]
    parsed.title = parsed.title or meta.get("articletitle", "") or meta.get("og:title", "")
    if fields.get("index_number"):
        parsed.index_number = fields["index_number"]
    parsed.subject = fields.get("subject") or parsed.subject or meta.get("columnname", "")

    if fields.get("document_number"):
        parsed.document_number = gbt9704.parse_document_number(fields["document_number"]) or parsed.document_number
    agencies = fields.get("agencies") or ("" if parsed.agencies else meta.get("contentsource", ""))
    if agencies:
        parsed.agencies = [agency for agency in re.split(r"[、，,；;\s]+", agencies) if agency]

    parsed.written_date = parse_date(fields.get("written_date", "")) or parsed.written_date
    parsed.publish_date = parse_date(fields.get("publish_date", "")) or parsed.publish_date or parse_date(meta.get("pubdate", ""))
    parsed.validity = _validity(fields.get("validity", "")) or parsed.validity
    parsed.source_url = metadata.source_url or parsed.source_url


def parse_date(text: str) -> datetime.date | None:
    """Parse 2018年12月29日, 二〇〇六年九月七日 or 2016-11-22 09:53; None when `text` contains no valid date."""
    if not text:
        return None
    date = parse_chinese_date(text)
    if date:
        return date

    match = ISO_DATE.search(text)
    if not match:
        return None
    try:
        return datetime.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def _validity(text: str) -> str:
    return next((value for word, value in VALIDITY_WORDS if word in text), "")


# -- Body ------------------------------------------------------------------------------------


def main_content(tree: LexborHTMLParser, skip: Sequence[LexborNode] = ()) -> LexborNode | None:
    """Return the element holding the body text: a known CMS container, else the best-scoring element."""
    for selector in CONTENT_SELECTORS:
        node = tree.css_first(selector)
        if node is not None and len(clean_text(node.text())) >= MIN_CONTENT_CHARS:
            return node

    skipped = {node.mem_id for node in skip}
    best, best_score = None, 0
    for node in tree.css(CANDIDATE_TAGS):
        score = _paragraph_score(node, skipped)
        if score > best_score:
            best, best_score = node, score
    if best is None or best_score < MIN_CONTENT_CHARS:
        return tree.body or tree.root
    return best


def _paragraph_score(node: LexborNode, skipped: set[int]) -> int:
    """Count the characters of text directly in `node` or in its paragraph children, outside links."""
    score = 0
    for child in node.iter(include_text=True):
        if child.mem_id in skipped:
            continue
        if child.is_text_node:
            score += len(clean_text(child.text_content or ""))
        elif child.tag in ("p", "span", "font", "h1", "h2", "h3", "h4", "strong", "b", "br", "center"):
            text = len(clean_text(child.text()))
            links = sum(len(clean_text(link.text())) for link in child.css("a"))
            score += text - links
    return score


def content_blocks(container: LexborNode, skip: Sequence[LexborNode] = ()) -> list[Block]:
    """Return the paragraphs and data tables of `container` in document order.

    Block elements and `<br>` end a paragraph. A table with data keeps its rows and cells, while a
    layout table (with a table inside it, or a single column) is read as paragraphs. Tables and
    lists holding 信息公开 labels, and the `skip` nodes, are left out.
    """
    skipped = {node.mem_id for node in skip}
    blocks: list[Block] = []
    line: list[str] = []

    def flush() -> None:
        text = clean_text("".join(line))
        if text:
            blocks.append(text)
        line.clear()

    def walk(node: LexborNode) -> None:
        for child in node.iter(include_text=True):
            tag = child.tag or ""
            if child.mem_id in skipped or tag.startswith(("_", "!")):
                continue
            if child.is_text_node:
                line.append(child.text_content or "")
            elif tag == "br":
                flush()
            elif tag in ("table", "dl") and is_info_table(child):
                flush()
            elif tag == "table" and is_data_table(child):
                flush()
                blocks.append(table_rows(child))
            elif tag in BLOCK_TAGS:
                flush()
                walk(child)
                flush()
            else:
                walk(child)

    walk(container)
    flush()
    return [block for block in blocks if block]


def is_info_table(node: LexborNode) -> bool:
    """Return whether a table or list is the 信息公开 table: two or more of its cells are labels."""
    labels = sum(1 for cell in node.css("td, th, dt") if _split_label(clean_text(cell.text()))[0] in INFO_LABELS)
    return labels >= 2 or len(LABEL_IN_TEXT.findall(node.text())) >= 2


def _rows(table: LexborNode) -> list[LexborNode]:
    rows = []
    for child in table.iter():
        if child.tag == "tr":
            rows.append(child)
        elif child.tag in ("thead", "tbody", "tfoot"):
            rows.extend(row for row in child.iter() if row.tag == "tr")
    return rows


def _cells(row: LexborNode) -> list[LexborNode]:
    return [cell for cell in row.iter() if cell.tag in ("td", "th")]


def is_data_table(table: LexborNode) -> bool:
    """Return whether a table contains data (rows and columns) rather than page layout."""
    if any(inner.mem_id != table.mem_id for inner in table.css("table")):
        return False
    rows = _rows(table)
    return bool(rows) and max(len(_cells(row)) for row in rows) >= 2


def table_rows(table: LexborNode) -> list[list[str]]:
    """Return a table as rows of cell texts, each merged cell once.

    A cell spanning columns (colspan) gives one cell. A cell spanning rows (rowspan) gives its
    text in the first row and an empty cell in the rows below it, so that columns stay aligned.
    """
    rows: list[list[str]] = []
    spanned: dict[int, int] = {}
    for row in _rows(table):
        cells: list[str] = []
        column = 0
        for cell in _cells(row):
            column = _fill_spanned(cells, spanned, column)
            cells.append(clean_text(cell.text(separator="\n")))
            rowspan = _span(cell, "rowspan")
            if rowspan > 1:
                spanned[column] = rowspan - 1
            column += _span(cell, "colspan")
        for remaining in sorted(spanned):
            if remaining >= column:
                column = _fill_spanned(cells, spanned, remaining)
        if any(cells):
            rows.append(cells)
    return rows


def _fill_spanned(cells: list[str], spanned: dict[int, int], column: int) -> int:
    while spanned.get(column, 0) > 0:
        cells.append("")
        spanned[column] -= 1
        column += 1
    return column


def _span(cell: LexborNode, attribute: str) -> int:
    value = (cell.attributes.get(attribute) or "1").strip()
    return int(value) if value.isdigit() and int(value) > 0 else 1


def clean_text(text: str) -> str:
    """Collapse runs of whitespace (including no-break and ideographic spaces) into one space."""
    return WHITESPACE.sub(" ", text).strip()
