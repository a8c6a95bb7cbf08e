"""Detection of the official elements of a 公文 (GB/T 9704-2012) in plain text.

Every format parser turns its file into blocks (paragraph strings and tables in reading order)
and calls `build_document`; parsers of fixed-layout formats (PDF, OFD, text extracted from a PDF)
first rejoin visual lines with `join_lines`.

GB/T 9704 splits a 公文 into three zones. The 版头 holds 份号, 密级, 紧急程度, 发文机关标志,
发文字号 and 签发人. The 主体 holds 标题, 主送机关, 正文, 附件说明, 署名, 成文日期, 附注 and the
附件. The 版记 holds 抄送机关 and 印发机关和印发日期. In plain text the red separator lines
are lost, so each element is recognised by its own pattern and position.
"""

from __future__ import annotations

import re
import unicodedata

from gongkai.core.text import chinese_to_int, to_half_width
from gongkai.documents.parsing.base import DocumentNumber

_OPEN = "〔[【（(［﹝〖"
_CLOSE = "〕]】）)］﹞〗"
_CJK = "\u3400-\u9fff"

# Words that end a sentence before a document number cited in running text
# ("现将国发〔2025〕3号…"), so that they are not taken as part of the agency code.
_CODE_STOP_WORDS = ("根据", "按照", "依据", "依照", "参照", "现将", "印发", "转发", "关于", "的", "将", "经", "见", "及", "号")

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
    year in brackets. Return None when `text` holds no document number.
    """
    text = to_half_width(text)
    candidates = [
        number
        for number in (_bracket_number(text), _year_number(text), _order_number(text))
        if number is not None
    ]
    if not candidates:
        return None
    return min(candidates, key=lambda found: found[0])[1]


def _bracket_number(text: str) -> tuple[int, DocumentNumber] | None:
    for match in BRACKET_NUMBER.finditer(text):
        year = _full_year(match["year"])
        if year is None:
            continue

        code = _trim_agency_code(match["org"])
        serial = int(match["num"])
        original = match.group(0)[len(match["org"]) - len(code):].strip()
        return match.start() + len(match["org"]) - len(code), DocumentNumber(
            canonical=f"{code}〔{year}〕{serial}号", original=original, agency_code=code, year=year, serial=serial
        )
    return None


def _year_number(text: str) -> tuple[int, DocumentNumber] | None:
    for match in YEAR_NUMBER.finditer(text):
        code = _trim_agency_code(match["org"])
        year = int(match["year"])
        serial = int(match["num"])
        original = match.group(0)[len(match["org"]) - len(code):].strip()
        start = match.start() + len(match["org"]) - len(code)

        if match["di"] or code.endswith(("公告", "令", "通告")) or not code:
            canonical = f"{code}{year}年第{serial}号"
        else:
            canonical = f"{code}〔{year}〕{serial}号"
        return start, DocumentNumber(canonical=canonical, original=original, agency_code=code, year=year, serial=serial)
    return None


def _order_number(text: str) -> tuple[int, DocumentNumber] | None:
    match = ORDER_NUMBER.search(text)
    if not match:
        return None

    code = _trim_agency_code(match["org"] or "")
    serial = int(match["num"])
    original = match.group(0)[len(match["org"] or "") - len(code):].strip()
    start = match.start() + len(match["org"] or "") - len(code)
    return start, DocumentNumber(canonical=f"{code}第{serial}号", original=original, agency_code=code, serial=serial)


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

# A 公文 page is 28 characters (56 columns) wide; text whose typical line is far wider was
# saved one paragraph per line.
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

    if width > UNWRAPPED_WIDTH:
        # Lines this long were never wrapped to a page: each one is a paragraph already.
        return [_restore_brackets(line.strip()) for line in cleaned if line]

    paragraphs: list[str] = []
    current = ""
    for line in cleaned:
        if not line:
            if blank_is_break and current:
                paragraphs.append(current)
                current = ""
            continue

        if current and _starts_paragraph(line):
            paragraphs.append(current)
            current = ""
        current = _append(current, line.strip())
        if _ends_paragraph(current, line, width):
            paragraphs.append(current)
            current = ""
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
    text = re.sub(rf"(?<=[{_CJK}》”])\.(?![0-9A-Za-z])|(?<=[{_CJK}][)）])\.(?![0-9A-Za-z])", "。", text)
    return text


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
    if len(widths) < 5:
        return 0
    return widths[int(len(widths) * 0.8)]


def _starts_paragraph(line: str) -> bool:
    if line.startswith(("  ", "\t")):
        return True
    stripped = line.strip()
    return bool(HEADING_START.match(stripped) or BREAK_BEFORE.match(stripped) or PAGE_MARK.match(stripped))


def _ends_paragraph(paragraph: str, line: str, width: int) -> bool:
    stripped = line.strip()
    if paragraph.endswith(_PARAGRAPH_END) or DATE_ONLY.match(stripped):
        return True
    return bool(width) and display_width(stripped) < 0.8 * width


def _append(paragraph: str, line: str) -> str:
    if not paragraph:
        return line
    if re.search(r"[0-9A-Za-z]$", paragraph) and re.match(r"[0-9A-Za-z]", line):
        # A Latin word or number broken at a line end was separated by a space.
        return f"{paragraph} {line}" if re.search(r"[A-Za-z]$", paragraph) else paragraph + line
    return paragraph + line
