"""Actions on the policy library: store a parsed document, chain versions, give out 索引号.

Each action runs inside the caller's transaction and writes an audit entry for what it changed.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F, Q
from django.utils.translation import gettext

from gongkai.core import agencies, audit
from gongkai.core.bulk import insert_instances
from gongkai.core.models import Agency
from gongkai.documents.choices import Disclosure, DocType, PartKind, Validity
from gongkai.documents.models import (
    Attachment,
    Document,
    DocumentAgency,
    IndexNumberSequence,
    LegislativeEvent,
    Part,
    SourceFile,
)
from gongkai.documents.parsing import base as parsed_types
from gongkai.documents.signals import document_stored

logger = logging.getLogger(__name__)

INACTIVE_VALIDITIES = {Validity.EXPIRED, Validity.REPEALED}


class StoreResult:
    IMPORTED = "imported"
    NEW_VERSION = "new_version"
    VOLUME_ADDED = "volume_added"
    UNCHANGED = "unchanged"


@dataclass
class Stored:
    status: str
    document: Document
    warnings: list[str] = field(default_factory=list)


def fingerprint(parsed: parsed_types.ParsedDocument) -> str:
    """SHA-256 of what makes a version distinct: metadata, dates and body text."""
    payload = {
        "title": parsed.title,
        "number": parsed.document_number.canonical if parsed.document_number else "",
        "dates": [str(parsed.written_date), str(parsed.publish_date), str(parsed.effective_date), str(parsed.version_date)],
        "validity": parsed.validity,
        "volume": parsed.volume,
        "text": parsed.text,
        "attachments": [attachment.text for attachment in parsed.attachments],
    }
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def next_index_number(agency: Agency, year: int) -> str:
    """Give out the next 索引号 `{agency code}/{year}-{serial:05d}` of `agency` for `year`."""
    sequence, _ = IndexNumberSequence.objects.select_for_update().get_or_create(agency=agency, year=year)
    while True:
        sequence.last_serial += 1
        candidate = f"{agency.code}/{year}-{sequence.last_serial:05d}"
        if not Document.objects.filter(index_number=candidate).exists():
            break
    sequence.save(update_fields=["last_serial"])
    return candidate


def resolve_agencies(parsed: parsed_types.ParsedDocument, override: Agency | None) -> tuple[list[Agency], list[str]]:
    if override is not None:
        return [override], []

    found = []
    for name in parsed.agencies:
        agency, _ = agencies.resolve(name)
        if agency not in found:
            found.append(agency)
    if found:
        return found, []

    unknown = agencies.unknown()
    message = gettext("The issuing agency was not recognised, so the document was filed under “{agency}”: correct it in the admin.")
    return [unknown], [message.format(agency=unknown.name)]


def find_versions(parsed: parsed_types.ParsedDocument) -> list[Document]:
    """Return the stored versions of the text `parsed` is a version of: same 发文字号, else same title."""
    if parsed.document_number and parsed.document_number.canonical:
        query = Q(document_number=parsed.document_number.canonical)
    else:
        query = Q(title=parsed.title, document_number="")
    roots = Document.objects.filter(query).values_list("version_of_id", "id")
    root_ids = {version_of or pk for version_of, pk in roots}
    if not root_ids:
        return []
    return list(
        Document.objects.filter(Q(pk__in=root_ids) | Q(version_of_id__in=root_ids)).order_by(
            F("version_date").asc(nulls_first=True), "id"
        )
    )


def refresh_current(versions: list[Document]) -> None:
    """Mark the newest version in force as current; older versions in force become 已修订, replaced by it.

    When every version has expired or been repealed, the newest one stays current so the text is
    still shown, with its status.
    """
    ordered = sorted(versions, key=lambda doc: (doc.version_date or datetime.date.min, doc.id))
    in_force = [doc for doc in ordered if doc.validity not in INACTIVE_VALIDITIES]
    current = in_force[-1] if in_force else ordered[-1]

    for doc in ordered:
        changes = {"is_current": doc.pk == current.pk}
        if doc.pk != current.pk and doc.validity == Validity.VALID and doc in in_force:
            changes.update(validity=Validity.AMENDED, replaced_by_id=current.pk)
        if doc.pk == current.pk and doc.validity == Validity.AMENDED:
            changes.update(validity=Validity.VALID, replaced_by_id=None)
        if any(getattr(doc, key) != value for key, value in changes.items()):
            Document.objects.filter(pk=doc.pk).update(**changes)
            for key, value in changes.items():
                setattr(doc, key, value)


def build_parts(document: Document, parts: list[parsed_types.Part], start: int, attachment=None, prefix="") -> list[Part]:
    rows = []
    used_anchors = set()
    for offset, part in enumerate(parts):
        position = start + offset
        if part.kind == PartKind.ARTICLE and part.number:
            anchor = f"{prefix}art-{part.number}"
        elif part.kind == PartKind.HEADING:
            anchor = f"{prefix}sec-{position}"
        else:
            anchor = f"{prefix}p-{position}"
        if anchor in used_anchors:
            anchor = f"{anchor}-{position}"
        used_anchors.add(anchor)
        rows.append(
            Part(
                document=document,
                attachment=attachment,
                position=position,
                kind=part.kind,
                level=part.level,
                label=part.label[:50],
                number=part.number,
                anchor=anchor,
                text=part.text,
                rows=part.rows,
            )
        )
    return rows


def document_fields(parsed: parsed_types.ParsedDocument) -> dict:
    number = parsed.document_number
    return {
        "title": parsed.title[:500],
        "document_number": number.canonical if number else "",
        "document_number_original": number.original[:100] if number else "",
        "doc_type": parsed.doc_type or DocType.OTHER,
        "subject": parsed.subject[:100],
        "written_date": parsed.written_date,
        "publish_date": parsed.publish_date or parsed.written_date,
        "effective_date": parsed.effective_date,
        "validity": parsed.validity or Validity.VALID,
        "disclosure": parsed.disclosure or Disclosure.PROACTIVE,
        "classification": parsed.classification[:32],
        "urgency": parsed.urgency[:16],
        "addressees": parsed.addressees,
        "copied_to": parsed.copied_to,
        "printed_by": parsed.printed_by[:200],
        "printed_date": parsed.printed_date,
        "note": parsed.note,
        "signatories": "、".join(parsed.signatories)[:300],
        "version_date": parsed.version_date or parsed.publish_date or parsed.written_date,
        "source_url": parsed.source_url[:1000],
        "parser": parsed.parser,
        "fingerprint": fingerprint(parsed),
    }


def index_year(parsed: parsed_types.ParsedDocument) -> int:
    for date in (parsed.publish_date, parsed.written_date, parsed.version_date):
        if date:
            return date.year
    return datetime.date.today().year


def store(
    parsed: parsed_types.ParsedDocument,
    source: SourceFile,
    *,
    agency: Agency | None = None,
    actor_label: str = "gongkai import",
) -> Stored:
    """Store `parsed` as a new document, a new version of a stored one, or recognise it as unchanged.

    Runs in one transaction: on any error nothing of this document is written.
    """
    with transaction.atomic():
        if parsed.volume:
            return _store_volume(parsed, source, agency=agency, actor_label=actor_label)

        versions = find_versions(parsed)
        digest = fingerprint(parsed)
        for version in versions:
            if version.fingerprint == digest:
                version.source_files.add(source)
                return Stored(StoreResult.UNCHANGED, version)

        issuers, warnings = resolve_agencies(parsed, agency)
        document = _create(parsed, source, issuers)
        if versions:
            document.version_of_id = versions[0].version_of_id or versions[0].pk
            document.save(update_fields=["version_of"])
            refresh_current([*versions, document])

        status = StoreResult.NEW_VERSION if versions else StoreResult.IMPORTED
        record = summary(document, agency_names=[issuer.name for issuer in issuers], article_count=parsed.article_count)
        audit.record(f"document.{status}", document, actor_label=actor_label, after=record)
        announce([version.pk for version in versions] + [document.pk])
        logger.debug("stored document id=%s status=%s source=%s", document.pk, status, source.pk)
        return Stored(status, document, warnings + parsed.warnings)


def _create(parsed: parsed_types.ParsedDocument, source: SourceFile, issuers: list[Agency]) -> Document:
    fields = document_fields(parsed)
    index_number = parsed.index_number[:64]
    if not index_number or Document.objects.filter(index_number=index_number).exists():
        index_number = next_index_number(issuers[0], index_year(parsed))

    document = Document.objects.create(index_number=index_number, source_name=source.name[:300], **fields)
    document.source_files.add(source)
    DocumentAgency.objects.bulk_create(
        DocumentAgency(document=document, agency=issuer, position=position) for position, issuer in enumerate(issuers)
    )
    _add_body(document, parsed, start=0)
    LegislativeEvent.objects.bulk_create(
        LegislativeEvent(document=document, position=position, kind=event.kind, date=event.date, text=event.text[:500])
        for position, event in enumerate(parsed.events)
    )
    return document


def _add_body(document: Document, parsed: parsed_types.ParsedDocument, start: int) -> int:
    rows = build_parts(document, parsed.parts, start)
    position = start + len(rows)
    for parsed_attachment in parsed.attachments:
        attachment = Attachment.objects.create(
            document=document,
            position=document.attachments.count(),
            label=parsed_attachment.label[:50],
            title=parsed_attachment.title[:500],
            text=parsed_attachment.text,
        )
        attachment_rows = build_parts(document, parsed_attachment.parts, position, attachment, prefix=f"att{attachment.position + 1}-")
        rows.extend(attachment_rows)
        position += len(attachment_rows)
    insert_instances(rows)
    return position


def _store_volume(parsed, source, *, agency, actor_label) -> Stored:
    """Add one book of a text stored as one document (the Civil Code's 总则, 物权编 …), in article order.

    Each book starts with a level-0 heading whose `number` is the book's first article number; the
    parts of the document are rewritten in that order. A book already present is replaced.
    """
    document = Document.objects.filter(title=parsed.title, is_current=True).order_by("-id").first()
    warnings = []
    status = StoreResult.VOLUME_ADDED
    if document is None:
        issuers, warnings = resolve_agencies(parsed, agency)
        document = _create_empty(parsed, source, issuers)
        status = StoreResult.IMPORTED

    heading = parsed_types.Part(kind=PartKind.HEADING, text=parsed.volume, level=0, label=parsed.volume, number=parsed.volume_order)
    books = _split_books(document)
    books[parsed.volume] = (parsed.volume_order or 0, [heading, *parsed.parts])
    before = document.parts.count()
    document.parts.all().delete()
    position = 0
    for _order, parts in sorted(books.values(), key=lambda book: book[0]):
        rows = build_parts(document, parts, position)
        insert_instances(rows)
        position += len(rows)

    document.source_files.add(source)
    document.fingerprint = hashlib.sha256((document.fingerprint + fingerprint(parsed)).encode()).hexdigest()
    document.save(update_fields=["fingerprint", "updated_at"])
    announce([document.pk])
    audit.record(
        "document.volume_added",
        document,
        actor_label=actor_label,
        before={"parts": before},
        after={"volume": parsed.volume, "parts": position},
    )
    return Stored(status, document, warnings + parsed.warnings)


def _create_empty(parsed, source, issuers) -> Document:
    body_less = parsed_types.ParsedDocument(
        title=parsed.title,
        parser=parsed.parser,
        agencies=parsed.agencies,
        doc_type=parsed.doc_type,
        publish_date=parsed.publish_date,
        effective_date=parsed.effective_date,
        version_date=parsed.version_date,
        validity=parsed.validity,
        events=parsed.events,
        source_url=parsed.source_url,
    )
    return _create(body_less, source, issuers)


def _split_books(document: Document) -> dict[str, tuple[int, list[parsed_types.Part]]]:
    books: dict[str, tuple[int, list[parsed_types.Part]]] = {}
    current = None
    for part in document.parts.order_by("position"):
        as_parsed = parsed_types.Part(
            kind=part.kind, text=part.text, level=part.level, label=part.label, number=part.number, rows=part.rows
        )
        if part.kind == PartKind.HEADING and part.level == 0:
            current = part.label
            books[current] = (part.number or 0, [])
        if current is not None:
            books[current][1].append(as_parsed)
    return books


_batches = threading.local()


@contextmanager
def batched_announcements(size: int = 200):
    """Collect `document_stored` announcements and send them `size` documents at a time.

    A bulk import stores thousands of documents in one transaction each. Listeners such as the
    search index work much faster on a few large batches than on one small batch per document.
    """
    _batches.pending = []
    _batches.size = size
    try:
        yield
    finally:
        pending, _batches.pending = _batches.pending, None
        if pending:
            document_stored.send(sender=Document, document_ids=pending)


def announce(document_ids: list[int]) -> None:
    """Send `document_stored` for these documents once the current transaction commits."""
    transaction.on_commit(lambda: _send(document_ids))


def _send(document_ids: list[int]) -> None:
    pending = getattr(_batches, "pending", None)
    if pending is None:
        document_stored.send(sender=Document, document_ids=document_ids)
        return

    pending.extend(document_ids)
    if len(pending) >= _batches.size:
        _batches.pending = []
        document_stored.send(sender=Document, document_ids=pending)


def summary(document: Document, agency_names: list[str] | None = None, article_count: int | None = None) -> dict:
    """Build the export record of a document: the keys of `gongkai export`, JSON-ready.

    Callers that already know the agency names and the article count pass them to save queries.
    """
    if agency_names is None:
        agency_names = [link.agency.name for link in document.agency_links.all()]
    if article_count is None:
        article_count = document.parts.filter(kind=PartKind.ARTICLE).count()
    return {
        "id": document.pk,
        "title": document.title,
        "document_number": document.document_number,
        "agencies": agency_names,
        "doc_type": document.doc_type,
        "written_date": _iso(document.written_date),
        "publish_date": _iso(document.publish_date),
        "effective_date": _iso(document.effective_date),
        "validity": document.validity,
        "disclosure": document.disclosure,
        "index_number": document.index_number,
        "is_current": document.is_current,
        "version_of": document.version_of_id,
        "source": document.source_name,
        "source_url": document.source_url,
        "article_count": article_count,
    }


def _iso(date: datetime.date | None) -> str | None:
    return date.isoformat() if date else None
