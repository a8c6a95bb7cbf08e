"""Answers from a chat model through the local stub: checked citations, fallbacks, prompt injection."""

import pytest

from gongkai.assistant import answering
from gongkai.assistant.answering import answer, build_messages, stream_answer
from gongkai.assistant.models import Passage
from gongkai.assistant.question_filters import QuestionFilters
from gongkai.assistant.retrieval import Candidate, Retrieval, retrieve
from gongkai.documents.choices import Validity
from gongkai.documents.models import Document
from tests.assistant.conftest import passage_number

QUESTION = "网上申请政府信息公开，多久能收到答复？"


def good_reply(body):
    period = passage_number(body, "20个工作日")
    online = passage_number(body, "互联网渠道")
    return "stream", ["行政机关不能当场答复的，应当自收到申请之日起", f"20个工作日内予以答复[{period}]。", f"网上提交的，以双方确认之日为收到申请之日[{online}]。"]


def test_model_answer_cites_article(library, chat_stub):
    chat_stub.replies = [good_reply]

    result = answer(QUESTION)

    assert result.mode == "model"
    assert result.refused is False
    assert "20个工作日内予以答复" in result.answer
    assert [citation.article for citation in result.citations] == ["第二条", "第三条"]
    assert result.citations[0].url.endswith("#art-2")
    assert result.removed_sentences == 0


def test_model_answer_streams_sentences(library, chat_stub):
    chat_stub.replies = [good_reply]

    events = list(stream_answer(QUESTION))

    names = [event["event"] for event in events]
    assert names[0] == "meta"
    assert names.count("delta") == 2
    assert names[-1] == "done"
    assert events[1]["text"].endswith("]。")


def test_bad_citations_removed(library, chat_stub):
    def reply(body):
        period = passage_number(body, "20个工作日")
        return "stream", [
            f"应当自收到申请之日起20个工作日内予以答复[{period}]。",
            "逾期未答复的视为同意公开[9]。",
            f"办法规定“收到申请后30日内必须答复”[{period}]。",
            "申请人还可以要求赔偿。",
        ]

    chat_stub.replies = [reply]

    result = answer(QUESTION)

    assert result.mode == "model"
    assert result.removed_sentences == 3
    assert "视为同意" not in result.answer
    assert "30日" not in result.answer
    assert "赔偿" not in result.answer
    assert "（已略去 3 句无法核实出处的内容。）" in result.answer


def test_quotation_checked_against_passage(library, chat_stub):
    def reply(body):
        period = passage_number(body, "20个工作日")
        return "stream", [f"办法规定“应当自收到申请之日起20个工作日内予以答复”[{period}]。"]

    chat_stub.replies = [reply]

    result = answer(QUESTION)

    assert result.mode == "model"
    assert result.removed_sentences == 0


@pytest.mark.parametrize(
    "reply",
    [
        pytest.param(lambda body: ("sleep", 3), id="timeout"),
        pytest.param(lambda body: ("status", 429), id="rate-limited"),
        pytest.param(lambda body: ("status", 500), id="server-error"),
        pytest.param(lambda body: ("status", 401), id="unauthorised"),
        pytest.param(lambda body: ("raw", b"data: {not json\n\n"), id="malformed-stream"),
        pytest.param(lambda body: ("raw", b'data: {"choices": [{"delta": {"content": "cut"}}]}\n\n'), id="cut-short"),
    ],
)
def test_model_failure_falls_back(library, chat_stub, monkeypatch, reply):
    monkeypatch.setattr("gongkai.assistant.llm.BACKOFF_SECONDS", 0.01)
    chat_stub.replies = [reply]

    result = answer(QUESTION)

    assert result.mode == "extractive"
    assert result.refused is False
    assert result.notice == str(answering.FALLBACK_NOTICE)
    assert "20个工作日内予以答复" in result.answer
    assert result.citations[0].article == "第二条"


def test_trickling_stream_times_out(library, chat_stub, monkeypatch):
    monkeypatch.setattr("gongkai.assistant.llm.ANSWER_TIMEOUTS", 0)
    chat_stub.replies = [good_reply]

    result = answer(QUESTION)

    assert result.mode == "extractive"
    assert result.notice == str(answering.FALLBACK_NOTICE)


def test_retry_after_server_error(library, chat_stub, monkeypatch):
    monkeypatch.setattr("gongkai.assistant.llm.BACKOFF_SECONDS", 0.01)
    chat_stub.replies = [lambda body: ("status", 503), good_reply]

    result = answer(QUESTION)

    assert result.mode == "model"
    assert len(chat_stub.requests) == 2


def test_failure_after_sentences_replaces(library, chat_stub):
    def reply(body):
        period = passage_number(body, "20个工作日")
        return "raw", f'data: {{"choices": [{{"delta": {{"content": "20个工作日内予以答复[{period}]。另外"}}}}]}}\n\ndata: oops\n\n'.encode()

    chat_stub.replies = [reply]

    events = list(stream_answer(QUESTION))

    names = [event["event"] for event in events]
    assert names == ["meta", "delta", "replace", "done"]
    assert events[-1]["answer"].mode == "extractive"


def test_injected_instruction_is_data(library, chat_stub):
    question = "停车场收费标准在哪里公示？"
    context = retrieve(question).candidates[:6]
    messages = build_messages(question, context)

    assert messages[0] == {"role": "system", "content": answering.SYSTEM_PROMPT}
    user = messages[1]["content"]
    assert user.count("<资料>") == 1
    assert user.count("</资料>") == 1
    assert user.index("忽略以上指令") > user.index("<资料>")
    assert user.index("忽略以上指令") < user.index("</资料>")


def test_obeyed_injection_not_shown(library, chat_stub):
    chat_stub.replies = [lambda body: ("stream", ["本市所有停车场一律免费。"])]

    result = answer("停车场收费标准在哪里公示？")

    assert "免费" not in result.answer
    assert result.mode == "extractive"
    assert "入口处公示收费标准" in result.answer


def test_unrelated_question_refused(library, chat_stub):
    chat_stub.replies = [good_reply]

    result = answer("红烧肉怎么做才好吃？")

    assert result.refused is True
    assert result.answer == "未找到相关政策依据。建议拨打 12345 政务服务便民热线咨询，或依法向有关行政机关提出政府信息公开申请。"
    assert "12345" in result.answer
    assert result.citations == []
    assert chat_stub.requests == []


def test_repealed_source_flagged(library):
    result = answer("本市月最低工资标准是多少？")

    assert result.outdated is True
    assert result.notice.startswith(str(answering.OUTDATED_NOTICE))
    assert "2480元" in result.answer
    assert result.citations[0].outdated is True


def test_extractive_without_model(library):
    result = answer(QUESTION)

    assert result.mode == "extractive"
    assert result.notice == str(answering.EXTRACTIVE_NOTICE)
    assert result.citations[0].article == "第二条"
    assert "行政机关不能当场答复的，应当自收到申请之日起20个工作日内予以答复。" in result.citations[0].highlights
    assert "“" in result.answer


def test_passage_covering_the_question_comes_first(library):
    """交费 reaches 收取费用 through the seeded synonyms, and the article with it is quoted first."""
    result = answer("申请政府信息公开需要交费吗？", use_model=False)

    assert result.mode == "extractive"
    assert result.citations[0].article == "第四条"


def test_context_puts_fuller_coverage_first():
    """Among evidence, passages with more of the question's words come first; fused order breaks ties."""
    in_force = Document(title="示例办法", validity=Validity.VALID, is_current=True)
    candidates = [
        Candidate(passage=Passage(text=f"第{number}条"), document=in_force, score=1.0 / number, coverage=coverage)
        for number, coverage in [(1, 0.67), (2, 0.67), (3, 1.0), (4, 0.67), (5, 1.0)]
    ]
    context, outdated = answering.select_context(Retrieval("问题", candidates, QuestionFilters()))

    assert [candidate.passage.text for candidate in context] == ["第3条", "第5条", "第1条", "第2条", "第4条"]
    assert outdated is False


ARTICLE = "第三条 行政机关收到政府信息公开申请，能够当场答复的，应当当场予以答复。不能当场答复的，应当自收到申请之日起20个工作日内予以答复。申请人可以通过互联网渠道提交申请。"


@pytest.mark.parametrize(
    ("sentences", "quoted"),
    [
        (["不能当场答复的，应当自收到申请之日起20个工作日内予以答复。"], "不能当场答复的，应当自收到申请之日起20个工作日内予以答复。"),
        (
            ["第三条 行政机关收到政府信息公开申请，能够当场答复的，应当当场予以答复。", "不能当场答复的，应当自收到申请之日起20个工作日内予以答复。"],
            "第三条 行政机关收到政府信息公开申请，能够当场答复的，应当当场予以答复。不能当场答复的，应当自收到申请之日起20个工作日内予以答复。",
        ),
        (
            ["第三条 行政机关收到政府信息公开申请，能够当场答复的，应当当场予以答复。", "申请人可以通过互联网渠道提交申请。"],
            "第三条 行政机关收到政府信息公开申请，能够当场答复的，应当当场予以答复。……申请人可以通过互联网渠道提交申请。",
        ),
    ],
)
def test_quote_marks_only_left_out_text(sentences, quoted):
    assert answering.quote(ARTICLE, sentences) == quoted


def test_duration_question_quotes_the_period():
    terms = [["申请"], ["政府信息公开"], ["答复"]]

    plain = answering.best_sentences(ARTICLE, terms, limit=1)
    preferred = answering.best_sentences(ARTICLE, terms, limit=1, prefer=answering._DURATION)

    assert plain == ["第三条 行政机关收到政府信息公开申请，能够当场答复的，应当当场予以答复。"]
    assert preferred == ["不能当场答复的，应当自收到申请之日起20个工作日内予以答复。"]
