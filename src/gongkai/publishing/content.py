"""The content of a draft as a file: read it, parse it and turn it into checkable material."""

from __future__ import annotations

from gongkai.documents.parsing.base import ParsedDocument
from gongkai.publishing import checks
from gongkai.publishing.choices import DraftKind, DraftStatus
from gongkai.publishing.models import Draft, Interpretation

TYPED_TEXT_NAME = "正文.txt"
INACTIVE_STATUSES = (DraftStatus.WITHHELD, DraftStatus.WITHDRAWN)


def draft_file(draft: Draft) -> tuple[str, bytes]:
    """Return the file name and bytes of the draft: its upload, or its typed text as UTF-8 text."""
    if draft.upload:
        with draft.upload.open("rb") as handle:
            return draft.upload_name or draft.upload.name, handle.read()
    return TYPED_TEXT_NAME, draft.text.encode("utf-8")


def parse_draft(draft: Draft) -> ParsedDocument:
    name, data = draft_file(draft)
    return checks.first_document(name, data)


def has_interpretation(draft: Draft) -> bool:
    """Return True when an interpretation accompanies the policy draft, as a draft or, for a correction, already published."""
    if draft.interpretation_drafts.exclude(status__in=INACTIVE_STATUSES).exists():
        return True
    return draft.corrects_id is not None and Interpretation.objects.filter(policy_id=draft.corrects_id).exists()


def draft_material(draft: Draft) -> checks.Material:
    name, data = draft_file(draft)
    material = checks.material_from_file(
        name,
        data,
        disclosure=draft.disclosure,
        is_interpretation=draft.kind == DraftKind.INTERPRETATION,
        has_interpretation=has_interpretation(draft),
    )
    material.title = draft.title
    return material
