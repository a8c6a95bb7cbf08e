"""A streaming client for OpenAI-compatible chat endpoints (Qwen, DeepSeek, GLM, vLLM, Ollama).

`stream_chat` yields the answer's text as it arrives. Connection errors, timeouts and the
statuses in RETRY_STATUSES (429, 500, 502, 503, 504 and a few others) are retried with a short
backoff until the first text arrives. After that, and for any malformed stream, it raises
`ModelError`, so the caller can fall back to an extractive answer.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterator

import httpx
from django.conf import settings

logger = logging.getLogger(__name__)

RETRIES = 2
BACKOFF_SECONDS = 0.5
MAX_RETRY_AFTER_SECONDS = 5.0
RETRY_STATUSES = {408, 409, 425, 429, 500, 502, 503, 504}
ANSWER_TIMEOUTS = 4
"""A whole answer may take this many times GONGKAI_LLM_TIMEOUT, so a trickling stream cannot hold a page open."""


class ModelError(RuntimeError):
    """The chat endpoint failed or sent something unusable; the message names the endpoint and the reason."""


def is_configured() -> bool:
    config = settings.ASSISTANT
    return bool(config["LLM_BASE_URL"] and config["LLM_MODEL"])


def stream_chat(messages: list[dict], *, temperature: float = 0.1) -> Iterator[str]:
    """Yield pieces of the model's reply to `messages`; raises `ModelError` when the endpoint fails."""
    config = settings.ASSISTANT
    url = config["LLM_BASE_URL"].rstrip("/") + "/chat/completions"
    headers = {"Authorization": f"Bearer {config['LLM_API_KEY']}"} if config["LLM_API_KEY"] else {}
    timeout = httpx.Timeout(config["LLM_TIMEOUT"], connect=min(5.0, config["LLM_TIMEOUT"]))
    body = {"model": config["LLM_MODEL"], "messages": messages, "stream": True, "temperature": temperature}
    deadline = time.monotonic() + ANSWER_TIMEOUTS * config["LLM_TIMEOUT"]

    for attempt in range(RETRIES + 1):
        started = False
        try:
            with httpx.stream("POST", url, json=body, headers=headers, timeout=timeout) as response:
                if response.status_code != 200:
                    wait = _retry_wait(response, attempt)
                    response.read()
                    raise _StatusError(response.status_code, wait)
                for piece in _read_events(response):
                    started = True
                    if time.monotonic() > deadline:
                        raise ModelError(f"chat endpoint {url} did not finish the answer within {ANSWER_TIMEOUTS * config['LLM_TIMEOUT']} s")
                    yield piece
            return
        except _StatusError as error:
            if error.status not in RETRY_STATUSES or attempt == RETRIES:
                raise ModelError(f"chat endpoint {url} returned HTTP {error.status}") from None
            logger.warning("chat endpoint returned HTTP %d, retry %d of %d", error.status, attempt + 1, RETRIES)
            time.sleep(error.wait)
        except httpx.HTTPError as error:
            if started or attempt == RETRIES:
                raise ModelError(f"chat endpoint {url} failed: {type(error).__name__}: {error}") from error
            logger.warning("chat endpoint failed (%s), retry %d of %d", type(error).__name__, attempt + 1, RETRIES)
            time.sleep(BACKOFF_SECONDS * (attempt + 1))


class _StatusError(Exception):
    def __init__(self, status: int, wait: float):
        self.status = status
        self.wait = wait


def _retry_wait(response: httpx.Response, attempt: int) -> float:
    try:
        requested = float(response.headers.get("Retry-After", ""))
    except ValueError:
        requested = 0.0
    return min(max(requested, BACKOFF_SECONDS * (attempt + 1)), MAX_RETRY_AFTER_SECONDS)


def _read_events(response: httpx.Response) -> Iterator[str]:
    """Yield the content deltas of a server-sent event stream; raises `ModelError` when it is malformed or cut short."""
    finished = False
    for line in response.iter_lines():
        if not line or line.startswith(":"):
            continue
        if not line.startswith("data:"):
            raise ModelError(f"malformed event stream line: {line[:80]!r}")
        data = line[5:].strip()
        if data == "[DONE]":
            return
        try:
            choice = json.loads(data)["choices"][0]
        except (ValueError, KeyError, IndexError, TypeError) as error:
            raise ModelError(f"malformed event stream data: {data[:80]!r}") from error
        content = (choice.get("delta") or {}).get("content")
        if content:
            yield content
        if choice.get("finish_reason"):
            finished = True
    if not finished:
        raise ModelError("event stream ended before the answer was finished")
