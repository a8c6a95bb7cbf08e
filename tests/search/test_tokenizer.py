"""Segmentation for the index and for queries, with the shipped term list and terms from the admin."""


import pytest

from gongkai.search import query as query_language
from gongkai.search.models import Synonym, Term
from gongkai.search.tokenizer import Tokenizer, clean


@pytest.fixture
def tokenizer(db):
    return Tokenizer()


@pytest.mark.parametrize("term", ["一网通办", "免申即享", "长三角一体化", "高效办成一件事", "双随机一公开", "最低生活保障", "专精特新"])
def test_terms_kept_whole(tokenizer, term):
    assert tokenizer.query_words(f"推进{term}工作") == ["推进", term, "工作"]
    assert term in tokenizer.index_tokens(f"推进{term}工作")


def test_long_word_inner_words(tokenizer):
    """Search mode alone gives only the 2- and 3-character words inside 社会保险费."""
    tokens = tokenizer.index_tokens("缴纳社会保险费")
    assert tokens.index("社会保险") < tokens.index("社会保险费")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ＡＢＣ１２３", ["abc123"]),
        ("5G网络", ["5g", "网络"]),
        ("第33条", ["第", "33", "条"]),
        ("《条例》，（一）", ["条例", "一"]),
    ],
)
def test_normalised_tokens(tokenizer, text, expected):
    assert tokenizer.query_words(text) == expected


def test_clean_splits_scripts():
    assert clean(["b超", "x-ray", "医保"]) == ["b", "超", "医保"]


def test_admin_term_applies_without_restart(tokenizer):
    assert tokenizer.query_words("推行秒批秒办服务") != ["推行", "秒批秒办", "服务"]
    Term.objects.create(word="秒批秒办")
    tokenizer.refresh(force=True)
    assert tokenizer.query_words("推行秒批秒办服务") == ["推行", "秒批秒办", "服务"]


def test_deleted_term_stops_applying_without_restart(tokenizer):
    term = Term.objects.create(word="秒批秒办")
    tokenizer.refresh(force=True)
    term.delete()
    tokenizer.refresh(force=True)

    assert tokenizer.query_words("推行秒批秒办服务") != ["推行", "秒批秒办", "服务"]
    assert tokenizer.query_words("推进一网通办") == ["推进", "一网通办"]


def test_refresh_waits_between_checks(tokenizer, django_assert_num_queries):
    tokenizer.refresh(force=True)
    with django_assert_num_queries(0):
        tokenizer.refresh()


def test_admin_synonym_expands_query(tokenizer):
    Synonym.objects.create(terms="一码通 随申码")
    tokenizer.refresh(force=True)
    group = query_language.parse("一码通", tokenizer).groups[0]
    assert [phrase.surface for phrase in group.phrases] == ["一码通", "随申码"]


def test_seeded_synonyms(tokenizer):
    tokenizer.refresh(force=True)
    assert set(tokenizer.synonyms["医保"]) == {"医保", "医疗保险", "基本医疗保险"}
    assert set(tokenizer.synonyms["公积金"]) == {"公积金", "住房公积金"}
