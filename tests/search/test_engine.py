"""The search engine on a small library imported with `gongkai import` and indexed by its signal.

The exact orders asserted here are the contract that SQLite and PostgreSQL rank alike: the same
suite runs on both (set DATABASE_URL for PostgreSQL).
"""

import io
import json

import numpy as np
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from gongkai.documents.choices import Validity
from gongkai.documents.models import Document
from gongkai.search import columns, engine, ranking
from gongkai.search.engine import SearchRequest, search
from gongkai.search.filters import InvalidFilter
from gongkai.search.models import EntryKind, SearchEntry

MEDICAL = "示例市医疗保障条例"
ASSISTANCE = "示例市社会救助办法"
DISCLOSURE = "示例市政府信息公开规定"
ONE_THING = "示例市人民政府办公厅关于推进高效办成一件事的通知"
WAGES = "示例市人力资源和社会保障局关于调整最低工资标准的通知"
REMOTE = "示例市医疗保障局关于做好医保<b>异地就医</b>直接结算工作的通知"


def run(q="", **options):
    return search(SearchRequest(q=q, **options))


def ranked(response):
    return [(hit.document.title, hit.article_label) for hit in response.hits]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("医保", [(MEDICAL, "第一条"), (REMOTE, "二、工作要求"), (ASSISTANCE, "第二条"), (ONE_THING, "二、重点任务")]),
        ("一网通办", [(REMOTE, "二、工作要求"), (ONE_THING, "一、总体要求"), (MEDICAL, "第一条")]),
        ("社会保险", [(ONE_THING, "二、重点任务"), (WAGES, "一、调整标准")]),
        ("最低生活保障", [(ASSISTANCE, "第三条")]),
        ("政府信息公开 申请", [(DISCLOSURE, "第三条")]),
        ("免申即享 社保 不存在的词汇", [(ONE_THING, "二、重点任务"), (MEDICAL, "第四条"), (WAGES, "一、调整标准")]),
    ],
)
def test_exact_result_order(search_library, q, expected):
    assert ranked(run(q)) == expected


def test_scores_fixed(search_library):
    """BM25 scores to six decimals: equal on SQLite (FTS5 bm25) and PostgreSQL (the same formula in SQL)."""
    scores = [hit.score for hit in run("医保").hits]
    assert scores == [4.34433, 3.252763, 2.432016, 1.976873]


def test_and_falls_back_to_or(search_library):
    assert run("最低生活保障 报销").mode == "or"
    assert run("最低生活保障 申请").mode == "and"


def test_long_question_uses_or(search_library):
    """Five content words or more: a sentence-long question is ranked by any of its words."""
    response = run("申请最低生活保障需要向哪个街道办事处提出户籍证明")
    assert response.mode == "or"
    assert response.hits[0].document.title == ASSISTANCE


def test_two_character_query(search_library):
    titles = [title for title, _ in ranked(run("社保"))]
    assert ONE_THING in titles


def test_synonym_finds_full_term(search_library):
    """基本医疗保险 is never written 医保 in the social-assistance measures, yet 医保 finds them."""
    titles = [title for title, _ in ranked(run("医保"))]
    assert ASSISTANCE in titles


def test_versions_folded(search_library):
    hit = next(hit for hit in run("参保人员").hits if hit.document.title == MEDICAL)
    assert hit.versions == 2
    assert hit.document.is_current
    assert hit.document.publish_date.year == 2023


def test_exclusion_removes_documents(search_library):
    """The 2023 text mentions 异地就医, so only the 2020 version remains, alone in its chain."""
    response = run('"参保人员" -异地')
    assert [hit.document.title for hit in response.hits] == [MEDICAL]
    assert response.hits[0].document.publish_date.year == 2020


def test_phrase_needs_adjacent_tokens(search_library):
    assert run('"职工基本医疗保险"').total == 1
    assert run('"基本医疗保险职工"').total == 0


def test_repealed_ranked_lower(search_library):
    wages = next(hit for hit in run("社会保险").hits if hit.document.title == WAGES)
    filtered = next(hit for hit in run("社会保险", filters={"validity": "repealed"}).hits if hit.document.title == WAGES)
    assert wages.document.validity == Validity.REPEALED
    assert filtered.score == pytest.approx(wages.score * 2)


@pytest.mark.parametrize("spelling", ["示府办发〔2025〕5号", "示府办发[2025]5号", "示府办发2025年5号", "示府办发（2025）5号", "示府办发〔25〕第5号"])
def test_document_number_spellings(search_library, spelling):
    response = run(spelling)
    assert response.number_match
    assert response.hits[0].document.title == ONE_THING
    assert response.hits[0].score < 1000, "the bonus that puts number matches first is not shown as a score"
    assert response.hits[0].article_label == ""


@pytest.mark.parametrize(("number", "title"), [("示例市人民政府令第20号", DISCLOSURE), ("示例市人民政府令第12号", ASSISTANCE)])
def test_decree_number_of_an_event(search_library, number, title):
    """A 令 number printed only in the 公布 line finds the regulation it promulgated."""
    response = run(number)

    assert response.number_match
    assert [hit.document.title for hit in response.hits] == [title]


def test_snippet_marks_and_escapes(search_library):
    hit = run("异地就医").hits[0]
    assert hit.document.title == REMOTE
    assert "<mark>异地就医</mark>" in hit.snippet_html
    assert "&lt;script&gt;" in hit.snippet_html
    assert "<script>" not in hit.snippet_html


def test_article_anchor(search_library):
    hit = run("最低生活保障 街道办事处").hits[0]
    assert (hit.article_label, hit.anchor) == ("第四条", "art-4")
    assert hit.snippet_html.startswith("第四条 申请<mark>最低生活保障</mark>")


def test_spread_terms_point_at_article(search_library):
    """报销 and 医疗保险 sit in different articles: the hit still names the best one."""
    hit = run("医疗保险 报销").hits[0]
    assert hit.document.title == MEDICAL
    assert hit.article_label in {"第一条", "第二条", "第三条"}


def test_filters_and_facets(search_library):
    response = run("医保", filters={"doc_type": "notice"})
    assert {hit.document.title for hit in response.hits} == {REMOTE, ONE_THING}
    assert [(value.value, value.count) for value in response.facets["doc_type"]] == [("notice", 2)]

    # The 2020 version of the medical-insurance regulation is folded under its 2023 version, and
    # counts for 2020 and for 已修订 because filtering by either shows it.
    everything = run("医保")
    assert everything.total == 4
    assert sorted((value.value, value.count) for value in everything.facets["validity"]) == [("amended", 1), ("valid", 4)]
    assert sorted((value.value, value.count) for value in everything.facets["year"]) == [
        ("2020", 1),
        ("2021", 1),
        ("2023", 1),
        ("2024", 1),
        ("2025", 1),
    ]
    assert everything.facets["disclosure"][0].label


FACET_VALUES = {
    "year": lambda: {str(day.year) for day in Document.objects.values_list("publish_date", flat=True) if day},
    "validity": lambda: set(Validity.values),
    "doc_type": lambda: set(Document.objects.values_list("doc_type", flat=True)),
}


@pytest.mark.parametrize("query", ["参保人员", "医保", ""])
@pytest.mark.parametrize("facet", FACET_VALUES)
def test_facet_count_is_filtered_total(search_library, query, facet):
    """A superseded version folded under a newer one counts for its own year: filtering by it shows it."""
    everything = run(query)
    counts = {value.value: value.count for value in everything.facets[facet]}

    for value in FACET_VALUES[facet]():
        filtered = run(query, filters={facet: value})
        # Where no filtered document has every word, the search falls back to any word.
        if filtered.mode == everything.mode:
            assert filtered.total == counts.get(value, 0), (facet, value)


def test_date_filters(search_library):
    response = run("医保", filters={"from": "2024-01-01", "to": "2024-12-31"})
    assert [hit.document.title for hit in response.hits] == [REMOTE]
    assert run("医保", filters={"year": "2021"}).hits[0].document.title == ASSISTANCE


def test_invalid_filter_message(search_library):
    with pytest.raises(InvalidFilter, match="起始日期“2024/01/01”无效，请按 2025-03-31 的格式填写。"):
        run("医保", filters={"from": "2024/01/01"})


def test_invalid_filter_message_in_english(search_library):
    with translation.override("en"), pytest.raises(InvalidFilter) as raised:
        run("医保", filters={"from": "2024/01/01"})

    assert str(raised.value) == "Invalid date “2024/01/01” for “Start date”: enter a date such as 2025-03-31."


def test_unknown_filter_lists_public_names(search_library):
    with pytest.raises(InvalidFilter) as raised:
        run("医保", filters={"nosuch": "1"})
    assert str(raised.value) == (
        "未知的筛选条件“nosuch”，可用的有：agency、doc_type、subject、year、date_from、date_to、validity、disclosure。"
    )


def test_invalid_choice_lists_labels(search_library):
    with pytest.raises(InvalidFilter) as raised:
        run("医保", filters={"validity": "bogus"})

    assert str(raised.value).startswith("筛选条件“效力状态”的取值“bogus”无效，可用的有：valid（有效）、")


def test_nonpublic_hidden(search_library):
    Document.objects.filter(title=REMOTE).update(disclosure="on_request")
    call_command("reindex", verbosity=0)
    assert REMOTE not in [hit.document.title for hit in run("异地就医").hits]
    assert REMOTE in [hit.document.title for hit in run("异地就医", include_nonpublic=True).hits]


def test_no_results_suggestions(search_library):
    response = run("最低生活保障", filters={"doc_type": "notice"})
    assert response.total == 0
    assert [(item.name, item.count) for item in response.relaxations] == [("doc_type", 1)]
    assert response.suggestions == ["去掉“文种”筛选条件后有 1 条结果。"]
    assert response.alternatives == [], "the words found documents, so no other words are offered"


def test_alternative_queries_have_results(search_library):
    response = run("医報")

    assert response.total == 0
    assert response.alternatives[0] == "医保"
    assert response.suggestions[0] == "您是不是要找：医保"
    for alternative in response.alternatives:
        assert run(alternative).total > 0, alternative


def test_alternative_queries_keep_filters(search_library):
    response = run("医報", filters={"doc_type": "notice"})

    assert response.relaxations == []
    assert response.alternatives
    for alternative in response.alternatives:
        assert run(alternative, filters={"doc_type": "notice"}).total > 0, alternative


@pytest.mark.parametrize(
    ("typed", "simplified"),
    [("醫療保險", "医疗保险"), ("異地就醫", "异地就医"), ("最低生活保障 -異地", "最低生活保障 -异地"), ('"職工基本醫療保險"', '"职工基本医疗保险"')],
)
def test_traditional_characters_searched_as_simplified(search_library, typed, simplified):
    response = run(typed)

    assert response.searched_as == simplified
    assert ranked(response) == ranked(run(simplified))
    assert response.total > 0


def test_simplified_query_not_reported_as_converted(search_library):
    assert run("医疗保险").searched_as == ""


def test_traditional_decree_number(search_library):
    response = run("示例市人民政府令第12號")

    assert response.number_match
    assert [hit.document.title for hit in response.hits] == [ASSISTANCE]


def test_sort_by_date(search_library):
    dates = [hit.document.publish_date for hit in run("医保", sort="date").hits]
    assert dates == sorted(dates, reverse=True)


def test_pages(search_library):
    first = run("医保", per_page=2)
    second = run("医保", per_page=2, page=2)
    assert first.total == second.total == 4
    assert ranked(first) + ranked(second) == ranked(run("医保"))


@pytest.mark.parametrize("order_by", [ranking.relevance_order, ranking.date_order])
@pytest.mark.parametrize("first", [1, 2, 3, 5])
def test_leading_order_is_the_full_order(search_library, order_by, first):
    """Sorting only the first results, ties included, puts them where sorting all of them would."""
    table = columns.table()
    positions = np.arange(len(table))
    scores = np.resize([2.0, 1.0, 2.0, 1.0, 3.0], len(table))
    full, _ = order_by(table, positions, scores)
    partial, ordered = order_by(table, positions, scores, first=first)
    assert ordered >= first
    assert partial[:ordered].tolist() == full[:ordered].tolist()
    assert sorted(partial.tolist()) == positions.tolist()


@pytest.mark.parametrize(("q", "sort"), [("", "relevance"), ("医保", "relevance"), ("医保", "date"), ("社会保险 医保", "relevance")])
def test_pages_beyond_the_scored_head(search_library, monkeypatch, q, sort):
    """Results after the first RERANK_DEPTH are sorted when a page reaches them."""
    whole = run(q, sort=sort, per_page=10)
    monkeypatch.setattr(engine, "RERANK_DEPTH", 1)
    shallow = [hit.document.pk for page in range(1, whole.total + 1) for hit in run(q, sort=sort, per_page=1, page=page).hits]
    shallow_keys = [(hit.score, hit.document.publish_date) for hit in run(q, sort=sort, per_page=10).hits[1:]]
    assert sorted(shallow) == sorted(hit.document.pk for hit in whole.hits)
    key = (lambda item: item[1]) if sort == "date" or not q else (lambda item: item[0])
    assert shallow_keys == sorted(shallow_keys, key=key, reverse=True)


def test_empty_query_lists_newest(search_library):
    response = run("")
    assert response.total == 6
    assert response.hits[0].document.title == ONE_THING


def test_deleting_document_unindexes(search_library):
    Document.objects.filter(title=ASSISTANCE).delete()
    assert run("最低生活保障").total == 0
    assert not SearchEntry.objects.filter(document__title=ASSISTANCE).exists()


def test_reindex_same_results(search_library):
    before = ranked(run("医保"))
    call_command("reindex", verbosity=0)
    assert ranked(run("医保")) == before


def test_entries_per_article(search_library):
    document = Document.objects.get(title=ASSISTANCE)
    kinds = list(SearchEntry.objects.filter(document=document).order_by("position").values_list("kind", "label"))
    assert kinds == [(EntryKind.DOCUMENT, ""), *[(EntryKind.ARTICLE, f"第{n}条") for n in "一二三四"]]


def test_search_command_json(search_library):
    output = io.StringIO()
    call_command("search", "最低生活保障", "--limit", "1", "--json", stdout=output)
    printed = json.loads(output.getvalue())
    assert printed["total"] == 1
    assert set(printed) == {"query", "searched_as", "total", "took_ms", "page", "per_page", "number_match", "facets", "suggestions", "results"}
    result = printed["results"][0]
    assert set(result) == {
        "id",
        "title",
        "document_number",
        "index_number",
        "agencies",
        "publish_date",
        "validity",
        "score",
        "article",
        "snippet",
        "versions",
        "url",
    }
    assert result["title"] == ASSISTANCE
    assert result["article"] == "第三条"
    assert result["url"].endswith("#art-3")


def test_search_command_json_is_api_body(search_library, client):
    output = io.StringIO()
    call_command("search", "医保", "--limit", "2", "--page", "2", "--json", stdout=output)
    printed = json.loads(output.getvalue())
    served = client.get("/api/search", {"q": "医保", "per_page": 2, "page": 2}).json()

    for body in (printed, served):
        body.pop("took_ms")
        for result in body["results"]:
            result["url"] = result["url"].removeprefix("http://testserver")
    assert printed == served
    assert len(printed["results"]) == 2


def test_search_command_page_ranks(search_library):
    output = io.StringIO()
    call_command("search", "医保", "--limit", "2", "--page", "2", stdout=output)
    lines = output.getvalue().splitlines()
    assert lines[0].startswith("共 4 条结果，用时 ")
    assert lines[1].startswith("3. ")
    assert lines[4].startswith("4. ")


def test_search_command_page_past_end(search_library):
    output = io.StringIO()
    call_command("search", "医保", "--limit", "2", "--page", "3", stdout=output)
    assert output.getvalue().splitlines()[-1] == "本页已超出检索结果的范围：结果共 2 页。"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--limit", "0"], "--limit 必须是不小于 1 的整数，而不是 0。"),
        (["--page", "-1"], "--page 必须是不小于 1 的整数，而不是 -1。"),
        (["--filter", "doc_type"], "筛选条件“doc_type”无效：请写成 名称=取值，例如 doc_type=law。"),
    ],
)
def test_search_command_bad_option(search_library, arguments, message):
    with pytest.raises(CommandError) as raised:
        call_command("search", "医保", *arguments, stdout=io.StringIO())
    assert str(raised.value) == message


@pytest.mark.parametrize(("query", "summary"), [("最低生活保障", "1 result in "), ("医保", "results in ")])
def test_search_command_counts_in_english(search_library, query, summary):
    output = io.StringIO()
    with translation.override("en"):
        call_command("search", query, "--limit", "1", stdout=output)

    assert summary in output.getvalue().splitlines()[0]


def test_search_command_text(search_library):
    output = io.StringIO()
    call_command("search", "最低生活保障", "--limit", "1", stdout=output)
    document = Document.objects.get(title=ASSISTANCE)
    lines = output.getvalue().splitlines()

    assert lines[0].startswith("共 1 条结果，用时 ")
    assert lines[1] == f"1. {ASSISTANCE}"
    assert document.document_number == ""
    assert lines[2].startswith("   第三条 · 有效 · ")
    assert lines[3] == f"   {document.index_number}  {document.get_absolute_url()}#art-3"
