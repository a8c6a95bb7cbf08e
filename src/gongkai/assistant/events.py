"""Server-sent events (text/event-stream) of an answer, shared by the page and the API."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

from django.http import StreamingHttpResponse

from gongkai.assistant.answering import stream_answer

logger = logging.getLogger(__name__)


def encode(event: dict) -> str:
    """Return one event in SSE framing; the `done` event carries the whole answer as JSON."""
    name = event["event"]
    payload = event["answer"].as_dict() if name == "done" else {key: value for key, value in event.items() if key != "event"}
    return f"event: {name}\ndata: {json.dumps(payload, ensure_ascii=False)}\n\n"


def stream(question: str) -> Iterator[str]:
    yield ": 政策问答\n\n"
    for event in stream_answer(question):
        yield encode(event)


def response(question: str) -> StreamingHttpResponse:
    reply = StreamingHttpResponse(stream(question), content_type="text/event-stream; charset=utf-8")
    reply["Cache-Control"] = "no-cache"
    reply["X-Accel-Buffering"] = "no"
    return reply
