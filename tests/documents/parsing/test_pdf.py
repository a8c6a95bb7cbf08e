"""PDF parser: reading order by position on real files, and a 公文 PDF made from a synthetic DOCX.

The corpus has no 公文 PDF, so one is converted by LibreOffice from the DOCX that
`synthetic_gongwen` builds (the tests using it skip when LibreOffice is not installed). Scans and
broken text layers are built with pypdfium2.
"""

import ctypes
import datetime
import io

import docx
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from gongkai.documents import parsing
from gongkai.documents.parsing import pdf
from gongkai.documents.parsing.base import NoTextLayerError, ParseError
from tests.conftest import corpus_path
from tests.documents.parsing import synthetic_gongwen as gongwen

INVOICE = "files/pdf/easyofd_quandian_fapiao_rendered.pdf"
ITINERARY = "files/pdf/ofdrw_hangkong_xingchengdan_sample.pdf"


def lines_of(data: bytes) -> list[str]:
    document = pdfium.PdfDocument(data)
    try:
        return [line.strip() for line in pdf.text_layer_lines(document)]
    finally:
        document.close()


def saved(document: pdfium.PdfDocument) -> bytes:
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


@pytest.fixture(scope="module")
def gongwen_pdf(tmp_path_factory):
    return gongwen.convert_to_pdf(gongwen.build_gongwen_docx(), tmp_path_factory.mktemp("gongwen"))


@pytest.fixture(scope="module")
def parsed_gongwen(gongwen_pdf):
    documents = pdf.parse(gongwen_pdf, "gongwen.pdf")
    assert len(documents) == 1
    return documents[0]


def test_invoice_order_by_position():
    """The invoice is drawn one character per text object, so stream order separates labels from values."""
    lines = lines_of(corpus_path(INVOICE).read_bytes())

    assert lines[0] == "电子发票（增值税专用发票）"
    assert "发票号码： 23512000000005197325" in lines
    assert "名称：中国移动通信集团四川有限公司成都分公司   名称：郫都区星讯通讯设备经营部" in lines
    assert "开票人：   石富阳" in lines
    header = lines.index("项目名称   规格型号   单   位   数   量   单   价   金   额   税率/ 征收率   税   额")
    assert lines.index("发票号码： 23512000000005197325") < header < lines.index("开票人：   石富阳")


def test_rotated_page_reads_upright():
    """The itinerary's page has /Rotate 90 and its text runs upward in PDF space."""
    lines = lines_of(corpus_path(ITINERARY).read_bytes())

    assert "旅客姓名   有效身份证件号码   签注" in lines
    assert "王某某   384932********1234   不得签转" in lines
    assert "南航   CZ8866   V   2021-07-27   18:30   Y50   20K" in lines
    assert lines.index("旅客姓名   有效身份证件号码   签注") < lines.index("购买方名称：北京XXX公司   统一社会信用代码/纳税人识别号： 9111000007311XXXX")


def test_gongwen_red_head_first(gongwen_pdf):
    lines = [line for line in lines_of(gongwen_pdf) if line]

    assert lines[:2] == [gongwen.RED_HEAD, gongwen.DOCUMENT_NUMBER]


def test_gongwen_indents_kept(gongwen_pdf):
    document = pdfium.PdfDocument(gongwen_pdf)
    lines = pdf.text_layer_lines(document)
    document.close()

    signature = next(line for line in lines if line.strip() == gongwen.SIGNATURE)
    assert signature.startswith("  ")
    assert next(line for line in lines if line.strip() == gongwen.ADDRESSEES) == gongwen.ADDRESSEES


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("title", gongwen.TITLE),
        ("written_date", datetime.date(2025, 3, 5)),
        ("addressees", "各区人民政府，市政府各委、办、局"),
        ("note", "此件公开发布"),
        ("parser", "pdf"),
    ],
)
def test_gongwen_pdf_elements(parsed_gongwen, field, expected):
    assert getattr(parsed_gongwen, field) == expected


def test_gongwen_pdf_number(parsed_gongwen):
    assert parsed_gongwen.document_number is not None
    assert parsed_gongwen.document_number.canonical == gongwen.DOCUMENT_NUMBER


def test_gongwen_pdf_attachment(parsed_gongwen):
    assert [attachment.label for attachment in parsed_gongwen.attachments] == [gongwen.ATTACHMENT_LABEL]
    assert parsed_gongwen.attachments[0].title == gongwen.ATTACHMENT_TITLE


def test_extension_b_character(tmp_path):
    """A character outside the BMP, common in personal names, is one character, not two surrogates."""
    document = docx.Document()
    document.add_paragraph("关于同意张𠮷同志辞职的批复")
    output = io.BytesIO()
    document.save(output)

    lines = lines_of(gongwen.convert_to_pdf(output.getvalue(), tmp_path))

    assert lines[0] == "关于同意张𠮷同志辞职的批复"


def test_scan_needs_ocr(gongwen_pdf):
    """A page that is only an image, as a scanner makes it, has no text layer."""
    source = pdfium.PdfDocument(gongwen_pdf)
    width, height = source[0].get_size()
    bitmap = source[0].render(scale=1.5)

    scan = pdfium.PdfDocument.new()
    page = scan.new_page(width, height)
    image = pdfium.PdfImage.new(scan)
    image.set_bitmap(bitmap)
    image.set_matrix(pdfium.PdfMatrix().scale(width, height))
    page.insert_obj(image)
    page.gen_content()

    with pytest.raises(NoTextLayerError) as raised:
        pdf.parse(saved(scan), "scan.pdf")

    assert str(raised.value) == (
        "无法从 PDF 提取文字：文件是扫描件，或没有文字层。请用 gongkai import --ocr 重新导入，以 OCR 识别文字。"
    )


def test_unmapped_glyphs_need_ocr():
    """Text drawn in a font whose encoding does not cover it extracts as ÿÿÿ, like glyphs without ToUnicode."""
    document = pdfium.PdfDocument.new()
    page = document.new_page(595, 842)
    text_object = pdfium_c.FPDFPageObj_NewTextObj(document, b"Helvetica", 12.0)
    text = "\ue001\ue002\ue003\ue004\ue005\ue006\ue007\ue008\0".encode("utf-16-le")
    pdfium_c.FPDFText_SetText(text_object, ctypes.cast(ctypes.c_char_p(text), ctypes.POINTER(pdfium_c.FPDF_WCHAR)))
    pdfium_c.FPDFPageObj_Transform(text_object, 1, 0, 0, 1, 100, 700)
    pdfium_c.FPDFPage_InsertObject(page, text_object)
    page.gen_content()

    with pytest.raises(NoTextLayerError) as raised:
        pdf.parse(saved(document), "garbled.pdf")

    assert str(raised.value) == (
        "无法从 PDF 提取文字：文字层的字形没有可用的 Unicode 映射，提取出的是乱码（常见于扫描件或缺少 ToUnicode 表的嵌入字体）。"
        "请用 gongkai import --ocr 重新导入，以 OCR 识别文字。"
    )


@pytest.mark.parametrize(
    ("char", "usable"),
    [("中", True), ("〔", True), ("A", True), ("×", True), ("\ufffd", False), ("\ue000", False), ("\x07", False), ("ÿ", False)],
)
def test_character_usability(char, usable):
    assert pdf.is_usable(char) is usable


def test_random_bytes_message():
    data = bytes(range(256)) * 8

    with pytest.raises(ParseError) as raised:
        pdf.parse(data, "random.pdf")

    assert str(raised.value) == (
        "无法读取 PDF 文件：文件已损坏或不是 PDF（Failed to load document (PDFium: Data format error).）。"
        "请用 PDF 阅读器打开确认后重新导出，再导入。"
    )


def test_encrypted_pdf_message(tmp_path):
    data = gongwen.convert_to_pdf(gongwen.build_gongwen_docx(), tmp_path, password="secret")

    with pytest.raises(ParseError) as raised:
        pdf.parse(data, "locked.pdf")

    assert str(raised.value) == "无法读取 PDF 文件：文件已加密，需要密码才能打开。请用原软件取消密码保护后另存，再导入。"


def test_empty_pdf_file():
    with pytest.raises(ParseError) as raised:
        parsing.parse("empty.pdf", b"")

    assert str(raised.value) == "文件为空：请检查文件是否完整后重新导入。"


def test_ocr_without_tesseract(gongwen_pdf, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))

    with pytest.raises(ParseError) as raised:
        pdf.parse(gongwen_pdf, "gongwen.pdf", ocr=True)

    assert str(raised.value) == (
        "无法进行 OCR：没有找到 tesseract 程序。"
        "请安装 tesseract 和简体中文语言包：apt-get install tesseract-ocr tesseract-ocr-chi-sim，然后重新导入。"
    )


def test_ocr_page_image(gongwen_pdf, tmp_path):
    document = pdfium.PdfDocument(gongwen_pdf)
    width, height = document[0].get_size()
    image = tmp_path / "page.pgm"

    pdf.write_page_image(document[0], image)

    header, size, depth, pixels = image.read_bytes().split(b"\n", 3)
    columns, rows = map(int, size.split())
    assert (header, depth) == (b"P5", b"255")
    assert abs(columns - width * pdf.OCR_SCALE) <= 1
    assert abs(rows - height * pdf.OCR_SCALE) <= 1
    assert len(pixels) == columns * rows
    assert min(pixels) < 128 < max(pixels)


def test_ocr_reads_gongwen(gongwen_pdf):
    if not pdf.shutil.which("tesseract"):
        pytest.skip("tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-chi-sim)")

    parsed = pdf.parse(gongwen_pdf, "gongwen.pdf", ocr=True)[0]

    assert parsed.document_number is not None
    assert parsed.document_number.canonical == gongwen.DOCUMENT_NUMBER
    assert parsed.warnings == [pdf.OCR_WARNING]
