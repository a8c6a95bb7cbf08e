"""The 政策问答 endpoints of the open API: `/api/ask` (JSON) and `/api/ask/stream` (server-sent events)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from gongkai.api import errors
from gongkai.api.schemas import ErrorOut
from gongkai.assistant import events
from gongkai.assistant.answering import answer
from gongkai.assistant.limits import AskThrottle, InvalidQuestion, clean_question

router = Router(tags=["assistant"], throttle=[AskThrottle()])

ERRORS = {400: ErrorOut, 429: ErrorOut, 500: ErrorOut}


QUESTION = "要咨询的问题，如“网上申请政府信息公开，多久能收到答复？”；一次只问一件事，字数上限见 GONGKAI_ASK_MAX_CHARS。"


class QuestionIn(Schema):
    q: str = Field(..., description=QUESTION)


class QuestionParameters(Schema):
    q: str = Field("", description=QUESTION)


class CitationOut(Schema):
    n: int
    document_id: int
    title: str
    article: str
    url: str
    highlights: list[str]
    validity: str
    outdated: bool


class AnswerOut(Schema):
    question: str
    answer: str
    mode: str
    refused: bool
    outdated: bool
    notice: str
    citations: list[CitationOut]
    filters: list[str]
    removed_sentences: int


def _question(text: str | None) -> str:
    try:
        return clean_question(text)
    except InvalidQuestion as error:
        raise errors.ApiError(400, "invalid_question", str(error), {"q": str(error)}) from None


def _answer(request: HttpRequest, text: str | None) -> dict:
    data = answer(_question(text)).as_dict()
    for citation in data["citations"]:
        citation["url"] = request.build_absolute_uri(citation["url"])
    return data


@router.get("/ask", response={200: AnswerOut, **ERRORS}, summary="政策问答")
def ask(request, parameters: Query[QuestionParameters]):
    """Answer a question from the published documents: `mode` is `model` or `extractive`, `refused` is true when no evidence was found."""
    return _answer(request, parameters.q)


@router.post("/ask", response={200: AnswerOut, **ERRORS}, summary="政策问答（POST）")
def ask_post(request, body: QuestionIn):
    return _answer(request, body.q)


@router.get("/ask/stream", response={400: ErrorOut, 429: ErrorOut}, summary="政策问答（流式，text/event-stream）")
def ask_stream(request, parameters: Query[QuestionParameters]):
    """Stream events `meta`, `delta` (checked sentences), `replace` (fallback to an extract) and `done` (the full JSON answer)."""
    return events.response(_question(parameters.q))


@router.post("/ask/stream", response={400: ErrorOut, 429: ErrorOut}, summary="政策问答（流式，POST）")
def ask_stream_post(request, body: QuestionIn):
    return events.response(_question(body.q))
