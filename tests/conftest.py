"""Shared fixtures: the location of the real corpus, and a private media folder per test."""

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus"


def corpus_path(relative: str) -> Path:
    """Return a path inside ../shared/corpus, skipping the test when the corpus is absent."""
    path = CORPUS / relative
    if not path.exists():
        pytest.skip(f"../shared/corpus/{relative} is absent: the real-document corpus is not beside this checkout")
    return path


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path_factory):
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def fresh_caches():
    """Start every test with an empty cache and no query counts waiting in memory, and leave none behind."""
    from django.core.cache import cache

    from gongkai.search import insights, memory

    insights.discard()
    cache.clear()
    memory.clear_all()
    yield
    insights.discard()
