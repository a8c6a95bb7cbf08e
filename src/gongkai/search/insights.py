"""Weekly counts of public search queries, so staff can fix wording and add synonyms."""

from __future__ import annotations

import atexit
import datetime
import logging
import re
import threading
import time
from collections import defaultdict

from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from gongkai.search.models import QueryStat

logger = logging.getLogger(__name__)

LONG_NUMBER = re.compile(r"\d{6,}")
MAX_QUERY_CHARS = 100
FLUSH_SECONDS = 10.0

_lock = threading.Lock()
_pending: dict[tuple[datetime.date, str], list[int]] = defaultdict(lambda: [0, 0])
_last_flush = [0.0]


def normalise(query: str) -> str:
    """Return the query as counted: whitespace collapsed, lower case, long digit runs masked."""
    text = " ".join(query.split()).lower()
    return LONG_NUMBER.sub("#", text)[:MAX_QUERY_CHARS]


def record(query: str, total: int, today: datetime.date | None = None) -> None:
    """Count one public search for `query` that found `total` results.

    Counts gather in this process and reach the database at most every FLUSH_SECONDS, in one
    transaction, so a busy results page does not write a row per request.
    """
    text = normalise(query)
    if not text:
        return

    today = today or timezone.localdate()
    week = today - datetime.timedelta(days=today.weekday())
    with _lock:
        counts = _pending[(week, text)]
        counts[0] += 1
        counts[1] += 1 if total == 0 else 0
        due = time.monotonic() - _last_flush[0] >= FLUSH_SECONDS
    if due:
        flush()


def flush() -> None:
    """Write the counts gathered in this process."""
    with _lock:
        pending = dict(_pending)
        _pending.clear()
        _last_flush[0] = time.monotonic()
    for (week, text), (searches, zero) in pending.items():
        _add(week, text, searches, zero)


def discard() -> None:
    """Forget the counts not yet written (for tests, which roll their database back)."""
    with _lock:
        _pending.clear()
        _last_flush[0] = 0.0


def _add(week: datetime.date, text: str, searches: int, zero: int) -> None:
    try:
        with transaction.atomic():
            updated = QueryStat.objects.filter(week=week, query=text).update(
                searches=F("searches") + searches, zero_results=F("zero_results") + zero
            )
            if not updated:
                QueryStat.objects.create(week=week, query=text, searches=searches, zero_results=zero)
    except IntegrityError:
        # Another process created the row between the update and the insert; count on it.
        QueryStat.objects.filter(week=week, query=text).update(searches=F("searches") + searches, zero_results=F("zero_results") + zero)
    except DatabaseError:
        # Statistics must never break a search, so the failure is logged and the search still returns.
        logger.exception("query statistics not recorded week=%s", week)


def weekly(weeks: int = 8, limit: int = 20) -> list[dict]:
    """Return, newest week first, the most frequent queries and the most frequent queries without results."""
    flush()
    rows = []
    for week in QueryStat.objects.dates("week", "day", order="DESC")[:weeks]:
        stats = QueryStat.objects.filter(week=week)
        rows.append(
            {
                "week": week,
                "top": list(stats.order_by("-searches", "query")[:limit]),
                "zero": list(stats.filter(zero_results__gt=0).order_by("-zero_results", "query")[:limit]),
            }
        )
    return rows


@atexit.register
def _flush_at_exit() -> None:
    try:
        flush()
    except Exception:  # noqa: BLE001 - the interpreter is stopping; say what is lost and go on.
        logger.exception("query statistics lost at exit: %d queries", len(_pending))
