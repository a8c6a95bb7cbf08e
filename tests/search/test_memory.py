"""The per-generation caches (`search.memory`), the document table and the version pinned for one search."""

import numpy as np
import pytest

from gongkai.search import columns, engine, matching, memory, state
from gongkai.search.engine import SearchRequest, search
from gongkai.search.filters import build
from gongkai.search.query import parse

pytestmark = pytest.mark.django_db


def counting_compute(calls, value):
    def compute():
        calls.append(value)
        return value

    return compute


def test_cache_keeps_value_until_generation_changes():
    cache = memory.GenerationCache("test", 1000)
    calls = []

    assert cache.get("a", counting_compute(calls, 1), lambda value: 10) == 1
    assert cache.get("a", counting_compute(calls, 2), lambda value: 10) == 1
    state.bump()
    assert cache.get("a", counting_compute(calls, 3), lambda value: 10) == 3

    assert calls == [1, 3]


def test_cache_evicts_least_recent_over_budget():
    cache = memory.GenerationCache("test", 25)
    calls = []
    for key in ("a", "b"):
        cache.get(key, counting_compute(calls, key), lambda value: 10)
    cache.get("a", counting_compute(calls, "again"), lambda value: 10)

    cache.get("c", counting_compute(calls, "c"), lambda value: 10)

    assert cache.contains("a")
    assert cache.contains("c")
    assert not cache.contains("b")


def test_cache_skips_oversized_value():
    cache = memory.GenerationCache("test", 5)
    assert cache.get("big", lambda: "value", lambda value: 10) == "value"
    assert not cache.contains("big")


def test_pinned_version_read_once(django_assert_num_queries):
    with state.pinned():
        with django_assert_num_queries(0):
            state.version()
            state.version()


def test_table_locates_whole_document_entries(search_library):
    table = columns.table()
    ids = [int(table.ids[0]), -1, int(table.ids[-1])]

    positions, found = table.locate(ids)

    assert found.tolist() == [True, False, True]
    assert positions[found].tolist() == [0, len(table) - 1]
    assert table.match(0, 1.5).score == 1.5


def test_allowed_mask_follows_filter(search_library):
    table = columns.table()
    condition = build({"year": ["2023"]}, include_nonpublic=True)

    mask = columns.allowed(condition)

    years = [table.rows[position][engine.backends.ROW_COLUMNS.index("year")] for position in np.flatnonzero(mask)]
    assert years and set(years) == {2023}


def test_phrase_scores_sum_to_query_score(search_library):
    parsed = parse("医保 一网通办 社会救助 免申即享 结算")
    allowed = columns.allowed(build({}, include_nonpublic=True))

    assembled = matching.match(parsed, "or", allowed)
    direct = matching._from_rows(engine.backends.document_scores(parsed, "or"))

    assert assembled.positions.tolist() == direct.positions.tolist()
    assert assembled.scores.tolist() == direct.scores.tolist()


def test_results_past_rerank_depth_sorted(search_library, monkeypatch):
    monkeypatch.setattr(engine, "RERANK_DEPTH", 1)
    response = search(SearchRequest(q="医保", per_page=10))

    rest = [hit.score for hit in response.hits[1:]]
    assert response.total == 4
    assert rest == sorted(rest, reverse=True)
    assert [hit.document.title for hit in search(SearchRequest(q="医保", per_page=1, page=3)).hits] == [response.hits[2].document.title]
