"""The collection statistics indexing keeps (`search.counts`) stay equal to a count of the entries."""

import pytest
from django.core.management import call_command

from gongkai.documents.models import Document
from gongkai.documents.signals import document_stored
from gongkai.search import counts, frequencies
from gongkai.search.models import LevelTotal, SearchEntry, TokenCount
from gongkai.search.query import Phrase

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


def test_deleting_many_documents_at_once(search_library):
    Document.objects.exclude(title__in=[ASSISTANCE, "示例市医疗保障条例"]).delete()

    assert stored() == recounted()


def test_counts_equal_full_text_counts(search_library):
    for level, token, count in TokenCount.objects.values_list("level", "token", "entries"):
        assert frequencies._count([Phrase((token,))], level) == count, (level, token)


def test_deleted_document_leaves_no_tokens(search_library):
    only_there = "民政部门实施"
    reindex_one()
    assert any(counts.token_entries("document", ["民政部门", "民政"]).values())

    delete_one()

    assert not TokenCount.objects.filter(entries__lt=0).exists()
    assert counts.token_entries("document", [only_there]) == {only_there: 0}
