"""The generation of the search index: a number that changes whenever search results may change."""

from __future__ import annotations

import threading
from contextlib import contextmanager

from django.db.models import F
from django.utils import timezone

from gongkai.search.models import IndexState

STATE_ID = 1

_pinned = threading.local()


def bump(**kwargs) -> None:
    """Start a new generation, in the caller's transaction; also a signal receiver, hence **kwargs."""
    updated = IndexState.objects.filter(pk=STATE_ID).update(generation=F("generation") + 1, changed_at=timezone.now())
    if not updated:
        IndexState.objects.get_or_create(pk=STATE_ID, defaults={"generation": 1})


def version() -> str:
    """Return a key for the current state of the index, for cache keys.

    The time of the change is part of it: a rolled-back transaction takes the generation back,
    and the next change then reaches the same number again with different contents. Inside
    `pinned()` the key read on entry is returned without asking the database again.
    """
    value = getattr(_pinned, "value", None)
    return value if value is not None else _read()


@contextmanager
def pinned():
    """Read the version once for a block that only reads the index. A search would query it dozens of times."""
    if getattr(_pinned, "value", None) is not None:
        yield
        return
    _pinned.value = _read()
    try:
        yield
    finally:
        _pinned.value = None


def _read() -> str:
    row = IndexState.objects.filter(pk=STATE_ID).values_list("generation", "changed_at").first()
    return f"{row[0]}-{row[1].timestamp():.6f}" if row else "0"
