"""The stored posting lists give the same documents, scores and articles as FTS5 (`search.postinglists`)."""

import numpy as np
import pytest
from django.core.management import call_command
from django.db import connection

from gongkai.search import backends, engine, matching, memory, postinglists
from gongkai.search import query as query_language
from gongkai.search.counts import DOCUMENT_LEVEL, PART_LEVEL
from gongkai.search.models import EntryKind, SearchEntry, PostingList, PostingListState
from tests.search.test_counts import CHANGES
from tests.search.test_parts import QUERIES

@pytest.fixture
def every_word_listed(monkeypatch):
    monkeypatch.setitem(postinglists.MIN_DOCUMENTS, connection.vendor, 1)
    monkeypatch.setitem(postinglists.MIN_LIBRARY_DOCUMENTS, connection.vendor, 1)


def from_full_text(phrase):
    """The document scores of `phrase` computed by the database's full-text query alone."""
    return matching._from_rows(backends.document_scores(matching._single(phrase), "and"))


def listed_tokens(level: str) -> list[str]:
    return list(PostingList.objects.filter(level=level).values_list("token", flat=True))


def import_more(tmp_path):
    folder = tmp_path / "later"
    folder.mkdir()
    (folder / "示例市居民医疗补贴办法.md").write_text(
        "# 示例市居民医疗补贴办法\n\n2024年2月1日 示例市人民政府令第30号公布\n\n<!-- INFO END -->\n\n"
        "第一条 城乡居民参加基本医疗保险的，按照规定给予补贴。\n\n第二条 申请补贴，由居民向街道办事处提出。\n",
        encoding="utf-8",
    )
    call_command("import", str(folder), verbosity=0)


@pytest.mark.parametrize("change", [*CHANGES, "document imported after"])
def test_lists_equal_full_text(search_library, every_word_listed, tmp_path, change, django_capture_on_commit_callbacks):
    postinglists.build()
    with django_capture_on_commit_callbacks(execute=True):
        if change == "document imported after":
            import_more(tmp_path)
        else:
            CHANGES[change]()
    memory.clear_all()

    tokens, part_tokens = listed_tokens(DOCUMENT_LEVEL), set(listed_tokens(PART_LEVEL))
    assert "医疗保险" in tokens
    # PostgreSQL finds a best document's articles through their own tsv instead.
    assert bool(part_tokens) == (connection.vendor == "sqlite")
    for token in tokens:
        phrase = query_language.Phrase((token,))
        documents = from_full_text(phrase)
        listed = matching._document_postings(phrase)
        assert np.array_equal(listed.positions, documents.positions), token
        # Equal to the last bit, not approximately: the order of operations is bm25()'s.
        assert listed.scores.tolist() == documents.scores.tolist(), token
        if token in part_tokens:
            # Articles deleted since the lists were written may stay in them: reading them finds no row.
            live = set(SearchEntry.objects.values_list("id", flat=True))
            parts = matching._part_ids(matching._single(phrase))
            assert [entry for entry in matching._part_postings(phrase).tolist() if entry in live] == parts.tolist(), token


def test_hits_beyond_what_a_tsvector_keeps(db, every_word_listed, tmp_path, django_capture_on_commit_callbacks):
    # A tsvector keeps 256 positions of a word and none past the 16,383rd token; the lists count every hit.
    path = tmp_path / "示例市补贴办法.txt"
    path.write_text("示例市补贴办法\n\n" + "补贴。" * 300 + "其他事项另行规定。" * 4000 + "补贴。" * 20 + "\n", encoding="utf-8")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import", str(path), verbosity=0)

    postinglists.build()

    phrase = query_language.Phrase(("补贴",))
    listed = postinglists.document_list(phrase)
    assert (listed.title_hits.tolist(), listed.body_hits.tolist()) == ([1], [320])
    assert matching._document_postings(phrase).scores.tolist() == from_full_text(phrase).scores.tolist()


@pytest.mark.parametrize("query", QUERIES)
def test_search_results_do_not_change(search_library, every_word_listed, query):
    def results():
        memory.clear_all()
        response = engine.search(engine.SearchRequest(q=query))
        return [(hit.document.pk, hit.score, hit.anchor, hit.snippet_html) for hit in response.hits]

    PostingListState.objects.all().delete()
    assert not postinglists.available()
    without = results()

    assert postinglists.build() > 0
    assert postinglists.available()
    assert PostingList.objects.exists()

    assert results() == without


def test_import_writes_lists_when_stale(transactional_db, every_word_listed, search_library, tmp_path):
    # With real commits, as in production, documents are indexed before the import command ends.
    state = PostingListState.objects.get()
    assert state.through_id == SearchEntry.objects.order_by("-id").values_list("id", flat=True).first()
    assert not postinglists.stale()

    # One new document is more than 5 % of this library, so the lists are stale.
    import_more(tmp_path)
    assert PostingListState.objects.get().through_id > state.through_id
    assert not postinglists.stale()


def test_small_changes_keep_the_lists(search_library, every_word_listed, monkeypatch):
    postinglists.build()
    assert not postinglists.stale()
    monkeypatch.setattr(postinglists, "STALE_SHARE", 0.5)
    documents = SearchEntry.objects.filter(kind=EntryKind.DOCUMENT).count()
    CHANGES["document deleted"]()

    assert not postinglists.stale()
    monkeypatch.setattr(postinglists, "STALE_SHARE", 0.9 / documents)
    assert postinglists.stale()


def test_reindex_writes_the_lists(search_library, every_word_listed):
    PostingList.objects.all().delete()

    call_command("reindex", verbosity=0)

    assert PostingListState.objects.get().through_id == SearchEntry.objects.order_by("-id").values_list("id", flat=True).first()
    assert "医疗保险" in listed_tokens(DOCUMENT_LEVEL)


def test_reindex_posting_lists_only(search_library, every_word_listed, capsys):
    entries = list(SearchEntry.objects.values_list("id", flat=True))

    call_command("reindex", "--posting-lists")

    assert list(SearchEntry.objects.values_list("id", flat=True)) == entries
    words = PostingList.objects.filter(level=DOCUMENT_LEVEL).count()
    assert capsys.readouterr().out.startswith(f"倒排列表写入完成：{words} 个词，用时 ")


def test_reindex_posting_lists_none_long_enough(search_library, monkeypatch, capsys):
    monkeypatch.setitem(postinglists.MIN_DOCUMENTS, connection.vendor, 100)
    call_command("reindex", "--posting-lists")

    assert capsys.readouterr().out.startswith("倒排列表写入完成，但没有词出现在 100 份以上文件中，所以列表为空（用时 ")


def test_small_library_keeps_written_lists_fresh(search_library, monkeypatch):
    monkeypatch.setitem(postinglists.MIN_DOCUMENTS, connection.vendor, 1)
    call_command("reindex", "--posting-lists")
    assert postinglists.available()

    # A small library gets no lists by itself, but lists someone wrote are kept up to date.
    call_command("reindex", verbosity=0)

    last_id = SearchEntry.objects.order_by("-id").values_list("id", flat=True).first()
    assert PostingListState.objects.get().through_id == last_id


@pytest.mark.parametrize(
    "values, item_size",
    [([], 1), ([0, 255], 1), ([256], 2), ([65535, 3], 2), ([65536], 4), ([2**32], 8)],
)
def test_numbers_take_the_smallest_type(values, item_size):
    array = np.array(values, dtype=np.int64)
    packed = postinglists._pack(array)

    assert len(packed) == item_size * len(values)
    assert postinglists._unpack(packed, len(values)).tolist() == values


def test_ids_come_back_from_their_gaps():
    ids = np.array([7, 8, 300, 70_000, 2**33], dtype=np.int64)
    fields = postinglists._id_fields(ids)

    assert postinglists._ids(fields["first_id"], fields["ids"], fields["entries"]).tolist() == ids.tolist()


def test_empty_index_needs_no_lists(db, every_word_listed):
    assert not postinglists.stale()


def test_small_library_needs_no_lists(search_library):
    PostingListState.objects.all().delete()

    assert not postinglists.stale()


def test_index_without_lists_is_stale(search_library, every_word_listed):
    PostingListState.objects.all().delete()

    assert postinglists.stale()
