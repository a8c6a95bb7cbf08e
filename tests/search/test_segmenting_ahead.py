"""`indexing.segmenting_ahead`: batches indexed one announcement late, and all of them by the end of the block."""

import pytest

from gongkai.documents.models import Document
from gongkai.documents.signals import document_stored
from gongkai.search import indexing
from gongkai.search.models import SearchEntry
from tests.factories import DocumentFactory

pytestmark = pytest.mark.django_db


def indexed(documents) -> set[int]:
    return set(SearchEntry.objects.filter(document__in=documents).values_list("document_id", flat=True))


def test_batches_indexed_a_batch_late():
    first = [DocumentFactory(articles=[f"第一条 示例市社会救助第{n}项。"]) for n in range(3)]
    second = [DocumentFactory(articles=[f"第一条 示例市医疗保障第{n}项。"]) for n in range(2)]
    SearchEntry.objects.all().delete()

    with indexing.segmenting_ahead():
        document_stored.send(Document, document_ids=[document.pk for document in first])
        after_first = indexed(first)
        document_stored.send(Document, document_ids=[document.pk for document in second])
        after_second = indexed(first + second)

    assert after_first == set()
    assert after_second == {document.pk for document in first}
    assert indexed(first + second) == {document.pk for document in first + second}


def test_pending_batch_indexed_after_an_error():
    documents = [DocumentFactory(articles=["第一条 示例市政府信息公开。"])]
    SearchEntry.objects.all().delete()

    with pytest.raises(RuntimeError), indexing.segmenting_ahead():
        document_stored.send(Document, document_ids=[document.pk for document in documents])
        raise RuntimeError("the import stopped")

    assert indexed(documents) == {documents[0].pk}
