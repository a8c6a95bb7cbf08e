"""PDF parser: the text layer read by position with pypdfium2, or OCR with tesseract on request.

PDFium returns characters in content-stream order, which is not always reading order: some
producers draw one character per text object, table by table. Characters are therefore grouped
into runs and lines by their boxes and read top to bottom, left to right (`layout_lines`, which
the OFD parser shares).

NOTE: tables are not rebuilt. pypdfium2 has no table extraction, so a table's cells come out as
lines of text with wide gaps as three spaces, and a cell that wraps continues on the next line.
"""

from __future__ import annotations

import ctypes
import logging
import re
import shutil
import subprocess
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Protocol

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.documents.parsing import gbt9704
from gongkai.documents.parsing.base import NoTextLayerError, ParsedDocument, ParseError

logger = logging.getLogger(__name__)

# Layout tolerances, as multiples of the font size.
SAME_LINE = 0.5  # baselines closer than this are one line
WORD_GAP = 0.25  # a wider horizontal gap between Latin text is a space
COLUMN_GAP = 1.5  # a wider gap separates table cells or columns, written as three spaces
PARAGRAPH_GAP = 2.2  # a wider step between baselines gives a blank line
LETTER_SPACING_MAX = 2.0  # widest even spacing still read as one letter-spaced word
MIN_SIZE = 1.0
MAX_INDENT = 4  # characters: deeper indents (centred or right-aligned lines) are written as this many

# A text layer is unusable when more than this share of its characters are not text (see
# `is_usable`) or are glyphs that PDFium could not map to Unicode.
MAX_UNUSABLE_SHARE = 0.3

TEXT_BLOCKS = (
    (0x0020, 0x007E),  # ASCII
    # Latin-1 symbols (° ± · § ¥). Its letters are left out because a wrong font encoding produces them (ÿ, Ã).
    (0x00A0, 0x00BF),
    (0x00D7, 0x00D7),  # ×
    (0x00F7, 0x00F7),  # ÷
    (0x2000, 0x27BF),  # punctuation, letterlike symbols, number forms, arrows, shapes (— … ※ ①)
    (0x2E80, 0x2FDF),  # CJK radicals
    (0x3000, 0x33FF),  # CJK symbols and punctuation, kana, enclosed CJK (〔〕〇㈠)
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFE30, 0xFE4F),  # CJK compatibility forms (﹝﹞)
    (0xFF00, 0xFFEF),  # full-width forms
    (0x20000, 0x3134F),  # CJK extensions B to G
)

OCR_SCALE = 300 / 72  # PDF points to pixels at 300 dpi
OCR_TIMEOUT = 300  # seconds per page
NO_TEXT_MESSAGE = gettext_lazy(
    "Cannot extract text from the PDF: the file is a scan or has no text layer. "
    "Import it again with gongkai import --ocr to recognise the text by OCR."
)
UNUSABLE_TEXT_MESSAGE = gettext_lazy(
    "Cannot extract text from the PDF: the glyphs of its text layer have no usable Unicode mapping, so the "
    "extracted text is garbled (common in scans and in embedded fonts without a ToUnicode table). "
    "Import it again with gongkai import --ocr to recognise the text by OCR."
)
OCR_WARNING = gettext_lazy(
    "The body text was recognised by OCR and may contain wrong characters, and tables were not kept: "
    "check it against the original."
)


class Run(Protocol):
    text: str
    x: float
    y: float
    size: float
    width: float


@dataclass
class TextRun:
    """Text placed on a page. `x` is its left edge and `y` its baseline, both measured from the top left."""

    text: str
    x: float
    y: float
    size: float
    width: float


@dataclass
class PageText:
    lines: list[str]
    characters: int
    unusable: int


def parse(data: bytes, name: str, *, ocr: bool = False, **options) -> list[ParsedDocument]:
    """Parse a PDF into one document from its text layer, or from OCR when `ocr` is true."""
    document = _open(data)
    try:
        title_hint = _title_hint(document)
        lines = ocr_lines(document) if ocr else text_layer_lines(document)
    finally:
        document.close()

    parsed = gbt9704.build_document(gbt9704.join_lines(lines), parser="pdf", title_hint=title_hint)
    if ocr:
        parsed.warnings.append(str(OCR_WARNING))
    logger.debug("parsed PDF %s: %d lines, ocr=%s", name, len(lines), ocr)
    return [parsed]


def _open(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if error.err_code == pdfium_c.FPDF_ERR_PASSWORD:
            raise ParseError(
                _(
                    "Cannot read the PDF file: it is encrypted and needs a password to open. Remove the password "
                    "protection in the program that made it, save it again, then import it."
                )
            ) from error
        if error.err_code == pdfium_c.FPDF_ERR_SECURITY:
            raise ParseError(
                _(
                    "Cannot read the PDF file: it uses an unsupported encryption method. "
                    "Remove the encryption, save it again, then import it."
                )
            ) from error
        raise ParseError(
            _(
                "Cannot read the PDF file: it is damaged or not a PDF ({error}). "
                "Open it in a PDF reader to check it, export it again, then import it."
            ).format(error=error)
        ) from error


def _title_hint(document: pdfium.PdfDocument) -> str:
    """Return the Title of the document information, when it is a Chinese title and not a file name."""
    title = (document.get_metadata_dict().get("Title") or "").strip()
    if not re.search(r"[\u4e00-\u9fff]", title) or title.lower().endswith((".doc", ".docx", ".wps", ".pdf")):
        return ""
    return title


# -- Text layer ------------------------------------------------------------------------------


def text_layer_lines(document: pdfium.PdfDocument) -> list[str]:
    """Return the text lines of every page in reading order.

    Raises NoTextLayerError when the document has no text, or when its text is mostly glyphs
    without a Unicode mapping.
    """
    pages = [_page_text(page) for page in document]

    characters = sum(page.characters for page in pages)
    unusable = sum(page.unusable for page in pages)
    if characters == 0:
        raise NoTextLayerError(str(NO_TEXT_MESSAGE))
    if unusable > MAX_UNUSABLE_SHARE * characters:
        raise NoTextLayerError(str(UNUSABLE_TEXT_MESSAGE))

    lines: list[str] = []
    for page in pages:
        lines.extend(page.lines)
        lines.append("")
    return lines


def _page_text(page: pdfium.PdfPage) -> PageText:
    textpage = page.get_textpage()
    try:
        runs, characters, unusable = _page_runs(page, textpage)
    finally:
        textpage.close()
        page.close()
    return PageText(lines=layout_lines(runs), characters=characters, unusable=unusable)


def _page_runs(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage) -> tuple[list[TextRun], int, int]:
    """Group the page's characters into runs of one word or line each, in content-stream order.

    A character joins the previous run when it sits on the same baseline just after it, or at
    the same even spacing as the run's letters (letter-spaced titles and text drawn one
    character at a time). A space inside a run is kept when the next character is not Chinese and
    its gap exceeds the run's letter spacing by more than WORD_GAP.
    """
    to_top_left = _page_transform(page)
    runs: list[TextRun] = []
    pitch: float | None = None
    space_pending = False
    characters = unusable = 0

    high_surrogate = 0
    for index in range(textpage.count_chars()):
        code = pdfium_c.FPDFText_GetUnicode(textpage, index)
        if 0xD800 <= code <= 0xDBFF:
            # PDFium stores a character outside the BMP (CJK extension B and later) as two UTF-16 units.
            high_surrogate = code
            continue
        if 0xDC00 <= code <= 0xDFFF and high_surrogate:
            code = 0x10000 + ((high_surrogate - 0xD800) << 10) + (code - 0xDC00)
        high_surrogate = 0

        char = chr(code)
        if char.isspace():
            space_pending = True
            continue

        characters += 1
        if not is_usable(char) or pdfium_c.FPDFText_HasUnicodeMapError(textpage, index) == 1:
            unusable += 1
        run = _character_run(textpage, index, char, to_top_left)
        if run is None:
            continue

        previous = runs[-1] if runs else None
        gap = run.x - previous.x - previous.width if previous else 0.0
        if previous is None or not _continues(previous, run, gap, pitch):
            runs.append(run)
            pitch = None
            space_pending = False
            continue

        if pitch is None:
            pitch = gap
        if space_pending and gap - max(pitch, 0.0) > WORD_GAP * run.size and not _is_cjk(char):
            previous.text += " "
        previous.text += char
        previous.width = run.x + run.width - previous.x
        space_pending = False

    return runs, characters, unusable


def _continues(previous: TextRun, run: TextRun, gap: float, pitch: float | None) -> bool:
    size = max(min(previous.size, run.size), MIN_SIZE)
    if abs(run.y - previous.y) > 0.3 * size or gap < -0.3 * size:
        return False
    if pitch is None:
        return gap <= LETTER_SPACING_MAX * size
    if pitch > WORD_GAP * size:
        return abs(gap - pitch) <= 0.15 * size
    return gap <= COLUMN_GAP * size


def _character_run(textpage: pdfium.PdfTextPage, index: int, char: str, to_top_left) -> TextRun | None:
    left, bottom, right, top = textpage.get_charbox(index, loose=True)
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    if not pdfium_c.FPDFText_GetCharOrigin(textpage, index, origin_x, origin_y):
        return None

    corners = [to_top_left(x, y) for x in (left, right) for y in (bottom, top)]
    xs = [corner[0] for corner in corners]
    size = pdfium_c.FPDFText_GetFontSize(textpage, index) or (max(xs) - min(xs))
    return TextRun(
        text=char,
        x=min(xs),
        y=to_top_left(origin_x.value, origin_y.value)[1],
        size=size,
        width=max(xs) - min(xs),
    )


def _page_transform(page: pdfium.PdfPage):
    """Return a function from PDF user space to top-left coordinates of the page as displayed."""
    x0, y0, x1, y1 = page.get_cropbox()
    rotation = page.get_rotation()

    def to_top_left(x: float, y: float) -> tuple[float, float]:
        if rotation == 90:
            return y - y0, x - x0
        if rotation == 180:
            return x1 - x, y - y0
        if rotation == 270:
            return y1 - y, x1 - x
        return x - x0, y1 - y

    return to_top_left


def is_usable(char: str) -> bool:
    """Return whether a character extracted from a text layer is plausible text of a Chinese document.

    U+FFFD, private-use code points and control characters are what glyphs without a Unicode
    mapping turn into; a wrong mapping gives letters of unrelated scripts. Chinese, ASCII and
    the punctuation and symbol blocks used in 公文 count as text.
    """
    if char == "\ufffd" or unicodedata.category(char) in ("Co", "Cc", "Cs", "Cn"):
        return False
    return any(first <= ord(char) <= last for first, last in TEXT_BLOCKS)


# -- Reading order ---------------------------------------------------------------------------


def layout_lines(runs: Sequence[Run]) -> list[str]:
    """Return the lines of one page in reading order, top to bottom and left to right.

    A line indented from the page's text edge starts with two spaces per character of indent, up
    to MAX_INDENT characters, so that `gbt9704.join_lines` can detect where paragraphs start. A step between baselines wider than
    PARAGRAPH_GAP font sizes gives a blank line.
    """
    lines = _group_lines(_drop_duplicates(runs))
    edge = _text_edge(lines)

    output: list[str] = []
    previous_y: float | None = None
    previous_size = MIN_SIZE
    for line in lines:
        size = max(min(run.size for run in line), MIN_SIZE)
        if previous_y is not None and line[0].y - previous_y > PARAGRAPH_GAP * max(size, previous_size):
            output.append("")
        indent = min(max(0, round((line[0].x - edge) / size)), MAX_INDENT)
        output.append("  " * indent + _join_runs(line))
        previous_y, previous_size = line[0].y, size
    return output


def _drop_duplicates(runs: Sequence[Run]) -> list[Run]:
    """Drop runs drawn twice at the same spot, a common way to fake bold text."""
    seen: set[tuple[str, int, int]] = set()
    unique = []
    for run in runs:
        key = (run.text, round(run.x * 4), round(run.y * 4))
        if run.text.strip() and key not in seen:
            seen.add(key)
            unique.append(run)
    return unique


def _group_lines(runs: list[Run]) -> list[list[Run]]:
    lines: list[list[Run]] = []
    for run in sorted(runs, key=lambda run: (run.y, run.x)):
        if lines:
            anchor = lines[-1][0]
            if abs(run.y - anchor.y) <= SAME_LINE * max(min(run.size, anchor.size), MIN_SIZE):
                lines[-1].append(run)
                continue
        lines.append([run])

    for line in lines:
        line.sort(key=lambda run: run.x)
    return lines


def _text_edge(lines: list[list[Run]]) -> float:
    """Return the left edge of the page's text: the most common line start, or the leftmost one."""
    if not lines:
        return 0.0
    starts = Counter(round(line[0].x) for line in lines)
    start, count = starts.most_common(1)[0]
    if count < 2:
        return min(line[0].x for line in lines)
    return min(line[0].x for line in lines if round(line[0].x) == start)


def _join_runs(line: list[Run]) -> str:
    parts = [line[0].text.strip()]
    for previous, run in pairwise(line):
        size = max(min(previous.size, run.size), MIN_SIZE)
        gap = run.x - (previous.x + previous.width)
        if gap > COLUMN_GAP * size:
            parts.append("   ")
        elif gap > WORD_GAP * size and not (_is_cjk(parts[-1][-1:]) and _is_cjk(run.text.strip()[:1])):
            parts.append(" ")
        parts.append(run.text.strip())
    return "".join(parts)


def _is_cjk(char: str) -> bool:
    """Return whether `char` is a Chinese character or full-width punctuation, which take no spaces."""
    if not char:
        return False
    code = ord(char)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x3134F
        or 0x3000 <= code <= 0x303F
        or 0xFF00 <= code <= 0xFFEF
    )


# -- OCR -------------------------------------------------------------------------------------


def ocr_lines(document: pdfium.PdfDocument) -> list[str]:
    """Render every page and read its text with Debian's tesseract and the chi_sim language data."""
    # NOTE: the tests cover rendering and the missing-tesseract message. Recognition itself runs
    # only where tesseract-ocr-chi-sim is installed, and its output quality is not measured.
    tesseract = _tesseract_with_chinese()

    lines: list[str] = []
    with tempfile.TemporaryDirectory(prefix="gongkai-ocr-") as folder:
        for index, page in enumerate(document):
            image = Path(folder) / f"page-{index + 1}.pgm"
            write_page_image(page, image)
            lines.extend(_recognise(tesseract, image, index + 1))
            lines.append("")
    return lines


def _tesseract_with_chinese() -> str:
    tesseract = shutil.which("tesseract")
    if tesseract is None:
        raise ParseError(
            _(
                "OCR is not possible: the tesseract program was not found. "
                "Install tesseract and the Simplified Chinese language data "
                "(apt-get install tesseract-ocr tesseract-ocr-chi-sim), then import again."
            )
        )

    try:
        listed = subprocess.run([tesseract, "--list-langs"], capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise ParseError(
            _(
                "OCR is not possible: tesseract could not run ({error}). "
                "Install tesseract and the Simplified Chinese language data "
                "(apt-get install tesseract-ocr tesseract-ocr-chi-sim), then import again."
            ).format(error=error)
        ) from error
    if "chi_sim" not in (listed.stdout + listed.stderr).split():
        raise ParseError(
            _(
                "OCR is not possible: tesseract lacks the Simplified Chinese language data chi_sim. "
                "Install tesseract and the Simplified Chinese language data "
                "(apt-get install tesseract-ocr tesseract-ocr-chi-sim), then import again."
            )
        )
    return tesseract


def write_page_image(page: pdfium.PdfPage, path: Path) -> None:
    """Render a page in grey at 300 dpi and save it as a binary PGM, which tesseract reads without Pillow."""
    bitmap = page.render(scale=OCR_SCALE, grayscale=True)
    buffer = bytes(bitmap.buffer)
    rows = (buffer[row * bitmap.stride : row * bitmap.stride + bitmap.width] for row in range(bitmap.height))
    path.write_bytes(f"P5\n{bitmap.width} {bitmap.height}\n255\n".encode("ascii") + b"".join(rows))


def _recognise(tesseract: str, image: Path, page_number: int) -> list[str]:
    try:
        result = subprocess.run(
            [tesseract, str(image), "stdout", "-l", "chi_sim"],
            capture_output=True,
            text=True,
            timeout=OCR_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise ParseError(
            _("OCR timed out: page {page} was not recognised within {seconds} seconds. Split the file and import it again.").format(
                page=page_number, seconds=OCR_TIMEOUT
            )
        ) from error
    if result.returncode != 0:
        raise ParseError(
            _("OCR failed: tesseract could not recognise page {page} ({error}).").format(
                page=page_number, error=result.stderr.strip()[-200:]
            )
        )

    # tesseract separates Chinese characters with spaces.
    return [re.sub(r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])\s+(?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])", "", line) for line in result.stdout.splitlines()]
