"""Finding each document's best article from the cached id lists of its words, on both databases."""

import pytest
from django.db import connection

from gongkai.search import backends, engine, frequencies, scoring
from gongkai.search import query as query_language
from gongkai.search.frequencies import PART_LEVEL
from gongkai.search.fulltext import FTS_TABLE
from gongkai.search.models import EntryKind, SearchEntry
from tests.search.test_counts import CHANGES


@pytest.mark.parametrize("change", CHANGES)
def test_parts_follow_their_whole_entry(search_library, change):
    CHANGES[change]()

    owner = None
    entries = SearchEntry.objects.order_by("id").values_list("id", "kind", "document_id")
    assert entries
    for entry_id, kind, document_id in entries:
        if kind == EntryKind.DOCUMENT:
            owner = document_id
        else:
            assert document_id == owner, f"entry {entry_id} lies among the parts of document {owner}"


def exhaustive_best(parsed, selective, document_ids) -> dict[int, tuple]:
    """Score every part of these documents and return each document's best (entry id, score)."""
    def scorer_for(query):
        phrases = query.phrases_in_order()
        total, average_length = frequencies.collection(PART_LEVEL)
        idfs = [backends.inverse_frequency(total, count) for count in frequencies.phrase_frequencies(phrases, PART_LEVEL)]
        return scoring.Scorer(phrases, idfs, average_length)

    full, candidate = scorer_for(parsed), scorer_for(selective)
    best = {}
    parts = SearchEntry.objects.filter(document_id__in=document_ids).exclude(kind=EntryKind.DOCUMENT)
    for part in parts.values("id", "document_id", "position", "title_tokens", "body_tokens", "length"):
        if not candidate.score(part["title_tokens"], part["body_tokens"], part["length"]):
            continue
        score = full.score(part["title_tokens"], part["body_tokens"], part["length"])
        key = (score, -part["position"], part["id"])
        if part["document_id"] not in best or key > best[part["document_id"]]:
            best[part["document_id"]] = key
    return {document_id: (key[2], key[0]) for document_id, key in best.items()}


QUERIES = ["医疗保险 缴费", "最低生活保障 申请", "政府信息 公开 申请", "医保", '"基本医疗保险" 补贴 居民', "申请 保障 医疗 公开 信息"]


@pytest.mark.parametrize("whole_list_max_parts", [scoring.WHOLE_LIST_MAX_PARTS, 0], ids=["whole lists", "lookups within documents"])
@pytest.mark.parametrize("query", QUERIES)
def test_best_part_equals_scoring_every_part(search_library, query, whole_list_max_parts, monkeypatch):
    monkeypatch.setattr(scoring, "WHOLE_LIST_MAX_PARTS", whole_list_max_parts)
    parsed = query_language.parse(query)
    selective = engine.selective_groups(parsed)
    wholes = dict(SearchEntry.objects.filter(kind=EntryKind.DOCUMENT).values_list("document_id", "id"))

    found = {match.document_id: (match.id, match.score) for match in scoring.part_matches(parsed, selective, wholes)}

    assert found
    assert found == exhaustive_best(parsed, selective, list(wholes))


@pytest.mark.parametrize(
    ("phrases", "columns", "expected"),
    [
        ([("合同",)], ["劳动 合同 合同", "劳动合同", ""], [[2], [0], [0]]),
        ([("a", "a")], ["a a a", "a b a"], [[2], [0]]),
        ([("a", "b"), ("b",)], ["a b", "b a"], [[1, 1], [0, 1]]),
        ([("b", "a")], ["x b", "a y"], [[0], [0]]),
        ([("工伤",), ("工伤",)], ["工伤 认定", "认定"], [[1, 1], [0, 0]]),
        ([("工伤",)], [b"\xe5\xb7\xa5\xe4\xbc\xa4", "工伤"], [[1], [1]]),
    ],
    ids=["whole tokens", "overlapping", "several phrases", "not across columns", "repeated phrase", "bytes and str"],
)
def test_phrase_counter_counts(phrases, columns, expected):
    assert scoring.PhraseCounter(phrases).counts(columns).tolist() == expected


@pytest.mark.parametrize("query", QUERIES)
def test_part_scores_equal_fts5(search_library, query):
    """The article scores equal FTS5's own bm25() on the article table, to the last bit."""
    if connection.vendor != "sqlite":
        pytest.skip("compares with FTS5, which only SQLite has")
    parsed = query_language.parse(query)
    phrases = parsed.phrases_in_order()
    total, average_length = frequencies.collection(PART_LEVEL)
    idfs = [backends.inverse_frequency(total, count) for count in frequencies.phrase_frequencies(phrases, PART_LEVEL)]
    scorer = scoring.Scorer(phrases, idfs, average_length)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid, -bm25({FTS_TABLE}, {backends.TITLE_WEIGHT}, {backends.BODY_WEIGHT}), title_tokens, body_tokens "
            f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s ORDER BY rowid",
            [query_language.fts5_expression(parsed, "or")],
        )
        rows = cursor.fetchall()
    lengths = dict(SearchEntry.objects.filter(id__in=[row[0] for row in rows]).values_list("id", "length"))

    scores = scorer.scores([row[2] for row in rows], [row[3] for row in rows], [lengths[row[0]] for row in rows])

    assert rows
    assert scores.tolist() == [row[1] for row in rows]
