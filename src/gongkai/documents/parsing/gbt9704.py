"""Detection of the official elements of a 公文 (GB/T 9704-2012) in plain text.

STUB: the signatures below are the contract used by every format parser; the bodies are being written.
"""

from __future__ import annotations

from gongkai.documents.parsing.base import Block, DocumentNumber, ParsedDocument


def parse_document_number(text: str) -> DocumentNumber | None:
    """Find a 发文字号 in `text` in any common spelling and return it with its canonical 〔〕 form."""
    raise NotImplementedError


def join_lines(lines: list[str]) -> list[str]:
    """Strip page marks and rejoin visual lines (PDF, OFD, text from PDFs) into paragraphs."""
    raise NotImplementedError


def build_document(blocks: list[Block], parser: str, title_hint: str = "") -> ParsedDocument:
    """Detect 版头, 主体 and 版记 elements in `blocks` and structure the body into parts and attachments."""
    raise NotImplementedError
