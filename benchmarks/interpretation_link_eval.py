"""Top-1 accuracy of linking a policy interpretation to its policy from the interpretation's title.

Reads the development pairs of interpretations and originals and the Shanghai catalogue from
../shared, beside the checkout. Ranks every catalogue row with `gongkai.publishing.suggest.rank`.
An interpretation counts as linked when the top-ranked row is one of its originals, because an
interpretation that explains several versions lists each of them. Prints the figure and every
miss. Run: uv run python benchmarks/interpretation_link_eval.py
"""

from __future__ import annotations

import csv
import datetime
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
PAIRS = SHARED / "eval" / "shanghai_interpretation_pairs_dev.csv"
CATALOGUE = SHARED / "corpus" / "shanghai" / "catalogue.csv"


def parse_date(text: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text.strip())
    except ValueError:
        return None


def main() -> int:
    if not PAIRS.exists() or not CATALOGUE.exists():
        sys.stderr.write("../shared/eval or ../shared/corpus is absent: nothing to measure.\n")
        return 2

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django

    django.setup()
    from gongkai.publishing.suggest import Candidate, rank

    with CATALOGUE.open(encoding="utf-8") as handle:
        candidates = [
            Candidate(row["url"], row["标题"], row["发文字号"], parse_date(row["发布日期"])) for row in csv.DictReader(handle)
        ]

    originals: dict[str, set[str]] = defaultdict(set)
    dates: dict[str, datetime.date | None] = {}
    with PAIRS.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            originals[row["解读标题"]].add(row["原文url"])
            dates[row["解读标题"]] = parse_date(row["解读发布日期"])

    started = time.perf_counter()
    hits = 0
    for title, gold in originals.items():
        ranked = rank(title, candidates, dates[title])
        top = ranked[0][1] if ranked else None
        if top is not None and top.id in gold:
            hits += 1
        else:
            print(f"miss: {title} -> {top.title if top else 'no candidate'}")
    elapsed = time.perf_counter() - started

    total = len(originals)
    print(f"interpretations: {total}, catalogue rows: {len(candidates)}")
    print(f"top-1 accuracy: {hits}/{total} = {hits / total:.1%}")
    print(f"time: {elapsed:.2f} s ({elapsed / total * 1000:.0f} ms per interpretation)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
