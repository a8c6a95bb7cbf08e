"""Suggest the policy an interpretation (政策解读) explains, from the interpretation's title.

The title usually names the policy in 《》 (《上海市消毒管理办法》政策解读) or cites its
发文字号. A candidate with the same 发文字号 scores highest. Next comes a title that is the name
or contains it in 《》, then a title that contains the name. Other titles score by the share of
the name's character bigrams they contain. Among equal scores the policy published closest to
the interpretation's date wins, because an interpretation appears with the version it explains.

Interpretations are never candidates, with one exception. A video or audio interpretation is often
made from a graphic or text interpretation published the same day under the identically spelt
name (视频：数字解读《…》 beside 一图读懂《…》), and portals link it to that interpretation, which in
turn explains the policy. Such a companion outranks a policy matched by name only.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.db.models import Q

from gongkai.documents.choices import Disclosure
from gongkai.documents.models import Document
from gongkai.documents.parsing.gbt9704 import parse_document_number

NAME_IN_BRACKETS = re.compile(r"《([^《》]+)》")
INVISIBLE = re.compile(r"[\s\u200b\u200c\u200d\ufeff]+")
DASHES = re.compile(r"[-‐‑–—―－~～]+")
# Words around a policy name in an interpretation title that are not part of the name.
TITLE_NOISE = re.compile(
    r"^(?:视频|图解|图文|数字解读|一图读懂|一图看懂|解读|关于|[:：])+|(?:的)?(?:政策)?(?:部门|专家|文字|图文|图片|视频|数字)?(?:解读|图解|问答|解答)(?:问答)?$"
)
INTERPRETATION_TITLE = re.compile(r"解读|图解|一图读懂|一图看懂|(?:问答|解答)$")
MEDIA_INTERPRETATION_TITLE = re.compile(r"^(?:视频|音频|动画|微视频)|(?:视频|音频|动画)解读")
SCORE_NUMBER = 100.0
SCORE_COMPANION = 80.0
SCORE_EXACT = 60.0
SCORE_CONTAINS = 40.0
SCORE_BIGRAMS = 30.0


@dataclass(frozen=True)
class Candidate:
    """A policy that may be the one interpreted: an id (a document pk or a URL), its title, number and date."""

    id: object
    title: str
    document_number: str = ""
    publish_date: datetime.date | None = None


def normalise(title: str) -> str:
    """Remove spaces and zero-width characters and write every dash as -, as titles spell 2021—2023 both ways."""
    return DASHES.sub("-", INVISIBLE.sub("", title))


def policy_names(title: str) -> list[str]:
    """Return the policy names an interpretation title gives: the 《》 contents, else the title without 解读 words."""
    title = normalise(title)
    names = [name for name in NAME_IN_BRACKETS.findall(title) if len(name) >= 4]
    if names:
        return names
    bare = TITLE_NOISE.sub("", TITLE_NOISE.sub("", title))
    return [bare] if len(bare) >= 4 else []


def is_interpretation_title(title: str) -> bool:
    """Return True for a title of an interpretation, which is never itself the policy interpreted."""
    return bool(INTERPRETATION_TITLE.search(normalise(title)))


def is_media_interpretation_title(title: str) -> bool:
    """Return True for a video or audio interpretation, which may explain a companion interpretation."""
    return bool(MEDIA_INTERPRETATION_TITLE.search(INVISIBLE.sub("", title)))


def is_companion(title: str, date: datetime.date | None, candidate: Candidate) -> bool:
    """Return True when `candidate` is the same-day, identically named interpretation a media one is made from."""
    if date is None or candidate.publish_date != date or is_media_interpretation_title(candidate.title):
        return False
    names = set(NAME_IN_BRACKETS.findall(INVISIBLE.sub("", title)))
    return bool(names & set(NAME_IN_BRACKETS.findall(INVISIBLE.sub("", candidate.title))))


def score(names: list[str], number: str, candidate: Candidate) -> float:
    title = normalise(candidate.title)
    if number and candidate.document_number and number == candidate.document_number:
        return SCORE_NUMBER

    best = 0.0
    for name in names:
        if title == name or f"《{name}》" in title:
            best = max(best, SCORE_EXACT)
        elif name in title:
            best = max(best, SCORE_CONTAINS)
        else:
            best = max(best, SCORE_BIGRAMS * _bigram_share(name, title))
    return best


def _bigram_share(name: str, title: str) -> float:
    wanted = {name[index : index + 2] for index in range(len(name) - 1)}
    if not wanted:
        return 0.0
    present = {title[index : index + 2] for index in range(len(title) - 1)}
    return len(wanted & present) / len(wanted)


def rank(title: str, candidates: list[Candidate], date: datetime.date | None = None) -> list[tuple[float, Candidate]]:
    """Return the candidates with a positive score, best first."""
    names = policy_names(title)
    number = parse_document_number(title)
    canonical = number.canonical if number and number.agency_code else ""

    scored = [(score(names, canonical, candidate), candidate) for candidate in candidates if not is_interpretation_title(candidate.title)]
    if is_media_interpretation_title(title):
        scored += [
            (SCORE_COMPANION, candidate)
            for candidate in candidates
            if is_interpretation_title(candidate.title) and normalise(candidate.title) != normalise(title) and is_companion(title, date, candidate)
        ]
    scored = [(value, candidate) for value, candidate in scored if value > 0]
    return sorted(scored, key=lambda item: (-item[0], _distance(item[1].publish_date, date)))


def _distance(published: datetime.date | None, date: datetime.date | None) -> int:
    if published is None or date is None:
        return 10**6
    return abs((date - published).days)


def suggest_policies(title: str, date: datetime.date | None = None, limit: int = 5) -> list[Document]:
    """Return the published policies the interpretation titled `title` most likely explains, best first."""
    names = policy_names(title)
    number = parse_document_number(title)
    query = Q()
    for name in names:
        query |= Q(title__contains=name)
    if number and number.agency_code:
        query |= Q(document_number=number.canonical)
    if not query:
        return []

    documents = Document.objects.filter(query, disclosure=Disclosure.PROACTIVE)
    if not is_media_interpretation_title(title):
        documents = documents.exclude(interpreted_policies__isnull=False)
    documents = documents[:500]
    candidates = [Candidate(document.pk, document.title, document.document_number, document.publish_date) for document in documents]
    by_id = {document.pk: document for document in documents}
    return [by_id[candidate.id] for _, candidate in rank(title, candidates, date)[:limit]]
