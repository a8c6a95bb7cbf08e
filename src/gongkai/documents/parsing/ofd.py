"""OFD parser (GB/T 33190): the text layer read by position, through ofdkit.

ofdkit resolves the package: pages, template pages (where the red head of a 公文 often sits),
composite objects, CTM and the DeltaX `g` shorthand, giving each TextCode as a positioned run.
The runs are put in reading order by the layout shared with the PDF parser. The DocInfo Title is
a title hint, and CustomDatas named after 公文 elements (发文字号, 成文日期 …) override what the
text gives, since the producer wrote them as metadata.
"""

from __future__ import annotations

import logging
import xml.etree.ElementTree as ET

import ofdkit
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.core.text import parse_chinese_date
from gongkai.documents.parsing import gbt9704
from gongkai.documents.parsing.base import NoTextLayerError, ParsedDocument, ParseError
from gongkai.documents.parsing.pdf import MAX_UNUSABLE_SHARE, is_usable, layout_lines

logger = logging.getLogger(__name__)

# Text may stick out of the page box by this much (mm) and still count as on the page.
PAGE_MARGIN = 2.0

NO_TEXT_MESSAGE = gettext_lazy(
    "Cannot extract text from the OFD file: it has no text layer (its pages may be scanned images). "
    "Import its PDF version with gongkai import --ocr, or provide a file with a text layer."
)
UNUSABLE_TEXT_MESSAGE = gettext_lazy(
    "Cannot extract text from the OFD file: its text is stored only as glyph numbers without usable Unicode "
    "text, so the extracted text is garbled. Provide a file with a text layer, or import its PDF version "
    "with gongkai import --ocr."
)

# CustomData names, as producers of electronic 公文 write them, and the field each one sets.
CUSTOM_DATA_FIELDS = {
    "标题": "title",
    "文件标题": "title",
    "公文标题": "title",
    "发文字号": "document_number",
    "文号": "document_number",
    "发文机关": "agencies",
    "发文单位": "agencies",
    "成文日期": "written_date",
    "索引号": "index_number",
    "主题分类": "subject",
}


def parse(data: bytes, name: str, **options) -> list[ParsedDocument]:
    """Parse an OFD file into one document."""
    document = _open(data)
    try:
        lines = document_lines(document)
        info = document.info
        skipped = list(document.warnings)
    finally:
        document.close()

    parsed = gbt9704.build_document(gbt9704.join_lines(lines), parser="ofd", title_hint=(info.title or "").strip())
    apply_custom_data(parsed, info.custom_data)
    for warning in skipped:
        logger.warning("skipped part of OFD %s: %s", name, warning)
        parsed.warnings.append(_("Part of the OFD file could not be read and was skipped: {warning}").format(warning=warning))
    return [parsed]


def _open(data: bytes) -> ofdkit.OFDDocument:
    try:
        return ofdkit.open(data)
    except ofdkit.OFDLimitError as error:
        raise ParseError(
            _(
                "Cannot read the OFD file: it exceeds the safety limits ({error}). "
                "Check where the file comes from, and split it if needed before importing it."
            ).format(error=error)
        ) from error
    except ofdkit.OFDFormatError as error:
        raise ParseError(_format_error_message(error)) from error


def _format_error_message(error: ofdkit.OFDFormatError, part: str = "") -> str:
    """Return the message for an unreadable OFD, naming the broken XML part when there is one."""
    if isinstance(error.__cause__, ET.ParseError):
        # ofdkit writes "<part>: invalid XML: <detail>" for a part that does not parse.
        part = part or str(error).split(": invalid XML:", 1)[0]
        return _(
            "Cannot read the OFD file: {part} is not valid XML ({error}). "
            "Open it in an OFD reader to check that it is complete, export it again, then import it."
        ).format(part=part, error=error.__cause__)
    return _(
        "Cannot read the OFD file: it is damaged or not an OFD file ({error}). "
        "Open it in an OFD reader to check that it is complete, export it again, then import it."
    ).format(error=error)


def document_lines(document: ofdkit.OFDDocument) -> list[str]:
    """Return the text lines of every page in reading order, template text included.

    Raises NoTextLayerError when the pages hold no text, or mostly characters that are not text.
    """
    lines: list[str] = []
    characters = unusable = 0
    for page in document.pages:
        runs = _visible_runs(page)
        text = "".join(run.text for run in runs if not run.text.isspace())
        characters += len(text)
        unusable += sum(1 for char in text if not char.isspace() and not is_usable(char))
        lines.extend(layout_lines(runs))
        lines.append("")

    if characters == 0:
        raise NoTextLayerError(str(NO_TEXT_MESSAGE))
    if unusable > MAX_UNUSABLE_SHARE * characters:
        raise NoTextLayerError(str(UNUSABLE_TEXT_MESSAGE))
    return lines


def _visible_runs(page: ofdkit.Page) -> list[ofdkit.TextRun]:
    try:
        runs = page.runs
        x0, y0, width, height = page.box
    except ofdkit.OFDFormatError as error:
        raise ParseError(_format_error_message(error, part=page.location or "")) from error

    return [
        run
        for run in runs
        if x0 - PAGE_MARGIN <= run.x <= x0 + width + PAGE_MARGIN and y0 - PAGE_MARGIN <= run.y <= y0 + height + PAGE_MARGIN
    ]


def apply_custom_data(parsed: ParsedDocument, custom_data: dict[str, str]) -> None:
    """Set the fields named by CustomDatas of DocInfo (发文字号, 成文日期 …) on `parsed`."""
    for key, value in custom_data.items():
        field = CUSTOM_DATA_FIELDS.get(key.strip())
        value = value.strip()
        if field is None or not value:
            continue

        if field == "document_number":
            parsed.document_number = gbt9704.parse_document_number(value) or parsed.document_number
        elif field == "agencies":
            parsed.agencies = [agency for agency in value.replace("、", " ").split() if agency]
        elif field == "written_date":
            parsed.written_date = parse_chinese_date(value) or parsed.written_date
        else:
            setattr(parsed, field, value)
