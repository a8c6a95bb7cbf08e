"""Passages, question filters, fusion and the vector index (with a deterministic fake embedder)."""

import hashlib
import io

import numpy as np
import pytest
from django.core.management import call_command

from gongkai.assistant import question_filters, vectors
from gongkai.assistant.models import Embedding, Passage
from gongkai.assistant.passages import MAX_CHARS, split_text
from gongkai.assistant.retrieval import fuse, retrieve
from gongkai.core.models import Agency


class FakeEmbedder:
    """Hashes characters into 64 dimensions: texts sharing characters get similar vectors."""

    model = "fake/char-hash"
    version = "1"

    def __init__(self):
        self.embedded: list[str] = []

    def _vector(self, text: str) -> np.ndarray:
        vector = np.zeros(64, dtype=np.float32)
        for character in text:
            vector[hashlib.md5(character.encode()).digest()[0] % 64] += 1.0
        return vector / (np.linalg.norm(vector) or 1.0)

    def embed_queries(self, texts):
        return np.vstack([self._vector(text) for text in texts])

    def embed_passages(self, texts):
        self.embedded.extend(texts)
        return np.vstack([self._vector(text) for text in texts])


def test_passages_carry_heading_path(library):
    passage = Passage.objects.get(document__title="示例市政府信息公开办法", label="第二条")

    assert passage.heading_path == "第二章 依申请公开"
    assert passage.anchor == "art-2"
    assert passage.text.startswith("第二条 行政机关收到政府信息公开申请")


def test_long_text_split_at_sentences():
    sentence = "行政机关应当依法公开政府信息，并接受社会监督。"
    text = sentence * 60

    pieces = split_text(text)

    assert len(pieces) > 1
    assert all(len(piece) <= MAX_CHARS for piece in pieces)
    assert all(piece.endswith("。") for piece in pieces)
    assert "".join(pieces) == text


def test_long_sentence_cut_at_clauses():
    text = "，".join(["申请人应当提交身份证明"] * 80) + "。"

    pieces = split_text(text)

    assert all(len(piece) <= MAX_CHARS for piece in pieces)
    assert "".join(pieces) == text


def test_fusion_rewards_agreement():
    bm25 = [(1, 9.0), (2, 8.0), (3, 7.0)]
    dense = [(3, 0.9), (4, 0.8), (1, 0.7)]

    fused = [passage_id for passage_id, _ in fuse([("bm25", bm25), ("dense", dense)])]

    assert fused == [1, 3, 2, 4]


@pytest.mark.parametrize(
    ("question", "year", "agencies"),
    [
        ("2024年示例市人民政府关于停车管理的规定有哪些？", 2024, ["XSAMPLE"]),
        ("2024年关于停车管理的规定有哪些？", 2024, []),
        ("2023年我买了房，可以落户吗？", None, []),
        ("示例市人民政府办公厅发布的停车规定", None, ["XSAMPLEO"]),
    ],
)
def test_filters_from_question(db, question, year, agencies):
    Agency.objects.create(name="示例市人民政府", short_name="市政府", code="XSAMPLE")
    Agency.objects.create(name="示例市人民政府办公厅", short_name="市政府办公厅", code="XSAMPLEO")

    found = question_filters.extract(question)

    assert found.year == year
    assert found.agency_codes == agencies


def test_number_filter_narrows(library):
    document = library["示例市政府信息公开办法"]
    document.document_number = "示府令〔2023〕8号"
    document.save()

    result = retrieve("示府令〔2023〕8号规定多久答复？")

    assert result.filters.document_ids == [document.pk]
    assert {candidate.document.pk for candidate in result.candidates} == {document.pk}


def test_unmatched_filter_relaxed(library):
    result = retrieve("2015年关于政府信息公开申请的规定，多久答复？")

    assert result.relaxed is True
    assert result.candidates[0].passage.label == "第二条"


@pytest.fixture
def fake_embedder(monkeypatch):
    embedder = FakeEmbedder()
    monkeypatch.setattr("gongkai.assistant.retrieval.get_embedder", lambda: embedder)
    return embedder


def test_embedding_resumes_after_interrupt(library, fake_embedder):
    hashes = vectors.pending_hashes(fake_embedder)

    vectors.embed_pending(fake_embedder, hashes[:2], batch_size=2)
    remaining = vectors.pending_hashes(fake_embedder)
    vectors.embed_pending(fake_embedder, remaining, batch_size=2)

    assert len(remaining) == len(hashes) - 2
    assert len(fake_embedder.embedded) == len(hashes)
    assert vectors.pending_hashes(fake_embedder) == []
    assert Embedding.objects.filter(model="fake/char-hash", version="1").count() == len(hashes)


def test_changed_model_reembeds(library, fake_embedder):
    vectors.embed_pending(fake_embedder, vectors.pending_hashes(fake_embedder))
    fake_embedder.version = "2"

    pending = vectors.pending_hashes(fake_embedder)
    vectors.embed_pending(fake_embedder, pending)
    deleted = vectors.delete_stale(fake_embedder)

    assert len(pending) == Passage.objects.values("content_hash").distinct().count()
    assert deleted == len(pending)


def test_vector_index_search(library, fake_embedder):
    vectors.embed_pending(fake_embedder, vectors.pending_hashes(fake_embedder))
    index = vectors.get_index(fake_embedder)
    index.refresh(force=True)
    target = Passage.objects.get(label="第三条", document__title="示例市政府信息公开办法")
    query = fake_embedder.embed_queries([target.document.title + "\n" + target.heading_path + "\n" + target.text])[0]

    found = index.search(query, 3)

    assert found[0][0] == target.pk
    assert found[0][1] == pytest.approx(1.0, abs=1e-5)
    assert index.matrix.dtype == np.float32


def test_embed_command_incremental(library, fake_embedder, monkeypatch):
    monkeypatch.setattr("gongkai.assistant.management.commands.embed.get_embedder", lambda: fake_embedder)
    Passage.objects.filter(document__title="示例市停车场管理办法").delete()
    expected = Passage.objects.values("content_hash").distinct().count() + 3
    first, second = io.StringIO(), io.StringIO()

    call_command("embed", stdout=first)
    call_command("embed", stdout=second)

    assert "已为 1 份文件生成 3 个段落。" in first.getvalue()
    assert f"待计算向量的段落：{expected} 个" in first.getvalue()
    assert "待计算向量的段落：0 个" in second.getvalue()
    assert len(fake_embedder.embedded) == expected
