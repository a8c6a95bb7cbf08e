"""Text normalisation for Chinese official documents, with no Django dependency.

`unicodedata.normalize("NFKC", …)` is deliberately not used: it also turns ，：（） into their
ASCII forms and ① into 1, which destroys the punctuation that format checks rely on. The
helpers here change full-width digits, Latin letters and the ideographic space only.
"""

from __future__ import annotations

import datetime
import re

FULL_WIDTH_TO_HALF_WIDTH = {
    **{0xFF10 + i: 0x30 + i for i in range(10)},
    **{0xFF21 + i: 0x41 + i for i in range(26)},
    **{0xFF41 + i: 0x61 + i for i in range(26)},
    0x3000: 0x20,
}

CHINESE_DIGITS = {
    "零": 0, "〇": 0, "○": 0, "Ｏ": 0, "O": 0, "０": 0,
    "一": 1, "壹": 1,
    "二": 2, "两": 2, "贰": 2,
    "三": 3, "叁": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}

CHINESE_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CHINESE_LARGE_UNITS = {"万": 10_000, "亿": 100_000_000}

CHINESE_NUMERAL_CHARS = "".join(CHINESE_DIGITS) + "".join(CHINESE_UNITS) + "".join(CHINESE_LARGE_UNITS)
"""Characters that may make up a Chinese numeral, for use inside a regex character class."""

_NUMBER = rf"(?:\d+|[{CHINESE_NUMERAL_CHARS}]+)"
DATE_PATTERN = re.compile(
    rf"(?P<year>\d{{4}}|[{''.join(CHINESE_DIGITS)}]{{4}})\s*年\s*(?P<month>{_NUMBER})\s*月\s*(?P<day>{_NUMBER})\s*日"
)
ARTICLE_LABEL_PATTERN = re.compile(rf"第\s*(?P<number>{_NUMBER})\s*条")


def to_half_width(text: str) -> str:
    """Convert full-width digits, Latin letters and the ideographic space to half-width.

    Chinese punctuation such as ，。：；（）《》〔〕 is kept, and the length of the text is unchanged.
    """
    return text.translate(FULL_WIDTH_TO_HALF_WIDTH)


def chinese_to_int(text: str) -> int | None:
    """Convert a Chinese or Arabic numeral to an int: 一百二十三 → 123, 二〇二五 → 2025, 两 → 2.

    Return None when `text` is not a numeral.
    """
    text = to_half_width(text.strip())
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if any(char not in CHINESE_DIGITS and char not in CHINESE_UNITS and char not in CHINESE_LARGE_UNITS for char in text):
        return None

    if not any(char in CHINESE_UNITS or char in CHINESE_LARGE_UNITS for char in text):
        # Digit by digit, as in years: 二〇二五.
        return int("".join(str(CHINESE_DIGITS[char]) for char in text))

    total = 0
    section = 0
    digit = 0
    for char in text:
        if char in CHINESE_DIGITS:
            digit = CHINESE_DIGITS[char]
        elif char in CHINESE_UNITS:
            section += (digit or 1) * CHINESE_UNITS[char]
            digit = 0
        else:
            total += (section + digit) * CHINESE_LARGE_UNITS[char]
            section = 0
            digit = 0
    return total + section + digit


def parse_chinese_date(text: str) -> datetime.date | None:
    """Return the first valid date written 年月日 in `text`, in Arabic, full-width or Chinese numerals.

    Examples: 2025年3月31日, ２０２５年３月３１日, 二〇二五年三月三十一日. Return None when there is none.
    """
    for match in DATE_PATTERN.finditer(to_half_width(text)):
        date = _date_from_match(match)
        if date:
            return date
    return None


def _date_from_match(match: re.Match) -> datetime.date | None:
    year = chinese_to_int(match["year"])
    month = chinese_to_int(match["month"])
    day = chinese_to_int(match["day"])
    if year is None or month is None or day is None:
        return None

    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def article_number(label: str) -> int | None:
    """Return the number of an article label (第一百零二条 → 102, 第12条 → 12), or None when there is none."""
    match = ARTICLE_LABEL_PATTERN.search(label)
    if not match:
        return None
    return chinese_to_int(match["number"])


def book_title(title: str) -> str:
    """Return `title` in 《》, its own 《》 turned into 〈〉 as Chinese typography nests book-title marks."""
    return "《" + title.replace("《", "〈").replace("》", "〉") + "》"
