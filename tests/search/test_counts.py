"""The collection statistics indexing keeps (`search.counts`) stay equal to a count of the entries."""

import pytest
from django.core.management import call_command
from django.db import connection

from gongkai.documents.models import Document
from gongkai.documents.signals import document_stored
from gongkai.search import counts, frequencies, indexing
from gongkai.search.models import LevelTotal, SearchEntry, TokenCount

ASSISTANCE = "示例市社会救助办法"


def recounted() -> tuple[dict, dict]:
    tallies = counts.tally(SearchEntry.objects.values_list("kind", "title_tokens", "body_tokens", "length"))
    tokens = {(level, token): count for level, tally in tallies.items() for token, count in tally.tokens.items()}
    totals = {level: (tally.entries, tally.length) for level, tally in tallies.items() if tally.entries}
    return tokens, totals


def stored() -> tuple[dict, dict]:
    tokens = {(level, token): count for level, token, count in TokenCount.objects.values_list("level", "token", "entries") if count}
    totals = {level: (entries, length) for level, entries, length in LevelTotal.objects.values_list("level", "entries", "tokens") if entries}
    return tokens, totals


def delete_one():
    Document.objects.get(title=ASSISTANCE).delete()


def reindex_one():
    document = Document.objects.get(title=ASSISTANCE)
    part = document.parts.first()
    part.text = "第一条 本办法所称社会救助，包括最低生活保障和临时救助，由民政部门实施。"
    part.save()
    document_stored.send(Document, document_ids=[document.pk])


CHANGES = {
    "imported": lambda: None,
    "document deleted": delete_one,
    "document reindexed": reindex_one,
    "whole index rebuilt": lambda: call_command("reindex", verbosity=0),
}


@pytest.mark.parametrize("change", CHANGES)
def test_counts_follow_the_index(search_library, change):
    CHANGES[change]()

    tokens, totals = stored()
    assert tokens
    assert (tokens, totals) == recounted()


def test_batched_rebuild_counts_every_batch(search_library, monkeypatch):
    monkeypatch.setattr(indexing, "BATCH_DOCUMENTS", 1)

    indexing.reindex_all(workers=1)

    assert Document.objects.count() > 1
    assert stored() == recounted()


def test_deleting_many_documents_at_once(search_library):
    Document.objects.exclude(title__in=[ASSISTANCE, "示例市医疗保障条例"]).delete()

    assert stored() == recounted()


def full_text_counts(level: str) -> dict[str, int]:
    """Return the entries per word as the full-text index itself counts them (FTS5 vocabulary, ts_stat)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            table = frequencies.FTS_TABLES[level]
            cursor.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{table}_words USING fts5vocab(main, {table}, row)")
            cursor.execute(f"SELECT term, doc FROM temp.{table}_words")
        else:
            # Dollar quoting keeps the quotes of the level condition as they are.
            cursor.execute(f"SELECT word, ndoc FROM ts_stat($q$SELECT tsv FROM search_searchentry WHERE {frequencies.LEVEL_CONDITIONS[level]}$q$)")
        return {word: count for word, count in cursor.fetchall() if counts.countable(word)}


@pytest.mark.parametrize("level", [counts.DOCUMENT_LEVEL, counts.PART_LEVEL])
def test_counts_equal_full_text_counts(search_library, level):
    stored_counts = dict(TokenCount.objects.filter(level=level, entries__gt=0).values_list("token", "entries"))

    assert stored_counts == full_text_counts(level)


def test_deleted_document_leaves_no_tokens(search_library):
    only_there = "民政部门实施"
    reindex_one()
    assert any(counts.token_entries("document", ["民政部门", "民政"]).values())

    delete_one()

    assert not TokenCount.objects.filter(entries__lt=0).exists()
    assert counts.token_entries("document", [only_there]) == {only_there: 0}
