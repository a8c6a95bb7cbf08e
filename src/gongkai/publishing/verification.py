"""Public verification: does a document, file or pasted text match what the platform published and signed?"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from gongkai.documents.models import Document, SourceFile
from gongkai.documents.parsing.base import ParseError
from gongkai.publishing import checks, signing
from gongkai.publishing.models import DocumentSignature


@dataclass
class Result:
    """A published document found for the input, with the check of its signature."""

    document: Document
    verification: signing.Verification
    matched_by: str

    def as_dict(self) -> dict:
        record = self.verification.signature
        return {
            "index_number": self.document.index_number,
            "title": self.document.title,
            "publish_date": self.document.publish_date.isoformat() if self.document.publish_date else None,
            "signed_at": record.signed_at.isoformat(),
            "key_id": record.key.key_id,
            "algorithm": record.key.algorithm,
            "digest": record.digest,
            "signature_valid": self.verification.signature_valid,
            "unchanged_since_publication": self.verification.unchanged,
            "matches": self.verification.ok,
            "matched_by": self.matched_by,
        }


def by_index_number(index_number: str) -> list[Result]:
    document = Document.objects.filter(index_number=index_number.strip()).first()
    return _results([document] if document else [], "index_number")


def by_file(name: str, data: bytes) -> list[Result]:
    """Find the published documents of a file: by the SHA-256 of its bytes, else by its body text."""
    digest = hashlib.sha256(data).hexdigest()
    source = SourceFile.objects.filter(content_hash=digest).first()
    if source is not None:
        found = _results(list(source.documents.all()), "file")
        if found:
            return found

    try:
        parsed = checks.first_document(name, data)
    except ParseError:
        return []
    return _by_body(parsed.text, "text")


def by_text(text: str) -> list[Result]:
    """Find the published documents whose body is the pasted text, as a whole document or the body alone."""
    found = _by_body(text, "text")
    if found:
        return found
    try:
        parsed = checks.first_document("粘贴文本.txt", text.encode("utf-8"))
    except ParseError:
        return []
    return _by_body(parsed.text, "text")


def _by_body(text: str, matched_by: str) -> list[Result]:
    if not text.strip():
        return []
    digest = signing.body_digest(text)
    ids = DocumentSignature.objects.filter(body_digest=digest).values_list("document_id", flat=True)
    return _results(list(Document.objects.filter(pk__in=ids)), matched_by)


def _results(documents: list[Document], matched_by: str) -> list[Result]:
    results = []
    for document in documents:
        verification = signing.verify_document(document)
        if verification is not None:
            results.append(Result(document, verification, matched_by))
    return results
