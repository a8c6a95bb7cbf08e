"""Cutting documents into passages: articles (第X条) and headed sections, about 300–500 characters each.

Each passage keeps the anchor of the part it starts at, so a citation links to `#art-33` on the
document page. The embedded text is the document title, the heading path and the body, so a
passage read alone still says which law and chapter it belongs to.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction

from gongkai.assistant.models import Passage
from gongkai.core.bulk import insert_instances
from gongkai.documents.choices import PartKind
from gongkai.documents.models import Document, Part

logger = logging.getLogger(__name__)

MAX_CHARS = 500
"""A longer article or section is split at sentence boundaries into pieces of at most this many characters."""

MIN_TAIL_CHARS = 120
"""A last piece shorter than this joins the piece before it, even past MAX_CHARS."""

BATCH_DOCUMENTS = 200

_SENTENCE_END = re.compile(r"(?<=[。！？；!?;\n])")
_CLAUSE_END = re.compile(r"(?<=[，、,：:])")


@dataclass
class Draft:
    part_id: int | None
    label: str
    anchor: str
    heading_path: str
    text: str


def on_document_stored(sender, document_ids: list[int], **kwargs) -> None:
    """Rebuild the passages of documents the library has just stored or changed; `gongkai embed` embeds them."""
    rebuild(document_ids)


def rebuild(document_ids: Iterable[int]) -> int:
    """Replace the passages of these documents; return the number written."""
    ids = sorted(set(document_ids))
    written = 0
    for start in range(0, len(ids), BATCH_DOCUMENTS):
        batch = ids[start : start + BATCH_DOCUMENTS]
        with transaction.atomic():
            Passage.objects.filter(document_id__in=batch).delete()
            written += _write(batch)
    logger.info("built passages documents=%d passages=%d", len(ids), written)
    return written


def _write(document_ids: list[int]) -> int:
    titles = dict(Document.objects.filter(pk__in=document_ids).values_list("id", "title"))
    parts_by_document: dict[int, list[Part]] = {document_id: [] for document_id in titles}
    for part in Part.objects.filter(document_id__in=titles).select_related("attachment").order_by("document_id", "position"):
        parts_by_document[part.document_id].append(part)

    rows = []
    for document_id, parts in parts_by_document.items():
        for position, draft in enumerate(build_drafts(parts)):
            rows.append(
                Passage(
                    document_id=document_id,
                    part_id=draft.part_id,
                    position=position,
                    label=draft.label[:50],
                    anchor=draft.anchor,
                    heading_path=draft.heading_path[:500],
                    text=draft.text,
                    content_hash=content_hash(embedding_text(titles[document_id], draft.heading_path, draft.text)),
                )
            )
    insert_instances(rows)
    return len(rows)


def embedding_text(title: str, heading_path: str, text: str) -> str:
    """Return the text that is embedded and hashed: title, heading path and body on separate lines."""
    return "\n".join(line for line in (title, heading_path, text) if line)


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def build_drafts(parts: list[Part]) -> list[Draft]:
    """Return the passages of one document's parts in reading order: one per article, else one per headed section."""
    drafts: list[Draft] = []
    headings: list[str] = []
    section: list[Part] = []
    section_heading: Part | None = None
    attachment_id = None

    def close_section():
        if section:
            first = section_heading or section[0]
            label = section_heading.text[:50] if section_heading else ""
            body = "\n".join(_part_text(part) for part in section)
            drafts.extend(_pieces(first.id, label, first.anchor, " / ".join(headings), body))

    for part in parts:
        if part.attachment_id != attachment_id:
            close_section()
            section, section_heading, attachment_id = [], None, part.attachment_id
            headings = [f"{part.attachment.label} {part.attachment.title}".strip()] if part.attachment else []

        if part.kind == PartKind.HEADING:
            close_section()
            section, section_heading = [], part
            depth = max(part.level, 1) + (1 if part.attachment_id else 0)
            headings = headings[: depth - 1] + [part.text.strip()]
        elif part.kind == PartKind.ARTICLE:
            close_section()
            section, section_heading = [], None
            drafts.extend(_pieces(part.id, part.label, part.anchor, " / ".join(headings), part.text))
        else:
            section.append(part)
    close_section()
    return [draft for draft in drafts if draft.text.strip()]


def _part_text(part: Part) -> str:
    if part.kind == PartKind.TABLE and part.rows:
        return "\n".join(" | ".join(str(cell) for cell in row) for row in part.rows)
    return part.text


def _pieces(part_id: int | None, label: str, anchor: str, heading_path: str, text: str) -> list[Draft]:
    return [Draft(part_id, label, anchor, heading_path, piece) for piece in split_text(text.strip())]


def split_text(text: str, max_chars: int = MAX_CHARS) -> list[str]:
    """Split `text` at sentence ends into pieces of at most `max_chars`; a sentence longer than that is cut at clauses."""
    if len(text) <= max_chars:
        return [text] if text else []

    sentences = [sentence for sentence in _SENTENCE_END.split(text) if sentence.strip()]
    units: list[str] = []
    for sentence in sentences:
        units.extend(_cut_long(sentence, max_chars) if len(sentence) > max_chars else [sentence])

    pieces: list[str] = []
    current = ""
    for unit in units:
        if current and len(current) + len(unit) > max_chars:
            pieces.append(current)
            current = ""
        current += unit
    if current:
        if pieces and len(current.strip()) < MIN_TAIL_CHARS:
            pieces[-1] += current
        else:
            pieces.append(current)
    return [piece.strip() for piece in pieces if piece.strip()]


def _cut_long(sentence: str, max_chars: int) -> list[str]:
    pieces: list[str] = []
    current = ""
    for clause in _CLAUSE_END.split(sentence):
        while len(clause) > max_chars:
            pieces.append(current + clause[: max_chars - len(current)])
            clause = clause[max_chars - len(current) :]
            current = ""
        if current and len(current) + len(clause) > max_chars:
            pieces.append(current)
            current = ""
        current += clause
    if current:
        pieces.append(current)
    return pieces
