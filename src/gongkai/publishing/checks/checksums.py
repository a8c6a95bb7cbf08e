"""Check digits of Chinese identifiers: 居民身份证号 (GB 11643), 统一社会信用代码 (GB 32100), Luhn.

The algorithms and their test values are those of the standards; `tests/publishing/test_checksums.py`
runs the published examples.
"""

from __future__ import annotations

import datetime
import re

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARACTERS = "10X98765432"

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
USCC_SHAPE = re.compile(r"[0-9A-HJ-NP-RTUW-Y]{2}\d{6}[0-9A-HJ-NP-RTUW-Y]{10}")


def id_number_date(number: str) -> datetime.date | None:
    """Return the birth date of an 18-character 居民身份证号, or None when it is not a calendar date."""
    try:
        return datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


def valid_id_number(number: str, today: datetime.date | None = None) -> bool:
    """Return True for an 18-character 居民身份证号 with a real birth date and a correct ISO 7064 MOD 11-2 check."""
    number = number.upper()
    if not re.fullmatch(r"[1-9]\d{16}[\dX]", number):
        return False

    born = id_number_date(number)
    if born is None or born.year < 1880 or born > (today or datetime.date.today()):
        return False

    total = sum(int(digit) * weight for digit, weight in zip(number[:17], ID_WEIGHTS))
    return ID_CHECK_CHARACTERS[total % 11] == number[17]


PROVINCE_CODES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82".split()
)


def valid_legacy_id_number(number: str) -> bool:
    """Return True for a 15-digit first-generation 居民身份证号: a province code and a real 19YYMMDD birth date.

    These numbers, issued until 2004, carry no check digit, so a match is weaker evidence than an
    18-character number and the check reports it as a warning. Birth years before 1910 are not
    accepted: old 15-digit business registration numbers (工商注册号) start their serial with 00.
    """
    if not re.fullmatch(r"\d{15}", number) or number[:2] not in PROVINCE_CODES or number[6] == "0":
        return False
    try:
        datetime.date(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12]))
    except ValueError:
        return False
    return True


def valid_uscc(code: str) -> bool:
    """Return True for a 统一社会信用代码 whose GB 32100 check character is correct."""
    code = code.upper()
    if not USCC_SHAPE.fullmatch(code):
        return False

    total = sum(USCC_ALPHABET.index(char) * weight for char, weight in zip(code[:17], USCC_WEIGHTS))
    return USCC_ALPHABET[(31 - total % 31) % 31] == code[17]


def luhn_valid(digits: str) -> bool:
    """Return True when the digit string passes the Luhn check used by bank card numbers."""
    values = [int(digit) for digit in reversed(digits)]
    doubled = sum(sum(divmod(2 * value, 10)) for value in values[1::2])
    return (sum(values[0::2]) + doubled) % 10 == 0
