"""Per-client rate limit and question checks shared by the page, the API and the command line."""

from __future__ import annotations

from django.conf import settings
from ninja.throttling import AnonRateThrottle


class AskThrottle(AnonRateThrottle):
    """Questions per client address, counted apart from the open API's general limit."""

    scope = "ask"

    def __init__(self):
        super().__init__(settings.ASSISTANT["ASK_RATE"])


class InvalidQuestion(ValueError):
    """A question that cannot be asked; the message is Chinese and says what to change."""


def clean_question(text: str | None) -> str:
    """Return the question with surrounding whitespace removed; raises `InvalidQuestion` when it is empty or too long."""
    question = " ".join((text or "").split())
    if not question:
        raise InvalidQuestion("请输入要咨询的问题，例如：网上申请政府信息公开，多久能收到答复？")
    maximum = settings.ASSISTANT["ASK_MAX_CHARS"]
    if len(question) > maximum:
        raise InvalidQuestion(f"问题过长（{len(question)} 字）：请精简到 {maximum} 字以内，一次只问一件事。")
    return question
