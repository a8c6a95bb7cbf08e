"""Per-process caches that live as long as one index generation (see `state`).

A search at 100,000 documents reads the same things again and again: the filter columns of every
whole document, the documents a filter allows, the documents containing a common word. Each is
kept here until the index generation changes, within a budget of bytes, least recently used
first out.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

from django.db import connection

from gongkai.search import state

_caches: list[GenerationCache] = []


class GenerationCache:
    """A least-recently-used mapping, emptied when the database or its index generation changes."""

    def __init__(self, name: str, max_bytes: int | Callable[[], int]):
        self.name = name
        self._max_bytes = max_bytes
        self._lock = threading.Lock()
        self._values: OrderedDict = OrderedDict()
        self._sizes: dict = {}
        self._bytes = 0
        self._key = None
        _caches.append(self)

    @property
    def max_bytes(self) -> int:
        return self._max_bytes() if callable(self._max_bytes) else self._max_bytes

    def get(self, key, compute: Callable, size: Callable[[object], int]):
        """Return the value for `key`, computing and storing it when absent."""
        generation = self._generation()
        with self._lock:
            if generation != self._key:
                self._reset(generation)
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]

        value = compute()
        value_size = size(value)
        max_bytes = self.max_bytes
        with self._lock:
            if generation == self._key and value_size <= max_bytes and key not in self._values:
                self._values[key] = value
                self._sizes[key] = value_size
                self._bytes += value_size
                while self._bytes > max_bytes:
                    old, _ = self._values.popitem(last=False)
                    self._bytes -= self._sizes.pop(old)
        return value

    def contains(self, key) -> bool:
        """Return whether `key` has a value for the current generation. The value may be evicted right after."""
        generation = self._generation()
        with self._lock:
            return self._key == generation and key in self._values

    def clear(self) -> None:
        with self._lock:
            self._reset(None)

    @staticmethod
    def _generation() -> tuple:
        return (connection.alias, str(connection.settings_dict["NAME"]), state.version())

    def _reset(self, generation) -> None:
        self._values.clear()
        self._sizes.clear()
        self._bytes = 0
        self._key = generation


def clear_all() -> None:
    """Empty every cache of this module (tests, and after restoring a database)."""
    for cache in _caches:
        cache.clear()
