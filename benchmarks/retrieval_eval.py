"""Law-level retrieval quality of gongkai search on the STARD development questions.

    GONGKAI_HOME=/tmp/laws uv run python benchmarks/retrieval_eval.py [--eval ../shared/eval/stard_dev.jsonl]

The database in GONGKAI_HOME must hold the imported laws folder (`gongkai import
../shared/corpus/laws`), indexed. Each question is sent to `gongkai.search.engine.search` as a
user would type it, and the first 10 hits are scored at law level. A hit is relevant when it is
any version of a law the question cites. Versions are folded into one hit, so a law counts once.
Prints Recall@10, nDCG@10 and MRR@10 over all questions and over the administrative subset (the
questions that cite neither the Civil Code nor the Criminal Law).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_EVAL = ROOT.parent / "shared" / "eval" / "stard_dev.jsonl"
CUTOFF = 10
EXCLUDED_FROM_SUBSET = {"民法典", "刑法"}


def setup_django() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django

    django.setup()


def law_roots() -> dict[str, int]:
    """Map each source path below laws/ to the id of the first version of the document read from it."""
    from gongkai.documents.models import SourceFile

    roots = {}
    for source in SourceFile.objects.prefetch_related("documents"):
        path = source.path.split("/", 1)[1] if "/" in source.path else source.path
        for document in source.documents.all():
            roots[path] = document.version_of_id or document.pk
    return roots


def score(ranked_roots: list[int], relevant: set[int]) -> tuple[float, float, float]:
    """Return recall, nDCG and reciprocal rank at CUTOFF for binary law-level relevance."""
    top = ranked_roots[:CUTOFF]
    hits = [root in relevant for root in top]
    recall = sum(hits) / len(relevant)
    dcg = sum(1 / math.log2(rank + 2) for rank, hit in enumerate(hits) if hit)
    ideal = sum(1 / math.log2(rank + 2) for rank in range(min(len(relevant), CUTOFF)))
    reciprocal = next((1 / (rank + 1) for rank, hit in enumerate(hits) if hit), 0.0)
    return recall, dcg / ideal, reciprocal


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL, help="Questions in JSON Lines (default: the STARD development file).")
    arguments = parser.parse_args()
    if not arguments.eval.exists():
        raise SystemExit(f"{arguments.eval} not found: the evaluation data must sit in ../shared/eval beside the checkout.")

    setup_django()
    from gongkai.search.engine import SearchRequest, search

    roots = law_roots()
    questions = [json.loads(line) for line in arguments.eval.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = {"all": [], "administrative": []}
    missing = 0
    started = time.perf_counter()
    for question in questions:
        relevant = {roots[item["path"]] for item in question["relevant"] if item["path"] in roots}
        if not relevant:
            missing += 1
            continue
        response = search(SearchRequest(q=question["query"], per_page=CUTOFF, facets=False, snippets=False))
        ranked = [hit.document.version_of_id or hit.document.pk for hit in response.hits]
        figures = score(ranked, relevant)
        rows["all"].append(figures)
        if not {item["law"] for item in question["relevant"]} & EXCLUDED_FROM_SUBSET:
            rows["administrative"].append(figures)
    elapsed = time.perf_counter() - started

    print(f"questions: {len(questions)}, without an imported relevant law: {missing}, time: {elapsed:.1f} s")
    print("| Questions | n | Recall@10 | nDCG@10 | MRR@10 |")
    print("| --- | --- | --- | --- | --- |")
    for name, figures in rows.items():
        count = len(figures)
        means = [sum(values) / count for values in zip(*figures)] if count else [0.0, 0.0, 0.0]
        print(f"| {name} | {count} | {means[0]:.3f} | {means[1]:.3f} | {means[2]:.3f} |")


if __name__ == "__main__":
    main()
