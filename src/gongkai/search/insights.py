"""Weekly counts of public search queries, so staff can fix wording and add synonyms."""

from __future__ import annotations

import datetime
import logging
import re

from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from gongkai.search.models import QueryStat

logger = logging.getLogger(__name__)

LONG_NUMBER = re.compile(r"\d{6,}")
MAX_QUERY_CHARS = 100


def normalise(query: str) -> str:
    """Return the query as counted: whitespace collapsed, lower case, long digit runs masked."""
    text = " ".join(query.split()).lower()
    return LONG_NUMBER.sub("#", text)[:MAX_QUERY_CHARS]


def record(query: str, total: int, today: datetime.date | None = None) -> None:
    """Count one public search for `query` that found `total` results."""
    text = normalise(query)
    if not text:
        return

    today = today or timezone.localdate()
    week = today - datetime.timedelta(days=today.weekday())
    zero = 1 if total == 0 else 0
    try:
        with transaction.atomic():
            updated = QueryStat.objects.filter(week=week, query=text).update(
                searches=F("searches") + 1, zero_results=F("zero_results") + zero
            )
            if not updated:
                QueryStat.objects.create(week=week, query=text, searches=1, zero_results=zero)
    except IntegrityError:
        # Another request created the row between the update and the insert; count on it.
        QueryStat.objects.filter(week=week, query=text).update(searches=F("searches") + 1, zero_results=F("zero_results") + zero)
    except DatabaseError:
        # Statistics must never break a search, so the failure is logged and the search still returns.
        logger.exception("query statistics not recorded week=%s", week)


def weekly(weeks: int = 8, limit: int = 20) -> list[dict]:
    """Return, newest week first, the most frequent queries and the most frequent queries without results."""
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
