"""Drafting the answer letter's reasons: through the chat endpoint when configured, else from the template."""

import pytest
from django.utils import translation

from gongkai.disclosure import assist
from gongkai.disclosure.outcomes import Outcome
from tests.assistant.conftest import chat_stub  # noqa: F401  (the local OpenAI-compatible stub server)
from tests.disclosure.factories import DisclosureRequestFactory

pytestmark = pytest.mark.django_db


def test_draft_from_template_without_model():
    request = DisclosureRequestFactory()
    draft = assist.draft_reasons(request, Outcome.DISCLOSED, [])

    assert draft["source"] == "template"
    assert draft["text"] == f"经审查，建议按“{Outcome.DISCLOSED.label}”处理，具体理由由承办人员填写。"


def test_draft_stays_chinese_in_english():
    request = DisclosureRequestFactory()
    with translation.override("en"):
        draft = assist.draft_reasons(request, Outcome.DISCLOSED, [])

    with translation.override("zh-hans"):
        label = str(Outcome.DISCLOSED.label)
    assert draft["text"] == f"经审查，建议按“{label}”处理，具体理由由承办人员填写。"


def test_draft_through_model(chat_stub):  # noqa: F811
    chat_stub.replies = [lambda body: ("stream", ["经审查，", "您申请的信息予以公开。"])]
    request = DisclosureRequestFactory()
    draft = assist.draft_reasons(request, Outcome.DISCLOSED, [])
    prompt = chat_stub.requests[0]["messages"][-1]["content"]

    assert draft == {"text": "经审查，您申请的信息予以公开。", "source": "model"}
    assert request.applicant_name not in prompt
    assert request.id_document_number not in prompt


def test_model_failure_falls_back(chat_stub):  # noqa: F811
    chat_stub.replies = [lambda body: ("status", 500)]
    request = DisclosureRequestFactory()
    draft = assist.draft_reasons(request, Outcome.DISCLOSED, [])

    assert draft["source"] == "template"
