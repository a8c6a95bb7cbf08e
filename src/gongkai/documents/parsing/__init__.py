"""Format parsers. `parse(name, data)` detects the format and returns parsed documents.

Every format module exposes `parse(data: bytes, name: str) -> list[ParsedDocument | RecordFailure]`
and raises `ParseError` with a message in the active language when the whole file is unreadable.
"""

from __future__ import annotations

import importlib

from django.utils.translation import gettext as _

from gongkai.documents.parsing.base import ParsedDocument, ParseError, RecordFailure

FORMATS = {
    "text": "gongkai.documents.parsing.text",
    "markdown": "gongkai.documents.parsing.markdown",
    "jsonl": "gongkai.documents.parsing.jsonl",
    "docx": "gongkai.documents.parsing.docx",
    "pdf": "gongkai.documents.parsing.pdf",
    "html": "gongkai.documents.parsing.html",
    "ofd": "gongkai.documents.parsing.ofd",
}

SUFFIXES = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".docx": "docx",
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
    ".shtml": "html",
    ".ofd": "ofd",
}


def detect_format(name: str, data: bytes) -> str | None:
    """Return the format of a file from its suffix, or None when gongkai does not read it."""
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return SUFFIXES.get(suffix)


def parse(name: str, data: bytes, fmt: str | None = None, **options) -> list[ParsedDocument | RecordFailure]:
    """Parse `data` read from file `name` as `fmt`, or as the format its suffix names."""
    fmt = fmt or detect_format(name, data)
    if fmt not in FORMATS:
        raise ParseError(
            _("File format not recognised: use one of {suffixes}, or give the format with --format.").format(
                suffixes=", ".join(sorted(SUFFIXES))
            )
        )
    if not data.strip():
        raise ParseError(_("The file is empty: check that it is complete and import it again."))

    module = importlib.import_module(FORMATS[fmt])
    return module.parse(data, name, **options)
