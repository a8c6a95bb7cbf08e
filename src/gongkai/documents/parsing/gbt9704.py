"""Detection of the official elements of a 公文 (GB/T 9704-2012) in plain text.

Every format parser turns its file into blocks (paragraph strings and tables in reading order)
and calls `build_document`. Parsers of fixed-layout formats (PDF, OFD, text extracted from a PDF)
first rejoin visual lines with `join_lines`.

GB/T 9704 splits a 公文 into three zones. The 版头 holds 份号, 密级, 紧急程度, 发文机关标志,
发文字号 and 签发人. The 主体 holds 标题, 主送机关, 正文, 附件说明, 署名, 成文日期, 附注 and the
附件. The 版记 holds 抄送机关 and 印发机关和印发日期. In plain text the red separator lines
are lost, so each element is recognised by its own pattern and position.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from gongkai.core.text import chinese_to_int, parse_chinese_date, to_half_width
from gongkai.documents.choices import DOC_TYPE_BY_TITLE_SUFFIX, Disclosure, DocType, PartKind
from gongkai.documents.parsing.base import Attachment, Block, DocumentNumber, ParsedDocument, Part

_OPEN = "〔[【（(［﹝〖"
_CLOSE = "〕]】）)］﹞〗"
_CJK = "\u3400-\u9fff"

# Words that end a sentence before a document number cited in running text
# ("现将国发〔2025〕3号…"), so that they are not taken as part of the agency code.
_CODE_STOP_WORDS = ("根据", "按照", "依据", "依照", "参照", "现将", "印发", "转发", "关于", "的", "将", "号")

BRACKET_NUMBER = re.compile(
    rf"(?P<org>[{_CJK}]{{1,15}})\s*[{re.escape(_OPEN)}]\s*(?P<year>\d{{4}}|\d{{2}})\s*[{re.escape(_CLOSE)}]"
    rf"\s*(?P<di>第)?\s*(?P<num>\d{{1,5}})\s*号"
)
YEAR_NUMBER = re.compile(
    rf"(?P<org>[{_CJK}]{{0,15}}?)\s*[{re.escape(_OPEN)}]?\s*(?P<year>(?:19|20)\d{{2}})\s*年\s*[{re.escape(_OPEN)}]?\s*"
    rf"(?P<di>第)?\s*(?P<num>\d{{1,5}})\s*号"
)
ORDER_NUMBER = re.compile(rf"(?P<org>[{_CJK}]{{0,20}}令)?\s*[{re.escape(_OPEN)}]?\s*第\s*(?P<num>\d{{1,5}})\s*号")


def parse_document_number(text: str) -> DocumentNumber | None:
    """Find a 发文字号 in `text` in any common spelling and return it with its canonical 〔〕 form.

    Accepted: any of the brackets 〔〕 [] 【】 （） () ［］ ﹝﹞ 〖〗, a 第 before the serial number,
    zero padding, two-digit years (25 → 2025, 98 → 1998), the 2025年5号 form and full-width
    digits, all canonicalised to 沪府办发〔2025〕5号. Order numbers (国务院令第711号) and 公告
    numbers (国家税务总局公告2025年第3号) keep their own form, because GB/T 9704 gives them no
    year in brackets. Return None when `text` contains no document number.
    """
    normalised = to_half_width(text)
    candidates = [
        number
        for number in (_bracket_number(normalised), _year_number(normalised), _order_number(normalised))
        if number is not None
    ]
    if not candidates:
        return None

    # to_half_width keeps offsets, so the span also locates the number as printed.
    start, end, number = min(candidates, key=lambda found: found[0])
    number.original = text[start:end].strip()
    return number


def _bracket_number(text: str) -> tuple[int, int, DocumentNumber] | None:
    for match in BRACKET_NUMBER.finditer(text):
        year = _full_year(match["year"])
        if year is None:
            continue

        code = _trim_agency_code(match["org"])
        serial = int(match["num"])
        start = match.start() + len(match["org"]) - len(code)
        return start, match.end(), DocumentNumber(
            canonical=f"{code}〔{year}〕{serial}号", original="", agency_code=code, year=year, serial=serial
        )
    return None


def _year_number(text: str) -> tuple[int, int, DocumentNumber] | None:
    for match in YEAR_NUMBER.finditer(text):
        code = _trim_agency_code(match["org"])
        year = int(match["year"])
        serial = int(match["num"])
        start = match.start() + len(match["org"]) - len(code)

        if match["di"] or code.endswith(("公告", "令", "通告")) or not code:
            canonical = f"{code}{year}年第{serial}号"
        else:
            canonical = f"{code}〔{year}〕{serial}号"
        return start, match.end(), DocumentNumber(
            canonical=canonical, original="", agency_code=code, year=year, serial=serial
        )
    return None


def _order_number(text: str) -> tuple[int, int, DocumentNumber] | None:
    match = ORDER_NUMBER.search(text)
    if not match:
        return None

    code = _trim_agency_code(match["org"] or "")
    serial = int(match["num"])
    start = match.start() + len(match["org"] or "") - len(code)
    return start, match.end(), DocumentNumber(canonical=f"{code}第{serial}号", original="", agency_code=code, serial=serial)


def _full_year(digits: str) -> int | None:
    year = int(digits)
    if len(digits) == 2:
        year += 2000 if year < 50 else 1900
    if not 1949 <= year <= 2100:
        return None
    return year


def _trim_agency_code(org: str) -> str:
    cut = 0
    for word in _CODE_STOP_WORDS:
        position = org.rfind(word)
        if position >= 0:
            cut = max(cut, position + len(word))
    return org[cut:]


# -- Line rejoining -------------------------------------------------------------------------

PAGE_MARK = re.compile(r"^\s*(?:[—–\-－―─]+\s*\d{1,4}\s*[—–\-－―─]+|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})\s*$")

_CN_NUMERAL = "一二三四五六七八九十百千零〇两"
HEADING_START = re.compile(
    rf"^(?:第[{_CN_NUMERAL}\d]+[编章节条]|[{_CN_NUMERAL}]+、|[（(][{_CN_NUMERAL}]+[）)]|\d{{1,3}}[.．、](?!\d)|[（(]\d{{1,3}}[）)])"
)
BREAK_BEFORE = re.compile(
    r"^(?:附\s*件|抄\s*送|主\s*送|签\s*发\s*人|[（(]此件|[（(]联系人|特此|此复|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$)"
)
DATE_ONLY = re.compile(r"^\s*(?:\d{4}|[〇○Ｏ零O0一二三四五六七八九]{4})\s*年[^年月日]{1,3}月[^年月日]{1,4}日\s*$")
_PARAGRAPH_END = tuple("。！？：；）)】］]")
DISCLOSURE_NOTE = re.compile(r"^[（(][^（）()]{0,58}公开[）)]$")

# A 公文 page line is 28 characters (56 columns) wide. Text whose typical line is far wider
# was saved one paragraph per line.
UNWRAPPED_WIDTH = 100


def join_lines(lines: list[str]) -> list[str]:
    """Strip page marks and rejoin visual lines (PDF, OFD, text from PDFs) into paragraphs.

    Full-width digits and letters become half-width, « » become 《 》 and ‹ › become 〈 〉, and the
    ASCII , . : ; ( ) that PDF extraction puts in place of Chinese punctuation are restored next
    to Chinese characters. A line joins the next one unless it ends a sentence (。！？：；) or in
    a closing bracket, is clearly shorter than the block width, or the next line is indented or
    starts a heading, 附件, 附注, 抄送 or a date. Blank lines end a paragraph, except in text
    where nearly every line is followed by one (double-spaced extraction).
    """
    cleaned = [_clean_line(line) for line in lines]
    cleaned = [line for line in cleaned if line is None or not PAGE_MARK.match(line)]
    blank_is_break = _blank_lines_matter(cleaned)
    width = _block_width([line for line in cleaned if line])

    wrapped = _is_wrapped([line for line in cleaned if line], width)

    paragraphs: list[str] = []
    current = ""
    ended = False
    for line in cleaned:
        if not line:
            if blank_is_break and current:
                paragraphs.append(current)
                current = ""
            continue

        if current and (ended or _starts_paragraph(line)) and not _continues_with_remark(current, line):
            paragraphs.append(current)
            current = ""
        current = _append(current, line.strip())
        ended = not wrapped or _ends_paragraph(current, line, width)
    if current:
        paragraphs.append(current)

    return [_restore_brackets(paragraph) for paragraph in paragraphs]


def _clean_line(line: str) -> str | None:
    line = to_half_width(line.rstrip("\r\n")).rstrip()
    if not line.strip():
        return None

    line = line.replace("«", "《").replace("»", "》").replace("‹", "〈").replace("›", "〉")
    return restore_chinese_punctuation(line)


def restore_chinese_punctuation(text: str) -> str:
    """Turn the ASCII , : ; ? ! . that PDF extraction substitutes back into ，：；？！。 beside Chinese.

    Only marks next to a Chinese character change, so 1,000, 10:30, 1.5 and Latin text stay.
    """
    text = re.sub(rf"(?<=[{_CJK}》”」』）)])\s*,(?!\d)|(?<!\d),(?=\s*[{_CJK}《“「])", "，", text)
    text = re.sub(rf"(?<=[{_CJK}])\s*:|:(?=[{_CJK}])(?<!\d:)", "：", text)
    text = re.sub(rf"(?<=[{_CJK}》”）)]);|;(?=[{_CJK}])", "；", text)
    text = re.sub(rf"(?<=[{_CJK}])\?", "？", text)
    text = re.sub(rf"(?<=[{_CJK}])!", "！", text)
    text = re.sub(rf"(?<=[{_CJK}》”％])\.(?![0-9A-Za-z])|(?<=[{_CJK}][)）])\.(?![0-9A-Za-z])", "。", text)
    return text


def normalise_paragraph(text: str) -> str:
    """Apply the character repairs of `join_lines` to one paragraph that needs no rejoining."""
    line = _clean_line(text)
    return _restore_brackets(line.strip()) if line else ""


def _restore_brackets(text: str) -> str:
    # A pair of ASCII parentheses around Chinese text was （…） before extraction.
    return re.sub(rf"\(([^()]*[{_CJK}][^()]*)\)", r"（\1）", text)


def _blank_lines_matter(lines: list[str | None]) -> bool:
    text_lines = sum(1 for line in lines if line)
    followed_by_blank = sum(
        1 for line, following in zip(lines, lines[1:]) if line and following is None
    )
    return not (text_lines >= 4 and followed_by_blank >= 0.7 * text_lines)


def display_width(text: str) -> int:
    """Return the width of `text` in half-width columns: Chinese characters count two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _block_width(lines: list[str]) -> int:
    widths = sorted(display_width(line.strip()) for line in lines)
    if len(widths) < 3:
        return 0
    return widths[int(len(widths) * 0.8)]


def _is_wrapped(lines: list[str], width: int) -> bool:
    """Tell whether `lines` were wrapped at a fixed width, as text from a PDF page is.

    Wrapped text has many lines of nearly the same width. Otherwise, or when the lines are far
    wider than a page, each line is taken as a paragraph of its own.
    """
    if len(lines) < 3 or not width or width > UNWRAPPED_WIDTH:
        return False
    full = sum(1 for line in lines if display_width(line.strip()) >= 0.9 * width)
    return full >= 0.3 * len(lines)


def _starts_paragraph(line: str) -> bool:
    if line.startswith(("  ", "\t")):
        return True
    stripped = line.strip()
    return bool(HEADING_START.match(stripped) or BREAK_BEFORE.match(stripped) or PAGE_MARK.match(stripped))


def _continues_with_remark(paragraph: str, line: str) -> bool:
    # A bracketed remark such as （责任单位：…） that wrapped onto its own line still closes the
    # sentence before it, but 附注, (一) and (1) start their own paragraph.
    stripped = line.strip()
    if not stripped.startswith(("(", "（")) or not paragraph.endswith("。"):
        return False
    return not (HEADING_START.match(stripped) or BREAK_BEFORE.match(stripped) or DISCLOSURE_NOTE.match(stripped))


def _ends_paragraph(paragraph: str, line: str, width: int) -> bool:
    stripped = line.strip()
    if DATE_ONLY.match(stripped):
        return True
    unclosed = paragraph.count("(") + paragraph.count("（") > paragraph.count(")") + paragraph.count("）")
    if paragraph.endswith(_PARAGRAPH_END) and not unclosed:
        return True
    return bool(width) and display_width(stripped) < 0.8 * width


def _append(paragraph: str, line: str) -> str:
    if not paragraph:
        return line
    if re.search(r"[0-9A-Za-z]$", paragraph) and re.match(r"[0-9A-Za-z]", line):
        # A Latin word or number broken at a line end was separated by a space.
        return f"{paragraph} {line}" if re.search(r"[A-Za-z]$", paragraph) else paragraph + line
    return paragraph + line


# -- Document structure ---------------------------------------------------------------------

COPY_NUMBER = re.compile(r"^(?:份号[:：]?)?\d{6}$")
CLASSIFICATION = re.compile(r"^(?P<level>绝密|机密|秘密)(?:[★☆*](?P<term>\d+(?:年|个月)|长期))?$")
URGENCY = re.compile(r"^(?:紧急程度[:：]?)?(?P<level>特急|加急|特提|平急)$")
SIGNER = re.compile(r"签发人[:：](?P<names>[\u4e00-\u9fff·\s]+)$")
ADDRESSEES = re.compile(r"^(?P<list>[^\s：:，。][^：:。]{1,300})[：:]$")
ADDRESSEE_STOP_WORDS = ("如下", "决定", "通知", "现将", "根据", "按照", "为了", "说明")
ATTACHMENT_NOTE = re.compile(r"^附\s*件\s*[:：]\s*(?:\d+\s*[.．、]\s*)?(?P<name>\S.*)$")
ATTACHMENT_NOTE_MORE = re.compile(r"^(?P<number>\d+)\s*[.．、]\s*(?P<name>\S.*)$")
ATTACHMENT_LABEL = re.compile(
    rf"^(?P<label>附\s*件\s*(?:\d+|[{_CN_NUMERAL}]+)?)\s*(?:[:：]\s*(?P<title>\S.*))?$"
)
NOTE = re.compile(r"^[（(](?P<note>[^（）()]{2,60})[）)]$")
COPIED_TO = re.compile(r"^抄\s*送\s*[:：]\s*(?P<list>.*?)\s*。?$")
PRINTED = re.compile(
    r"^(?P<org>\S.*?)\s*(?P<date>(?:\d{4}|[〇○Ｏ零O0一二三四五六七八九]{4})\s*年[^年月日]{1,3}月[^年月日]{1,4}日)\s*印\s*发$"
)
SIGNATURE_DATE = re.compile(
    r"^(?P<signature>\S.{1,60}?)\s+(?P<date>(?:\d{4}|[〇○Ｏ零O0一二三四五六七八九]{4})\s*年[^年月日]{1,3}月[^年月日]{1,4}日)$"
)
ARTICLE = re.compile(rf"^(?P<label>第(?P<number>[{_CN_NUMERAL}\d]+)条(?:之[{_CN_NUMERAL}]+)?)(?:\s+|(?=[^\s，、的规]))")
CHAPTER = re.compile(rf"^(?P<label>第(?P<number>[{_CN_NUMERAL}\d]+)(?P<unit>分编|编|章|节))(?:\s+|$)")
ENUMERATIONS = (
    (re.compile(rf"^(?P<label>(?P<number>[{_CN_NUMERAL}]+)、)"), 1),
    (re.compile(rf"^(?P<label>[（(](?P<number>[{_CN_NUMERAL}]+)[）)])"), 2),
    (re.compile(r"^(?P<label>(?P<number>\d{1,3})[.．、])(?!\d)"), 3),
    (re.compile(r"^(?P<label>[（(](?P<number>\d{1,3})[）)])"), 4),
)
AGENCY_SUFFIX = re.compile(
    r"(?:政府|办公厅|办公室|委员会|人大常委会|常务委员会|代表大会|局|厅|部|委|院|署|会|中心|办|行|总局|军区|司|集团|公司|法院|检察院)$"
)
TITLE_ENDINGS = (
    "条例", "办法", "规定", "细则", "规则", "方案", "要点", "规划", "计划", "纲要", "意见", "准则", "标准", "目录",
    "清单", "指南", "指引", "名单", "决定", "通知", "公告", "通告", "批复", "函", "报告", "请示", "纪要", "通报", "命令",
    "令", "决议", "公报", "议案",
)
DISCLOSURE_BY_NOTE = (
    ("依申请公开", Disclosure.ON_REQUEST),
    ("不予公开", Disclosure.NOT_DISCLOSED),
    ("不公开", Disclosure.NOT_DISCLOSED),
    ("主动公开", Disclosure.PROACTIVE),
    ("公开发布", Disclosure.PROACTIVE),
)
_SENTENCE_PUNCTUATION = re.compile(r"[。；！？]|[，：:,;.]$")
_TITLE_MAX_LINES = 4
_SHORT_LINE = 40


def build_document(blocks: list[Block], parser: str, title_hint: str = "") -> ParsedDocument:
    """Detect 版头, 主体 and 版记 elements in `blocks` and structure the body into parts and attachments.

    `blocks` are paragraphs (strings) and tables (lists of rows) in reading order, as
    `join_lines` or a structured format such as DOCX gives them. `title_hint` is a title known
    from elsewhere (file metadata, a web page's header table). It wins over the title found in
    the text, and the lines that repeat it are dropped from the body.

    When the 主体 continues after 成文日期 and 附注 without a 附件 label, as in a 印发 notice
    followed by the document it issues, that text stays in `parts`. Its first line, when it
    is a title, becomes a heading of level 0, one above the 一、 headings of the issued document.
    """
    blocks = _normalise_blocks(blocks)
    document = ParsedDocument(title="", parser=parser)
    agencies = _AgencySources()

    start = _read_head(blocks, document, agencies)
    tail = _read_record(blocks, document, start)
    start = _read_title(blocks, document, start, tail, title_hint, agencies)
    start = _read_addressees(blocks, document, start, tail)

    closing = _find_written_date(blocks, start, tail)
    if closing is None:
        body, after = _split_at_attachments(blocks[start:tail])
    else:
        body, after = _read_closing(blocks, document, start, closing, tail, agencies)

    body = _read_attachment_notes(body, document)
    body = _take_note(body, document)
    document.parts = structure_parts(body)
    _read_after_closing(after, document, issued_title=bool(body))
    _fill_derived_fields(document, agencies)
    return document


@dataclass
class _AgencySources:
    """The issuing agencies as each element names them, for `_choose_agencies` to pick from."""

    mark: list[str] = field(default_factory=list)
    signature: list[str] = field(default_factory=list)
    title: list[str] = field(default_factory=list)


def _normalise_blocks(blocks: list[Block]) -> list[Block]:
    normalised: list[Block] = []
    for block in blocks:
        if isinstance(block, str):
            text = to_half_width(block).strip()
            if text and not PAGE_MARK.match(text):
                normalised.append(text)
        elif block:
            normalised.append([[to_half_width(cell or "").strip() for cell in row] for row in block])
    return normalised


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def clean_title(text: str) -> str:
    """Join a title's lines and drop the spaces that letter-spacing or wrapping put between Chinese characters."""
    text = re.sub(r"\s+", " ", to_half_width(text)).strip()
    return re.sub(rf"(?<=[{_CJK}《》（）、，“”])\s+|\s+(?=[{_CJK}《》（）、，“”])", "", text)


def _read_head(blocks: list[Block], document: ParsedDocument, agencies: _AgencySources) -> int:
    """Read 份号, 密级, 紧急程度, 发文机关标志, 发文字号 and 签发人 from the top, and return where the rest starts."""
    index = 0
    while index < len(blocks) and isinstance(blocks[index], str):
        compact = _compact(blocks[index])
        classification = CLASSIFICATION.match(compact)
        urgency = URGENCY.match(compact)
        if COPY_NUMBER.match(compact):
            pass
        elif classification:
            document.classification = compact
        elif urgency:
            document.urgency = urgency["level"]
        else:
            break
        index += 1

    number_index = _find_number_line(blocks, index)
    if number_index is None:
        if index < len(blocks) and isinstance(blocks[index], str) and _compact(blocks[index]).endswith("文件"):
            agencies.mark = _split_agencies(_compact(blocks[index])[: -len("文件")])
            return index + 1
        return index

    mark_lines = [line for line in blocks[index:number_index] if _is_mark_line(line)]
    _read_number_line(blocks[number_index], document, mark_lines, agencies)
    del blocks[number_index]
    for line in mark_lines:
        blocks.remove(line)
    return index


def _find_number_line(blocks: list[Block], start: int) -> int | None:
    for index in range(start, min(start + 8, len(blocks))):
        block = blocks[index]
        if not isinstance(block, str) or len(block) > 60:
            continue
        if _is_number_line(block):
            return index
    return None


def _is_number_line(line: str) -> bool:
    number = parse_document_number(line)
    if number is None:
        return False
    rest = to_half_width(line.replace(number.original, "", 1))
    rest = SIGNER.sub("", rest)
    return not _compact(rest).strip("，,")


def _is_mark_line(line: Block) -> bool:
    if not isinstance(line, str) or "关于" in line or "《" in line:
        return False
    compact = _compact(line)
    if len(compact) > 40:
        return False
    return compact.endswith(("文件", "令", "公告")) or bool(AGENCY_SUFFIX.search(compact))


def _read_number_line(line: str, document: ParsedDocument, mark_lines: list[str], agencies: _AgencySources) -> None:
    number = parse_document_number(line)
    signer = SIGNER.search(to_half_width(line))
    if signer:
        document.signatories = signer["names"].split()

    mark = "".join(_compact(mark) for mark in mark_lines)
    if mark.endswith("文件"):
        mark = mark[: -len("文件")]
    if number is not None and not number.agency_code and mark.endswith(("令", "公告")):
        # 国务院令 / 第711号 on two lines: the order number belongs to the mark above it.
        number.agency_code = mark
        number.canonical = mark + number.canonical
        number.original = mark + number.original
    document.document_number = number

    for line_text in mark_lines:
        name = re.sub(r"(?:文件|令|公告)$", "", line_text.strip())
        agencies.mark.extend(_split_agencies(name))


def _split_agencies(text: str) -> list[str]:
    return [name for name in re.split(r"[\s、，,]+", text.strip()) if name]


def _read_record(blocks: list[Block], document: ParsedDocument, start: int) -> int:
    """Read 抄送 and 印发机关和印发日期 from the 版记 at the end, and return where the 版记 starts."""
    tail = len(blocks)
    for index in range(len(blocks) - 1, max(start, len(blocks) - 6) - 1, -1):
        block = blocks[index]
        if not isinstance(block, str):
            break

        printed = PRINTED.match(block)
        copied = COPIED_TO.match(block)
        if printed:
            document.printed_by = _compact(printed["org"])
            document.printed_date = parse_chinese_date(printed["date"])
        elif copied:
            document.copied_to = copied["list"].rstrip("。")
        elif re.match(r"^主\s*送\s*[:：]", block):
            document.addressees = document.addressees or re.sub(r"^主\s*送\s*[:：]\s*", "", block).rstrip("。")
        elif re.match(r"^[（(]?共印\s*\d+\s*份[）)]?$", _compact(block)):
            pass
        else:
            break
        tail = index
    return tail


def _read_title(
    blocks: list[Block], document: ParsedDocument, start: int, tail: int, title_hint: str, agencies: _AgencySources
) -> int:
    if title_hint:
        document.title = clean_title(title_hint)
        agencies.title = agencies_from_title(re.sub(r"\s+", " ", title_hint))
        return _skip_title_lines(blocks, start, tail, document.title)

    lines = []
    index = start
    while index < tail and len(lines) < _TITLE_MAX_LINES:
        block = blocks[index]
        if not _is_title_line(block):
            break
        lines.append(block)
        index += 1
        if clean_title("".join(lines)).endswith(TITLE_ENDINGS) and not _opens_more(lines):
            break

    document.title = clean_title("".join(lines))
    agencies.title = agencies_from_title(re.sub(r"\s+", " ", " ".join(lines)))
    return index


def _opens_more(lines: list[str]) -> bool:
    text = "".join(lines)
    return text.count("《") > text.count("》") or text.count("（") > text.count("）")


def _is_title_line(block: Block) -> bool:
    if not isinstance(block, str) or len(_compact(block)) > 60:
        return False
    if _SENTENCE_PUNCTUATION.search(block) or block.rstrip().endswith(("：", ":")):
        return False
    if HEADING_START.match(block) or ATTACHMENT_LABEL.match(block) or DATE_ONLY.match(block):
        return False
    return not NOTE.match(block)


def _skip_title_lines(blocks: list[Block], start: int, tail: int, title: str) -> int:
    target = _letters(title)
    seen = ""
    index = start
    while index < tail and isinstance(blocks[index], str) and len(seen) < len(target):
        candidate = seen + _letters(blocks[index])
        if not candidate or not target.startswith(candidate):
            break
        seen = candidate
        index += 1
    return index if seen == target or len(seen) >= 0.8 * len(target) else start


def _letters(text: str) -> str:
    return re.sub(rf"[^{_CJK}0-9A-Za-z]", "", to_half_width(text))


def _read_addressees(blocks: list[Block], document: ParsedDocument, start: int, tail: int) -> int:
    if start >= tail or not isinstance(blocks[start], str):
        return start

    match = ADDRESSEES.match(blocks[start].strip())
    if not match or any(word in match["list"] for word in ADDRESSEE_STOP_WORDS):
        return start
    document.addressees = match["list"].strip()
    return start + 1


def _find_written_date(blocks: list[Block], start: int, tail: int) -> int | None:
    for index in range(start, tail):
        block = blocks[index]
        if isinstance(block, str) and (DATE_ONLY.match(block) or _signature_date(block)):
            return index
    return None


def _signature_date(line: str) -> re.Match | None:
    match = SIGNATURE_DATE.match(line)
    if not match or _SENTENCE_PUNCTUATION.search(match["signature"]) or parse_chinese_date(match["date"]) is None:
        return None
    return match


def _read_closing(
    blocks: list[Block], document: ParsedDocument, start: int, closing: int, tail: int, agencies: _AgencySources
) -> tuple[list[Block], list[Block]]:
    """Read 署名, 成文日期 and 附注 around the date line, and return the body before them and the blocks after."""
    line = blocks[closing]
    combined = _signature_date(line)
    document.written_date = parse_chinese_date(combined["date"] if combined else line)

    signatures = [combined["signature"]] if combined else []
    first = closing
    while first > start and len(signatures) < 3 and _is_signature_line(blocks[first - 1]):
        first -= 1
        signatures.insert(0, blocks[first])
    _read_signatures(signatures, document, agencies)

    after = closing + 1
    if after < tail and isinstance(blocks[after], str) and NOTE.match(blocks[after]):
        _set_note(NOTE.match(blocks[after])["note"], document)
        after += 1
    return blocks[start:first], blocks[after:tail]


def _is_signature_line(block: Block) -> bool:
    if not isinstance(block, str) or len(_compact(block)) > 30:
        return False
    if _SENTENCE_PUNCTUATION.search(block) or re.search("[:：]", block) or block.startswith(("特此", "此复", "附件")):
        return False
    return not HEADING_START.match(block) and not ARTICLE.match(block)


def _read_signatures(lines: list[str], document: ParsedDocument, agencies: _AgencySources) -> None:
    people = []
    for line in lines:
        for name in _split_agencies(line):
            if AGENCY_SUFFIX.search(name) and len(name) > 2:
                agencies.signature.append(name)
            else:
                people.append(name)

    if people and not document.signatories:
        document.signatories = [" ".join(people)]


def _set_note(note: str, document: ParsedDocument) -> None:
    document.note = note.strip()
    for word, disclosure in DISCLOSURE_BY_NOTE:
        if word in note:
            document.disclosure = disclosure.value
            return


def _read_attachment_notes(body: list[Block], document: ParsedDocument) -> list[Block]:
    """Take the 附件说明 (附件：1.XXX) lines out of the body into `attachment_notes`."""
    kept: list[Block] = []
    in_notes = False
    for block in body:
        if isinstance(block, str):
            note = ATTACHMENT_NOTE.match(block)
            more = ATTACHMENT_NOTE_MORE.match(block) if in_notes else None
            if note or more:
                document.attachment_notes.append((note or more)["name"].strip())
                in_notes = True
                continue
        in_notes = False
        kept.append(block)
    return kept


def _take_note(body: list[Block], document: ParsedDocument) -> list[Block]:
    """Take a 附注 such as （此件公开发布） out of a body that had no 成文日期 line before it."""
    if document.note:
        return body
    for index in range(len(body) - 1, max(-1, len(body) - 4), -1):
        block = body[index]
        match = NOTE.match(block) if isinstance(block, str) else None
        if match and "此件" in match["note"]:
            _set_note(match["note"], document)
            return body[:index] + body[index + 1 :]
    return body


def _split_at_attachments(body: list[Block]) -> tuple[list[Block], list[Block]]:
    """Split a body without 成文日期 at its first 附件 label line (附件, 附件1), if any."""
    for index, block in enumerate(body):
        if index and _is_attachment_label(block):
            return body[:index], body[index:]
    return body, []


def _is_attachment_label(block: Block) -> bool:
    return isinstance(block, str) and len(block) <= 60 and bool(ATTACHMENT_LABEL.match(block))


def _read_after_closing(blocks: list[Block], document: ParsedDocument, issued_title: bool) -> None:
    """Split what follows 成文日期 into the text a 印发 notice issues and the labelled 附件.

    With `issued_title`, a title line that opens the issued text becomes a level 0 heading.
    """
    sections: list[tuple[str, list[Block]]] = [("", [])]
    for block in blocks:
        if _is_attachment_label(block):
            sections.append((block, []))
        else:
            sections[-1][1].append(block)

    issued = sections[0][1]
    if issued_title and len(issued) > 1 and _is_issued_title(issued[0]):
        document.parts.append(Part(kind=PartKind.HEADING.value, text=clean_title(issued[0]), level=0))
        issued = issued[1:]
    document.parts.extend(structure_parts(issued))

    for label_line, content in sections[1:]:
        document.attachments.append(_attachment(label_line, content))


def _is_issued_title(block: Block) -> bool:
    return isinstance(block, str) and _is_title_line(block) and not re.search("[:：]", block)


def _attachment(label_line: str, content: list[Block]) -> Attachment:
    match = ATTACHMENT_LABEL.match(label_line)
    label = _compact(match["label"])
    title = match["title"] or ""
    if not title and content and isinstance(content[0], str) and _is_title_line(content[0]):
        title = content[0]
        content = content[1:]
    return Attachment(label=label, title=clean_title(title), parts=structure_parts(content))


def structure_parts(blocks: list[Block]) -> list[Part]:
    """Turn body blocks into parts: headings with levels, articles (第X条) with their paragraphs, tables."""
    parts: list[Part] = []
    article: Part | None = None
    for block in blocks:
        if isinstance(block, list):
            article = None
            parts.append(table_part(block))
            continue

        match = ARTICLE.match(block)
        if match:
            article = Part(
                kind=PartKind.ARTICLE.value, text=block, label=match["label"], number=chinese_to_int(match["number"])
            )
            parts.append(article)
            continue

        heading = _chapter_heading(block)
        if heading:
            article = None
            parts.append(heading)
        elif article is not None:
            article.text += "\n" + block
        else:
            parts.append(_enumerated_part(block))
    return parts


def table_part(rows: list[list[str]]) -> Part:
    """Return a table part whose text is the rows joined by tabs and newlines, for search."""
    text = "\n".join("\t".join(cell for cell in row) for row in rows)
    return Part(kind=PartKind.TABLE.value, text=text, rows=rows)


def _chapter_heading(block: str) -> Part | None:
    match = CHAPTER.match(block)
    if not match or len(block) > _SHORT_LINE:
        return None
    level = 2 if match["unit"] == "节" else 1
    return Part(
        kind=PartKind.HEADING.value, text=block, level=level, label=match["label"], number=chinese_to_int(match["number"])
    )


def _enumerated_part(block: str) -> Part:
    for pattern, level in ENUMERATIONS:
        match = pattern.match(block)
        if not match:
            continue
        kind = PartKind.HEADING if _is_heading_text(block) else PartKind.PARAGRAPH
        return Part(kind=kind.value, text=block, level=level, label=match["label"], number=chinese_to_int(match["number"]))
    return Part(kind=PartKind.PARAGRAPH.value, text=block)


def _is_heading_text(block: str) -> bool:
    return len(block) <= _SHORT_LINE and not _SENTENCE_PUNCTUATION.search(block)


def _fill_derived_fields(document: ParsedDocument, agencies: _AgencySources) -> None:
    title = document.title
    document.agencies = _choose_agencies(agencies)
    if document.document_number is None and title:
        number = parse_document_number(title)
        if number is not None and number.agency_code:
            document.document_number = number

    document.doc_type = doc_type_from_title(title)
    number = document.document_number
    if not document.doc_type and number is not None and number.year is None and number.agency_code.endswith("令"):
        document.doc_type = DocType.ORDER.value
    elif not document.doc_type and number is not None and number.agency_code.endswith("公告"):
        document.doc_type = DocType.ANNOUNCEMENT.value


def _choose_agencies(agencies: _AgencySources) -> list[str]:
    """Prefer the 发文机关标志, then the title, unless the signature gives the same agencies in fuller names."""
    if agencies.mark:
        return agencies.mark
    if not agencies.title:
        return agencies.signature

    signature = agencies.signature
    if len(signature) == len(agencies.title) and all(
        len(signed) > len(named) for signed, named in zip(signature, agencies.title)
    ):
        return signature
    return agencies.title


def doc_type_from_title(title: str) -> str:
    """Return the 文种 that ends `title` (关于…的通知 → notice), or "" when it names none."""
    title = re.sub(r"[（(][^（）()]*[）)]$", "", title.strip())
    for suffix, doc_type in DOC_TYPE_BY_TITLE_SUFFIX.items():
        if title.endswith(suffix):
            return doc_type.value
    return ""


def agencies_from_title(title: str) -> list[str]:
    """Return the issuing agencies named before 关于/印发/转发/批转 in a title, lead first."""
    match = re.match(r"^(?P<org>(?:(?!关于|印发|转发|批转)[^《》（）()]){2,80}?)\s*(?:关于|印发|转发|批转)", title)
    if not match:
        return []
    names = _split_agencies(match["org"])
    if not names or not all(AGENCY_SUFFIX.search(name) for name in names):
        return []
    return names
