"""Per-client rate limit and question checks shared by the page, the API and the command line."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _
from ninja.throttling import AnonRateThrottle


class AskThrottle(AnonRateThrottle):
    """Questions per client address, counted apart from the open API's general limit."""

    scope = "ask"

    def __init__(self):
        super().__init__(settings.ASSISTANT["ASK_RATE"])


class InvalidQuestion(ValueError):
    """An invalid question. Its message, in the active language, states what to change."""


def clean_question(text: str | None) -> str:
    """Return the question with surrounding whitespace removed; raises `InvalidQuestion` when it is empty or too long."""
    question = " ".join((text or "").split())
    if not question:
        raise InvalidQuestion(_("Type the question you want answered, for example: 网上申请政府信息公开，多久能收到答复？"))
    maximum = settings.ASSISTANT["ASK_MAX_CHARS"]
    if len(question) > maximum:
        raise InvalidQuestion(
            _("The question is too long ({length} characters): shorten it to {maximum} characters or fewer and ask one thing at a time.").format(
                length=len(question), maximum=maximum
            )
        )
    return question
