"""Plain-text parser: text typed by hand, exported from a word processor or extracted from a PDF."""

from __future__ import annotations

import logging
from pathlib import PurePath

from charset_normalizer import from_bytes
from django.utils.translation import gettext as _

from gongkai.documents.parsing.base import Block, ParsedDocument, ParseError
from gongkai.documents.parsing.gbt9704 import build_document, join_lines

logger = logging.getLogger(__name__)


def parse(data: bytes, name: str, **options) -> list[ParsedDocument]:
    """Decode `data`, rejoin its lines into paragraphs and detect the 公文 elements.

    The title falls back to the file name (without suffix) when the text names none.
    """
    text = decode_text(data, name)
    paragraphs = blocks_with_tables(text.splitlines())
    if not paragraphs:
        raise ParseError(_("File “{name}” has no body text: check its content and import it again.").format(name=name))

    document = build_document(paragraphs, parser="text", title_hint=options.get("title", ""))
    if not document.title:
        document.title = PurePath(name).stem
        document.warnings.append(_("No title was found in the body text, so the file name is used as the title."))
    return [document]


def blocks_with_tables(lines: list[str]) -> list[Block]:
    """Rejoin `lines` into paragraphs, keeping runs of tab-separated lines as tables.

    Word processors and spreadsheets export a table as one line per row with tab-separated
    cells; two or more such lines in a row with the same number of cells become one table.
    """
    blocks: list[Block] = []
    position = 0
    for start, end in _table_runs(lines):
        blocks.extend(join_lines(lines[position:start]))
        blocks.append([[cell.strip() for cell in line.split("\t")] for line in lines[start:end]])
        position = end
    blocks.extend(join_lines(lines[position:]))
    return blocks


def _table_runs(lines: list[str]) -> list[tuple[int, int]]:
    runs = []
    index = 0
    while index < len(lines):
        width = lines[index].count("\t") + 1 if "\t" in lines[index].strip("\t ") else 0
        end = index + 1
        while width > 1 and end < len(lines) and lines[end].count("\t") + 1 == width:
            end += 1
        if width > 1 and end - index >= 2:
            runs.append((index, end))
            index = end
        else:
            index += 1
    return runs


def decode_text(data: bytes, name: str) -> str:
    """Decode text bytes whose encoding is not given: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK, or detected.

    Strict UTF-8 and GB18030 are tried before charset-normalizer, because detectors often
    misjudge short Chinese texts as another legacy encoding.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode_utf16(data, name)
    if b"\x00" in data:
        raise ParseError(
            _(
                "File “{name}” is not a text file (it contains binary content): check the file format, "
                "or import it with the suffix of its actual format."
            ).format(name=name)
        )

    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue

    best = from_bytes(data).best()
    if best is None:
        raise ParseError(
            _("The character encoding of file “{name}” was not recognised: save it as UTF-8 text and import it again.").format(
                name=name
            )
        )
    logger.info("decoded %s as %s", name, best.encoding)
    return str(best)


def _decode_utf16(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-16")
    except UnicodeDecodeError as error:
        raise ParseError(
            _("The UTF-16 encoding of file “{name}” is damaged: save it as UTF-8 text and import it again.").format(name=name)
        ) from error
