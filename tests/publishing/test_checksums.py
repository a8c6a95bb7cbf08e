"""Check digits of 居民身份证号, 统一社会信用代码 and bank card numbers, on the standards' published examples."""

import datetime

import pytest

from gongkai.publishing.checks.checksums import luhn_valid, valid_id_number, valid_uscc


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("11010519491231002X", True),  # the example of GB 11643
        ("11010519491231002x", True),
        ("440308199901101512", True),
        ("360426199101010071", True),
        ("110105194912310021", False),  # wrong check character
        ("11010519491331002X", False),  # month 13
        ("11010519490230002X", False),  # 30 February
        ("01010519491231002X", False),  # leading zero
        ("1101051949123100", False),  # too short
    ],
)
def test_id_number_check(number, expected):
    assert valid_id_number(number) is expected


def test_id_number_future_birth_date():
    assert valid_id_number("440308199901101512", today=datetime.date(1998, 1, 1)) is False


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("91110108551385082Q", True),
        ("91110000600037341L", True),
        ("91110000600037341M", False),
        ("9111000060003734IL", False),  # I is not in the GB 32100 alphabet
        ("91110000600037341", False),
    ],
)
def test_uscc_check(code, expected):
    assert valid_uscc(code) is expected


@pytest.mark.parametrize(
    ("digits", "expected"),
    [("4111111111111111", True), ("6222020200112233446", True), ("6217001234567893", True), ("6217001234567890", False)],
)
def test_luhn_check(digits, expected):
    assert luhn_valid(digits) is expected
