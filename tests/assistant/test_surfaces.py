"""The 政策问答 page, the API endpoints and `gongkai ask`."""

import io
import json
from urllib.parse import quote

from django.core.management import call_command

QUESTION = "网上申请政府信息公开，多久能收到答复？"


def test_api_answer_shape(library, client):
    response = client.get("/api/ask", {"q": QUESTION})

    assert response.status_code == 200
    data = response.json()
    assert data["mode"] == "extractive"
    assert data["refused"] is False
    citation = data["citations"][0]
    assert set(citation) >= {"n", "document_id", "title", "article", "url"}
    assert citation["article"] == "第二条"
    assert citation["url"].startswith("http://testserver/documents/")
    assert citation["url"].endswith("#art-2")


def test_api_post_answer(library, client):
    response = client.post("/api/ask", {"q": QUESTION}, content_type="application/json")

    assert response.status_code == 200
    assert response.json()["citations"][0]["article"] == "第二条"


def test_api_rejects_long_question(library, client, settings):
    settings.ASSISTANT = {**settings.ASSISTANT, "ASK_MAX_CHARS": 10}

    response = client.get("/api/ask", {"q": QUESTION})

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid_question"
    assert error["message"] == "问题过长（19 字）：请精简到 10 字以内，一次只问一件事。"


def test_api_rejects_long_question_in_english(library, client, settings):
    settings.ASSISTANT = {**settings.ASSISTANT, "ASK_MAX_CHARS": 10}
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.get("/api/ask", {"q": QUESTION})

    assert response.json()["error"]["message"] == (
        "The question is too long (19 characters): shorten it to 10 characters or fewer and ask one thing at a time."
    )


def test_api_rejects_empty_question(library, client):
    response = client.get("/api/ask", {"q": "  "})

    assert response.status_code == 400
    assert response.json()["error"]["message"].startswith("请输入要咨询的问题")


def test_api_stream_events(library, client):
    response = client.get("/api/ask/stream", {"q": QUESTION})

    assert response["Content-Type"].startswith("text/event-stream")
    body = b"".join(response.streaming_content).decode()
    names = [line.removeprefix("event: ") for line in body.splitlines() if line.startswith("event: ")]
    assert names == ["meta", "delta", "done"]
    done = json.loads(body.split("event: done\ndata: ")[1].split("\n")[0])
    assert done["citations"][0]["article"] == "第二条"


def test_page_without_javascript(library, client):
    response = client.get("/" + quote("问答"), {"q": QUESTION})

    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>政策问答 - 政务公开平台</title>" in html
    assert "#art-2" in html
    assert "<mark>行政机关不能当场答复的，应当自收到申请之日起20个工作日内予以答复。</mark>" in html


def test_page_form_post(library, client):
    response = client.post("/ask/", {"q": QUESTION})

    assert response.status_code == 200
    assert "《示例市政府信息公开办法》第二条" in response.content.decode()


def test_page_rate_limited(library, client, settings):
    settings.ASSISTANT = {**settings.ASSISTANT, "ASK_RATE": "2/m"}
    from django.core.cache import cache

    cache.clear()
    statuses = [client.get("/ask/", {"q": QUESTION}).status_code for _ in range(3)]

    assert statuses == [200, 200, 429]


def test_ask_command_json(library):
    output = io.StringIO()

    call_command("ask", QUESTION, "--json", stdout=output)

    data = json.loads(output.getvalue())
    assert data["mode"] == "extractive"
    assert data["citations"][0]["url"].endswith("#art-2")
    assert "20个工作日" in data["answer"]


def test_ask_command_text(library):
    output = io.StringIO()

    call_command("ask", QUESTION, stdout=output)

    assert "依据：" in output.getvalue()
    assert "[1] 《示例市政府信息公开办法》第二条" in output.getvalue()
