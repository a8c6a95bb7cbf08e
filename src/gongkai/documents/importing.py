"""`gongkai import`: files, folders and globs into the library, one transaction per document.

A file that fails is reported with its name and reason and the rest is imported. Re-importing a
file whose SHA-256 is already stored reports it unchanged and writes nothing.
"""

from __future__ import annotations

import glob
import hashlib
import logging
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from gongkai.core.models import Agency
from gongkai.documents import library, parsing
from gongkai.documents.models import SourceFile
from gongkai.documents.parsing.base import NotADocument, ParsedDocument, ParseError, RecordFailure

logger = logging.getLogger(__name__)


class Status:
    IMPORTED = library.StoreResult.IMPORTED
    NEW_VERSION = library.StoreResult.NEW_VERSION
    VOLUME_ADDED = library.StoreResult.VOLUME_ADDED
    UNCHANGED = library.StoreResult.UNCHANGED
    SKIPPED = "skipped"
    FAILED = "failed"
    WOULD_IMPORT = "would_import"


@dataclass
class Outcome:
    """The result of importing one file, or one record of a multi-record file."""

    name: str
    status: str
    message: str = ""
    document_ids: list[int] = field(default_factory=list)


@dataclass
class Candidate:
    path: Path
    name: str


@dataclass
class ImportReport:
    outcomes: list[Outcome] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)

    @property
    def counts(self) -> Counter:
        return Counter(outcome.status for outcome in self.outcomes)

    @property
    def failures(self) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if outcome.status == Status.FAILED]


def collect(arguments: list[str]) -> tuple[list[Candidate], list[Outcome]]:
    """Expand files, folders (recursively) and globs into files, each with a name relative to its argument.

    The name keeps the argument folder's own name (`laws/行政法规/x.md`) because parsers read the
    category of a law from its folders.
    """
    candidates: list[Candidate] = []
    missing: list[Outcome] = []
    for argument in arguments:
        matches = [Path(match) for match in sorted(glob.glob(argument, recursive=True))] or [Path(argument)]
        for path in matches:
            if path.is_dir():
                candidates.extend(
                    Candidate(file, str(Path(path.resolve().name) / file.relative_to(path)))
                    for file in sorted(path.rglob("*"))
                    if file.is_file()
                )
            elif path.is_file():
                candidates.append(Candidate(path, path.name))
            else:
                missing.append(Outcome(argument, Status.FAILED, _("File or folder not found: check the path.")))
    return candidates, missing


def import_paths(
    arguments: list[str],
    *,
    fmt: str | None = None,
    agency: Agency | None = None,
    dry_run: bool = False,
    ocr: bool = False,
    progress=None,
) -> ImportReport:
    candidates, missing = collect(arguments)
    report = ImportReport(outcomes=missing)
    with library.batched_announcements():
        for number, candidate in enumerate(progress(candidates) if progress else candidates, start=1):
            for outcome, warnings in import_file(candidate, fmt=fmt, agency=agency, dry_run=dry_run, ocr=ocr):
                report.outcomes.append(outcome)
                report.warnings.extend((outcome.name, warning) for warning in warnings)
                if outcome.status == Status.FAILED:
                    logger.warning("import failed file=%s reason=%s", outcome.name, outcome.message)
            if progress is None and number % 500 == 0:
                logger.info("import progress files=%s of %s", number, len(candidates))
    return report


def import_file(candidate: Candidate, *, fmt=None, agency=None, dry_run=False, ocr=False):
    """Yield (Outcome, warnings) for each record of one file."""
    name = candidate.name
    chosen = fmt or parsing.detect_format(name, b"")
    if chosen is None:
        yield Outcome(name, Status.SKIPPED, _("Not a file format that can be imported; skipped.")), []
        return

    size = candidate.path.stat().st_size
    if size > settings.MAX_IMPORT_BYTES:
        limit = settings.MAX_IMPORT_BYTES // (1024 * 1024)
        message = _(
            "File size {size} MB exceeds the limit of {limit} MB: split the file, or raise GONGKAI_MAX_IMPORT_MB."
        ).format(size=f"{size / 1024 / 1024:.1f}", limit=limit)
        yield Outcome(name, Status.FAILED, message), []
        return

    data = candidate.path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    known = SourceFile.objects.filter(content_hash=digest).first()
    if known is not None:
        yield Outcome(name, Status.UNCHANGED, "", list(known.documents.values_list("pk", flat=True))), []
        return

    try:
        results = parsing.parse(name, data, chosen, ocr=ocr)
    except NotADocument as reason:
        yield Outcome(name, Status.SKIPPED, str(reason)), []
        return
    except ParseError as error:
        yield Outcome(name, Status.FAILED, str(error)), []
        return

    documents = [result for result in results if isinstance(result, ParsedDocument)]
    for failure in (result for result in results if isinstance(result, RecordFailure)):
        yield Outcome(f"{name} {failure.label}", Status.FAILED, failure.message), []
    if dry_run:
        for parsed in documents:
            yield Outcome(name, Status.WOULD_IMPORT, parsed.title), parsed.warnings
        return

    source = None
    for number, parsed in enumerate(documents, start=1):
        # Translators: names one record of a file that contains several, such as a JSON Lines file.
        label = name if len(documents) == 1 else _("{name} record {number}").format(name=name, number=number)
        try:
            with transaction.atomic():
                source = source or _source_file(candidate, data, digest, chosen)
                stored = library.store(parsed, source, agency=agency)
        except (DatabaseError, ValueError) as error:
            # One record's failure must not stop the others; the reason is reported, not swallowed.
            logger.exception("storing failed file=%s record=%s", name, number)
            message = _("Saving failed: {error}. The other files are not affected; fix the problem and import again.")
            yield Outcome(label, Status.FAILED, message.format(error=error)), []
            source = None
            continue
        yield Outcome(label, stored.status, stored.document.title, [stored.document.pk]), stored.warnings


def _source_file(candidate: Candidate, data: bytes, digest: str, parser: str) -> SourceFile:
    """Store the original bytes under MEDIA_ROOT/originals/<hash>/ and record the file.

    The folder is named by the SHA-256, so the name is unique without the storage API's
    existence checks, which cost more than the write on a bulk import.
    """
    source = SourceFile.objects.filter(content_hash=digest).first()
    if source is not None:
        return source

    relative = f"originals/{digest[:2]}/{digest}/{candidate.path.name[-150:]}"
    target = Path(settings.MEDIA_ROOT) / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return SourceFile.objects.create(
        content_hash=digest,
        name=candidate.path.name[:300],
        path=candidate.name[:1000],
        size=len(data),
        parser=parser,
        original=relative,
    )
