"""The 政策问答 endpoints of the open API: `/api/ask` (JSON) and `/api/ask/stream` (server-sent events)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from gongkai.api import errors
from gongkai.api.schemas import DOCUMENT_ID, VALIDITY, ErrorOut
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
    n: int = Field(description="引用序号，对应回答中的 [n]。")
    document_id: int = Field(description="所引" + DOCUMENT_ID)
    title: str = Field(description="所引文件的标题。")
    article: str = Field(description="所引条文或章节的标号，如 第三十三条；没有的为空字符串。")
    url: str = Field(description="所引条文在门户中的地址（带锚点）。")
    highlights: list[str] = Field(description="条文中回答所依据的句子。")
    validity: str = Field(description="所引文件的" + VALIDITY)
    outdated: bool = Field(description="所引文件已废止、失效或已被修订时为 true。")


class AnswerOut(Schema):
    question: str = Field(description="问题原文，连续空白已合并为一个空格。")
    answer: str = Field(description="回答，每句末尾以 [n] 标出所据的引用；未找到依据时为空字符串。")
    mode: str = Field(description="回答方式：model 由大模型生成并逐句核对出处，extractive 摘自文件原文。")
    refused: bool = Field(description="未找到相关政策依据、因此不作回答时为 true。")
    outdated: bool = Field(description="依据均已废止、失效或已被修订时为 true。")
    notice: str = Field(description="需要提醒提问者的说明，如依据已失效、按问题中的条件未找到；没有的为空字符串。")
    citations: list[CitationOut] = Field(description="回答引用的条文，按序号排列。")
    filters: list[str] = Field(description="从问题中识别出的限定条件，如“年份：2024”“发文机关：上海市人民政府”。")
    removed_sentences: int = Field(description="大模型回答中因出处无法核实而删去的句数。")


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


ASK = "根据已公开的文件回答问题，每句注明出处。mode 为 model 时由大模型生成并逐句核对，为 extractive 时摘自原文；未找到依据时 refused 为 true。"
STREAM = (
    "以 text/event-stream 逐步返回回答：先是 meta，再是逐句核对后的 delta；大模型回答无法核实时以 replace "
    "换成摘自原文的回答；最后 done 附完整的 JSON 回答。"
)


@router.get("/ask", response={200: AnswerOut, **ERRORS}, summary="政策问答", description=ASK)
def ask(request, parameters: Query[QuestionParameters]):
    """Answer a question from the published documents: `mode` is `model` or `extractive`, `refused` is true when no evidence was found."""
    return _answer(request, parameters.q)


@router.post("/ask", response={200: AnswerOut, **ERRORS}, summary="政策问答（POST）", description=ASK)
def ask_post(request, body: QuestionIn):
    return _answer(request, body.q)


@router.get("/ask/stream", response={400: ErrorOut, 429: ErrorOut}, summary="政策问答（流式，text/event-stream）", description=STREAM)
def ask_stream(request, parameters: Query[QuestionParameters]):
    """Stream events `meta`, `delta` (checked sentences), `replace` (fallback to an extract) and `done` (the full JSON answer)."""
    return events.response(_question(parameters.q))


@router.post("/ask/stream", response={400: ErrorOut, 429: ErrorOut}, summary="政策问答（流式，POST）", description=STREAM)
def ask_stream_post(request, body: QuestionIn):
    return events.response(_question(body.q))
