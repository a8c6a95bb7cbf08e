"""DOCX parser: body paragraphs, tables and text boxes in document order.

python-docx opens the package and gives the core properties, but its `Document.paragraphs` skips
text boxes (`w:txbxContent`), where the red head (发文机关标志) of a 公文 is often placed, and
content controls (`w:sdt`). The body is therefore walked as XML here.
"""

from __future__ import annotations

import io
import logging
import zipfile

import docx
from django.utils.translation import gettext as _
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from gongkai.documents.parsing import gbt9704
from gongkai.documents.parsing.base import Block, ParsedDocument, ParseError

logger = logging.getLogger(__name__)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"

P = f"{{{W}}}p"
TBL = f"{{{W}}}tbl"
TR = f"{{{W}}}tr"
TC = f"{{{W}}}tc"
SDT = f"{{{W}}}sdt"
SDT_CONTENT = f"{{{W}}}sdtContent"
TEXT_BOX = f"{{{W}}}txbxContent"
FALLBACK = f"{{{MC}}}Fallback"
V_MERGE = f"{{{W}}}vMerge"
VAL = f"{{{W}}}val"

# Run content that becomes text. Deleted text (w:delText) and field codes (w:instrText) are
# other tags, so tracked deletions and field instructions are left out.
TEXT_TAGS = {
    f"{{{W}}}t": None,
    f"{{{W}}}tab": "\t",
    f"{{{W}}}br": "\n",
    f"{{{W}}}cr": "\n",
    f"{{{W}}}noBreakHyphen": "-",
}


def parse(data: bytes, name: str, **options) -> list[ParsedDocument]:
    """Parse a DOCX file into one document, keeping tables as rows of cells."""
    document = _open(data)

    blocks = body_blocks(document.element.body)
    if not any(blocks):
        raise ParseError(
            _(
                "The DOCX file has no body text: check whether its content is images, "
                "or save it as a new file in Word or WPS and import that."
            )
        )

    title_hint = (document.core_properties.title or "").strip()
    parsed = gbt9704.build_document(blocks, parser="docx", title_hint=title_hint)
    logger.debug("parsed DOCX %s: %d blocks", name, len(blocks))
    return [parsed]


def _open(data: bytes) -> docx.document.Document:
    try:
        return docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, EOFError) as error:
        raise ParseError(
            _(
                "Cannot read the DOCX file: it is damaged or incomplete ({error}). "
                "Open it in Word or WPS, save it again, then import it."
            ).format(error=error)
        ) from error
    except ValueError as error:
        # python-docx raises ValueError for a package whose main part is not a Word document
        # (an .xlsx renamed to .docx, for example). Its message names the in-memory file object,
        # so only the log keeps it.
        logger.info("DOCX package is not a Word document: %s", error)
        raise ParseError(
            _("Cannot read the DOCX file: it is not a Word document. Open it in Word or WPS, save it as .docx, then import it.")
        ) from error
    except etree.XMLSyntaxError as error:
        raise ParseError(
            _(
                "Cannot read the DOCX file: word/document.xml is not valid XML ({error}). "
                "Open it in Word or WPS, save it again, then import it."
            ).format(error=error)
        ) from error


def body_blocks(container: etree._Element) -> list[Block]:
    """Return the paragraphs and tables of a body, cell or text box in document order.

    A text box is read where it is anchored, before the text of its anchor paragraph.
    Empty paragraphs are dropped.
    """
    blocks: list[Block] = []
    for element in container:
        if element.tag == P:
            blocks.extend(_paragraph_blocks(element))
        elif element.tag == TBL:
            blocks.append(table_rows(element))
        elif element.tag == SDT:
            content = element.find(SDT_CONTENT)
            if content is not None:
                blocks.extend(body_blocks(content))
    return blocks


def _paragraph_blocks(paragraph: etree._Element) -> list[Block]:
    pieces: list[str] = []
    boxes: list[etree._Element] = []
    _collect_runs(paragraph, pieces, boxes)

    blocks: list[Block] = []
    for box in boxes:
        blocks.extend(body_blocks(box))

    text = "".join(pieces).strip()
    if text:
        blocks.append(text)
    return blocks


def _collect_runs(element: etree._Element, pieces: list[str], boxes: list[etree._Element]) -> None:
    """Gather the paragraph's own text into `pieces` and its text boxes into `boxes`.

    mc:Fallback repeats the content of mc:Choice (a DrawingML text box is stored again as a VML
    one for old readers), so it is skipped to read each box once.
    """
    for child in element:
        if child.tag == FALLBACK:
            continue
        if child.tag == TEXT_BOX:
            boxes.append(child)
            continue
        if child.tag in TEXT_TAGS:
            replacement = TEXT_TAGS[child.tag]
            pieces.append(child.text or "" if replacement is None else replacement)
            continue
        _collect_runs(child, pieces, boxes)


def table_rows(table: etree._Element) -> list[list[str]]:
    """Return a table as rows of cell texts, each merged cell once.

    A horizontally merged cell (w:gridSpan) is one w:tc and gives one cell. A vertically merged
    cell keeps its text in the first row and gives an empty cell in the rows it continues into,
    so that columns stay aligned.
    """
    rows: list[list[str]] = []
    for row in _table_children(table, TR):
        cells = [_cell_text(cell) for cell in _table_children(row, TC)]
        if any(cells):
            rows.append(cells)
    return rows


def _table_children(parent: etree._Element, tag: str) -> list[etree._Element]:
    """Direct children with `tag`, including those wrapped in a content control (w:sdt)."""
    found = []
    for child in parent:
        if child.tag == tag:
            found.append(child)
        elif child.tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None:
                found.extend(_table_children(content, tag))
    return found


def _cell_text(cell: etree._Element) -> str:
    merge = cell.find(f"{{{W}}}tcPr/{V_MERGE}")
    if merge is not None and merge.get(VAL, "continue") == "continue":
        return ""

    lines = []
    for block in body_blocks(cell):
        if isinstance(block, str):
            lines.append(block)
        else:
            lines.extend("\t".join(row) for row in block)
    return "\n".join(lines)
