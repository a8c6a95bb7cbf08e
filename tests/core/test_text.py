"""Text normalisation: full-width forms, Chinese numerals, dates and article labels."""

import datetime

import pytest

from gongkai.core.text import article_number, book_title, chinese_to_int, parse_chinese_date, to_half_width


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("２０２５年３月３１日", "2025年3月31日"),
        ("ＧＢ／Ｔ　９７０４", "GB／T 9704"),
        ("各区人民政府，市政府各委、办、局：", "各区人民政府，市政府各委、办、局："),
        ("（一）《条例》〔2025〕；。", "（一）《条例》〔2025〕；。"),
    ],
)
def test_half_width_keeps_punctuation(text, expected):
    assert to_half_width(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一百二十三", 123),
        ("二〇二五", 2025),
        ("二○○八", 2008),
        ("二ＯＯ八", 2008),
        ("两", 2),
        ("零", 0),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("一百零二", 102),
        ("一千零一", 1001),
        ("三万五千", 35000),
        ("42", 42),
        ("４２", 42),
        ("条", None),
        ("", None),
    ],
)
def test_chinese_to_int(text, expected):
    assert chinese_to_int(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025年3月31日", datetime.date(2025, 3, 31)),
        ("２０２５年３月３１日", datetime.date(2025, 3, 31)),
        ("二〇二五年三月三十一日", datetime.date(2025, 3, 31)),
        ("二○○八年十二月二十日", datetime.date(2008, 12, 20)),
        ("2025 年 3 月 5 日印发", datetime.date(2025, 3, 5)),
        ("成文日期：2004年2月2日", datetime.date(2004, 2, 2)),
        ("2025年2月30日", None),
        ("2025年3月", None),
        ("没有日期", None),
    ],
)
def test_parse_chinese_date(text, expected):
    assert parse_chinese_date(text) == expected


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("第一百零二条", 102),
        ("第一条", 1),
        ("第十条", 10),
        ("第二百六十条", 260),
        ("第12条", 12),
        ("第一章", None),
    ],
)
def test_article_number(label, expected):
    assert article_number(label) == expected


@pytest.mark.parametrize(
    ("title", "quoted"),
    [
        ("中华人民共和国政府信息公开条例", "《中华人民共和国政府信息公开条例》"),
        ("关于印发《示例区2025年政务公开工作要点》的通知", "《关于印发〈示例区2025年政务公开工作要点〉的通知》"),
    ],
)
def test_book_title_nests_marks(title, quoted):
    assert book_title(title) == quoted
