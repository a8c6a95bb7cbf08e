"""Signatures over published documents: canonical form, platform keys, signing and verification.

Ed25519 (RFC 8032) through `cryptography`, which has no SM2. The 国密 pair SM2 with SM3 was
considered: gmssl 3.2.2, the pure-Python SM2 package on PyPI (last release February 2023),
draws the SM2 signing nonce from `random.choice`. That nonce is predictable, so signatures
made with it would leak the private key.

The canonical form is JSON with sorted keys and no spaces, UTF-8: the metadata fixed at
publication, the body parts in order and a SHA-256 per attachment. Validity is left out, because
declaring a document 失效 later does not change what was published.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core import audit
from gongkai.core.text import to_half_width
from gongkai.documents.models import Document
from gongkai.publishing.models import DocumentSignature, SigningKey

logger = logging.getLogger(__name__)

ALGORITHM = "ed25519"


class SigningKeyMissing(Exception):
    """The private key file of the active signing key is not in the data folder."""


def key_folder() -> Path:
    return Path(settings.HOME) / "signing-keys"


def _key_path(key_id: str) -> Path:
    return key_folder() / f"{key_id}.pem"


def generate_key(*, actor_label: str) -> SigningKey:
    """Create a new signing key, store its private half with mode 0600 and retire the active one."""
    private = Ed25519PrivateKey.generate()
    raw_public = private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    key_id = f"{ALGORITHM}-{hashlib.sha256(raw_public).hexdigest()[:16]}"

    folder = key_folder()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    pem = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    descriptor = os.open(_key_path(key_id), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(pem)

    with transaction.atomic():
        previous = list(SigningKey.objects.filter(retired_at__isnull=True))
        SigningKey.objects.filter(pk__in=[key.pk for key in previous]).update(retired_at=timezone.now())
        key = SigningKey.objects.create(key_id=key_id, algorithm=ALGORITHM, public_key=base64.b64encode(raw_public).decode())
        audit.record(
            "signing_key.generate",
            key,
            actor_label=actor_label,
            before={"active": [old.key_id for old in previous]},
            after={"active": key.key_id},
        )
    logger.info("generated signing key %s, retired %s", key_id, [old.key_id for old in previous])
    return key


def active_key() -> SigningKey | None:
    return SigningKey.objects.filter(retired_at__isnull=True).order_by("-created_at", "-id").first()


def _private_key(key: SigningKey) -> Ed25519PrivateKey:
    path = _key_path(key.key_id)
    try:
        data = path.read_bytes()
    except FileNotFoundError as error:
        message = _("Signing key file {path} not found: restore it, or run gongkai signing-key rotate to create a new key.")
        raise SigningKeyMissing(message.format(path=path)) from error
    return serialization.load_pem_private_key(data, password=None)


def canonical_form(document: Document) -> dict:
    """Return the canonical form of `document`: published metadata, body parts and attachment hashes."""
    body = [
        {"kind": part.kind, "label": part.label, "text": part.text, "rows": part.rows}
        for part in document.parts.filter(attachment__isnull=True).order_by("position")
    ]
    attachments = []
    for attachment in document.attachments.order_by("position"):
        text = "\n".join(part.text for part in attachment.parts.order_by("position"))
        entry = {"label": attachment.label, "title": attachment.title, "text_sha256": _sha256(text.encode("utf-8"))}
        if attachment.file:
            with attachment.file.open("rb") as handle:
                entry["file_sha256"] = _sha256(handle.read())
        attachments.append(entry)

    return {
        "index_number": document.index_number,
        "title": document.title,
        "document_number": document.document_number,
        "agencies": [link.agency.name for link in document.agency_links.select_related("agency")],
        "doc_type": document.doc_type,
        "subject": document.subject,
        "written_date": _iso(document.written_date),
        "publish_date": _iso(document.publish_date),
        "effective_date": _iso(document.effective_date),
        "disclosure": document.disclosure,
        "addressees": document.addressees,
        "signatories": document.signatories,
        "note": document.note,
        "body": body,
        "attachments": attachments,
    }


def canonical_bytes(form: dict) -> bytes:
    return json.dumps(form, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def body_digest(text: str) -> str:
    """SHA-256 of body text with whitespace removed and full-width digits and letters made half-width.

    Text pasted from a page or re-read from the original file then finds the published document
    although its line breaks and spaces differ.
    """
    return _sha256(re.sub(r"\s+", "", to_half_width(text)).encode("utf-8"))


def document_body_text(document: Document) -> str:
    return "\n".join(document.parts.filter(attachment__isnull=True).order_by("position").values_list("text", flat=True))


def sign(document: Document, *, actor_label: str) -> DocumentSignature:
    """Sign the canonical form of `document` with the active key, generating the first key when there is none."""
    key = active_key() or generate_key(actor_label=actor_label)
    data = canonical_bytes(canonical_form(document))
    signature = _private_key(key).sign(data)
    return DocumentSignature.objects.create(
        document=document,
        key=key,
        canonical=data.decode("utf-8"),
        digest=_sha256(data),
        body_digest=body_digest(document_body_text(document)),
        signature=base64.b64encode(signature).decode(),
    )


@dataclass
class Verification:
    """The result of checking a stored signature against the document as it is stored now."""

    signature: DocumentSignature
    signature_valid: bool
    unchanged: bool

    @property
    def ok(self) -> bool:
        return self.signature_valid and self.unchanged


def verify_signature(record: DocumentSignature) -> bool:
    """Return True when `record.signature` is the key's valid signature of `record.canonical`."""
    public = Ed25519PublicKey.from_public_bytes(base64.b64decode(record.key.public_key))
    try:
        public.verify(base64.b64decode(record.signature), record.canonical.encode("utf-8"))
    except InvalidSignature:
        return False
    return True


def verify_document(document: Document) -> Verification | None:
    """Check the newest signature of `document` and whether the stored document still matches it."""
    record = document.signatures.select_related("key").order_by("-signed_at", "-id").first()
    if record is None:
        return None
    unchanged = _sha256(canonical_bytes(canonical_form(document))) == record.digest
    return Verification(record, verify_signature(record), unchanged)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _iso(date) -> str | None:
    return date.isoformat() if date else None
