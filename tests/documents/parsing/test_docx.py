"""DOCX parser on a synthetic 公文 built with python-docx at test time.

The corpus has no real DOCX file, so `synthetic_gongwen` builds one as Word saves it: the red
head in a floating text box (DrawingML in mc:Choice, VML copy in mc:Fallback), a 补贴标准 table
with merged cells in 附件1, and the elements 发文字号, 主送, 成文日期 and 附注.
"""

import datetime
import io
import zipfile

import docx
import pytest
from docx.oxml import parse_xml

from gongkai.documents import parsing
from gongkai.documents.parsing import docx as docx_parser
from gongkai.documents.parsing.base import ParseError
from tests.documents.parsing import synthetic_gongwen as gongwen

TRUNCATED_MESSAGE = (
    "无法读取 DOCX 文件：文件已损坏或不完整（File is not a zip file）。请用 Word 或 WPS 打开后重新保存，再导入。"
)


@pytest.fixture(scope="module")
def docx_bytes():
    return gongwen.build_gongwen_docx()


@pytest.fixture(scope="module")
def parsed(docx_bytes):
    documents = docx_parser.parse(docx_bytes, "gongwen.docx")
    assert len(documents) == 1
    return documents[0]


def blocks_of(data: bytes):
    return docx_parser.body_blocks(docx.Document(io.BytesIO(data)).element.body)


def test_text_box_read_once(docx_bytes):
    blocks = blocks_of(docx_bytes)

    assert blocks[0] == gongwen.RED_HEAD
    assert [block for block in blocks if block == gongwen.RED_HEAD] == [gongwen.RED_HEAD]
    assert blocks[1] == gongwen.DOCUMENT_NUMBER


def test_blocks_in_document_order(docx_bytes):
    texts = [block for block in blocks_of(docx_bytes) if isinstance(block, str)]

    expected = [
        gongwen.RED_HEAD,
        gongwen.DOCUMENT_NUMBER,
        gongwen.TITLE,
        gongwen.ADDRESSEES,
        gongwen.BODY,
        gongwen.ATTACHMENT_NOTE,
        gongwen.SIGNATURE,
        gongwen.WRITTEN_DATE,
        gongwen.NOTE,
        gongwen.ATTACHMENT_LABEL,
        gongwen.ATTACHMENT_TITLE,
        gongwen.TABLE_HEADING,
    ]
    assert texts[: len(expected)] == expected


def test_table_merged_cells_once(docx_bytes):
    tables = [block for block in blocks_of(docx_bytes) if isinstance(block, list)]

    assert tables == [
        [
            ["补贴对象", "补贴标准（元/亩）", "备注"],
            ["种植粮食作物的耕地", "120", "按实际种植面积"],
            ["", "150", "高标准农田"],
            ["撂荒地、非农建设占用的耕地", "不予补贴"],
        ]
    ]


def test_vml_only_text_box():
    """Files from older Word and WPS have only a VML text box, without mc:AlternateContent."""
    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph._p.append(
        parse_xml(
            '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
            'xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox><w:txbxContent>'
            "<w:p><w:r><w:t>江城市财政局文件</w:t></w:r></w:p>"
            "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
        )
    )
    paragraph.add_run("江财发〔2024〕3号")
    output = io.BytesIO()
    document.save(output)

    assert blocks_of(output.getvalue()) == ["江城市财政局文件", "江财发〔2024〕3号"]


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("title", gongwen.TITLE),
        ("written_date", datetime.date(2025, 3, 5)),
        ("addressees", "各区人民政府，市政府各委、办、局"),
        ("note", "此件公开发布"),
        ("agencies", ["江城市人民政府办公室"]),
    ],
)
def test_gongwen_elements(parsed, field, expected):
    assert getattr(parsed, field) == expected


def test_document_number(parsed):
    assert parsed.document_number is not None
    assert parsed.document_number.canonical == gongwen.DOCUMENT_NUMBER


def test_attachment_keeps_table(parsed):
    assert [attachment.label for attachment in parsed.attachments] == [gongwen.ATTACHMENT_LABEL]
    attachment = parsed.attachments[0]
    assert attachment.title == gongwen.ATTACHMENT_TITLE

    tables = [part for part in attachment.parts if part.kind == "table"]
    assert len(tables) == 1
    assert tables[0].rows[0] == gongwen.SUBSIDY_TABLE[0]
    assert tables[0].rows[1] == gongwen.SUBSIDY_TABLE[1]


def test_truncated_docx_message(docx_bytes):
    with pytest.raises(ParseError) as raised:
        docx_parser.parse(docx_bytes[: len(docx_bytes) // 2], "half.docx")

    assert str(raised.value) == TRUNCATED_MESSAGE


def test_missing_document_part(docx_bytes):
    source = zipfile.ZipFile(io.BytesIO(docx_bytes))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as package:
        for entry in source.infolist():
            if entry.filename != "word/document.xml":
                package.writestr(entry, source.read(entry))

    with pytest.raises(ParseError) as raised:
        docx_parser.parse(output.getvalue(), "no-body.docx")

    assert str(raised.value) == (
        "无法读取 DOCX 文件：文件已损坏或不完整（\"There is no item named 'word/document.xml' in the archive\"）。"
        "请用 Word 或 WPS 打开后重新保存，再导入。"
    )


def test_spreadsheet_named_docx(docx_bytes):
    source = zipfile.ZipFile(io.BytesIO(docx_bytes))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as package:
        for entry in source.infolist():
            content = source.read(entry)
            if entry.filename == "[Content_Types].xml":
                content = content.replace(b"wordprocessingml.document.main+xml", b"spreadsheetml.sheet.main+xml")
            package.writestr(entry, content)

    with pytest.raises(ParseError) as raised:
        docx_parser.parse(output.getvalue(), "table.docx")

    assert str(raised.value) == "无法读取 DOCX 文件：文件不是 Word 文档。请用 Word 或 WPS 打开后另存为 .docx，再导入。"


def test_empty_docx_file():
    with pytest.raises(ParseError) as raised:
        parsing.parse("empty.docx", b"")

    assert str(raised.value) == "文件为空：请检查文件是否完整后重新导入。"


def test_docx_without_text():
    output = io.BytesIO()
    docx.Document().save(output)

    with pytest.raises(ParseError) as raised:
        docx_parser.parse(output.getvalue(), "blank.docx")

    assert str(raised.value) == (
        "DOCX 文件没有正文文字：请检查文件内容是否为图片，或在 Word/WPS 中另存为新文件后再导入。"
    )
