"""The query language: words, phrases, exclusions, 发文字号, and the FTS5 and tsquery forms."""

import pytest

from gongkai.search import query as query_language


@pytest.fixture
def parse(db):
    return query_language.parse


def test_words_and_stop_words(parse):
    parsed = parse("个体工商户可以不签劳动合同吗")
    assert [group.text for group in parsed.groups] == ["个体工商户", "不签", "劳动合同"]


def test_only_stop_words_kept(parse):
    assert [group.text for group in parse("什么").groups] == ["什么"]


def test_phrase_and_exclusion(parse):
    parsed = parse('“政府信息公开” -行政诉讼 -"行政 复议"')
    assert [group.phrases[0].tokens for group in parsed.groups] == [("政府信息公开",)]
    assert [phrase.tokens for phrase in parsed.excluded] == [("行政诉讼",), ("行政", "复议")]


def test_fts5_expression(parse):
    """A phrase contains the index tokens of its text, inner words included, as the index stores them."""
    parsed = parse('社保 "营商环境 优化"')
    assert query_language.fts5_expression(parsed) == '"营商 环境 营商环境 优化" AND ("社保" OR "社会保险")'
    assert query_language.fts5_expression(parsed, "or") == '"营商 环境 营商环境 优化" OR ("社保" OR "社会保险")'


def test_tsquery(parse):
    parsed = parse('社保 "营商环境 优化"')
    assert query_language.tsquery(parsed) == "(('营商' & '环境' & '营商环境' & '优化')) & (('社保') | ('社会保险'))"


@pytest.mark.parametrize(
    "spelling", ["沪府办发〔2025〕5号", "沪府办发[2025]5号", "沪府办发2025年5号", "沪府办发（2025）5号", "沪府办发〔2025〕第5号"]
)
def test_document_number_canonical(parse, spelling):
    parsed = parse(spelling)
    assert parsed.number.canonical == "沪府办发〔2025〕5号"
    assert [group.text for group in parsed.groups] == ["沪府办发〔2025〕5号"]


def test_phrase_pattern_counts_overlaps():
    assert query_language.phrase_pattern(query_language.Phrase(("a", "a"))) == "(?:^| )(?=a a(?: |$))"
