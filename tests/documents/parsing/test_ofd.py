"""OFD parser on the real OFD packages of the corpus, and on copies of them broken or extended in memory."""

import datetime
import io
import zipfile

import pytest

from gongkai.documents import parsing
from gongkai.documents.parsing import ofd, pdf
from gongkai.documents.parsing.base import ParseError
from tests.conftest import corpus_path

RED_HEAD_REPLY = "files/ofd/ofdrw_luqiao_weishengju_pifu_redhead.ofd"
LICENCE = "files/ofd/ofdrw_kuangchan_kantan_xukezheng.ofd"
ALL_FILES = [
    "files/ofd/ofdrw_gbt33190_excerpt_11_4.ofd",
    LICENCE,
    "files/ofd/ofdrw_lian_jueding_shu_template.ofd",
    RED_HEAD_REPLY,
    "files/ofd/ofdrw_sesv4_signed_hello.ofd",
    "files/ofd/ofdrw_shouwen_chuliqian_signout.ofd",
]


def rewrite_part(data: bytes, part: str, change) -> bytes:
    """Return a copy of the OFD package `data` with `part` replaced by `change(original bytes)`."""
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as package:
        for entry in source.infolist():
            content = source.read(entry)
            package.writestr(entry, change(content) if entry.filename == part else content)
    return output.getvalue()


def lines_of(data: bytes) -> list[str]:
    document = ofd.ofdkit.open(data)
    try:
        return [line.strip() for line in ofd.document_lines(document)]
    finally:
        document.close()


@pytest.fixture(scope="module")
def reply():
    return ofd.parse(corpus_path(RED_HEAD_REPLY).read_bytes(), "reply.ofd")[0]


def test_reply_document_number(reply):
    assert reply.document_number is not None
    assert reply.document_number.canonical == "路卫发〔2011〕76号"


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("title", "关于同意张阿三同志辞职的批复"),
        ("doc_type", "reply"),
        ("addressees", "区中医院"),
        ("written_date", datetime.date(2011, 3, 10)),
        ("parser", "ofd"),
    ],
)
def test_reply_elements(reply, field, expected):
    assert getattr(reply, field) == expected


def test_reply_reading_order():
    lines = [line for line in lines_of(corpus_path(RED_HEAD_REPLY).read_bytes()) if line]

    assert lines[:3] == ["测试符路桥区卫生局文件", "路卫发〔2011〕76号", "关于同意张阿三同志辞职的批复"]
    assert lines[-2:] == ["测试符路桥区卫生局办公室   2011年3月10日印发", "— 2 —"]


def test_template_text_merged():
    """The licence's labels sit on a template page and its values on the page itself."""
    lines = lines_of(corpus_path(LICENCE).read_bytes())

    assert "探矿权人：test123" in lines
    assert "勘查项目名称：探矿权新立" in lines


@pytest.mark.parametrize("relative", ALL_FILES)
def test_every_file_parses_cleanly(relative):
    parsed = ofd.parse(corpus_path(relative).read_bytes(), relative.rsplit("/", 1)[-1])[0]
    text = "".join(parsed.text.split()) + parsed.title + "".join(
        attachment.text for attachment in parsed.attachments
    )

    assert text
    assert not [char for char in text if char == "\ufffd" or "\ue000" <= char <= "\uf8ff"]
    # The standard excerpt quotes a Thai and a Tamil pair of characters twice each (before and
    # after a glyph transform); nothing else is outside Chinese, ASCII and their punctuation.
    assert sum(not pdf.is_usable(char) for char in text) <= 8


def test_custom_data_sets_fields():
    """CustomDatas named after 公文 elements override the text; the real files carry none, so one is added."""
    custom = (
        '<ofd:CustomData Name="发文字号">路卫发[2011]77号</ofd:CustomData>'
        '<ofd:CustomData Name="索引号">331004-2011-00076</ofd:CustomData>'
        "</ofd:CustomDatas>"
    ).encode()
    data = rewrite_part(
        corpus_path(RED_HEAD_REPLY).read_bytes(), "OFD.xml", lambda content: content.replace(b"</ofd:CustomDatas>", custom)
    )

    parsed = ofd.parse(data, "reply.ofd")[0]

    assert parsed.document_number.canonical == "路卫发〔2011〕77号"
    assert parsed.index_number == "331004-2011-00076"


def test_broken_content_xml_message():
    data = rewrite_part(
        corpus_path(RED_HEAD_REPLY).read_bytes(),
        "Doc_0/Pages/Page_0/Content.xml",
        lambda content: content[: len(content) // 2],
    )

    with pytest.raises(ParseError) as raised:
        ofd.parse(data, "broken.ofd")

    assert str(raised.value) == (
        "无法读取 OFD 文件：Doc_0/Pages/Page_0/Content.xml 不是有效的 XML（no element found: line 40, column 229）。"
        "请用 OFD 阅读器打开确认文件完整，重新导出后再导入。"
    )


def test_broken_ofd_xml_message():
    data = rewrite_part(corpus_path(RED_HEAD_REPLY).read_bytes(), "OFD.xml", lambda content: content[:-40])

    with pytest.raises(ParseError) as raised:
        ofd.parse(data, "broken.ofd")

    assert str(raised.value).startswith("无法读取 OFD 文件：OFD.xml 不是有效的 XML（")


def test_random_bytes_message():
    with pytest.raises(ParseError) as raised:
        ofd.parse(bytes(range(256)), "random.ofd")

    assert str(raised.value) == (
        "无法读取 OFD 文件：文件已损坏或不是 OFD 文件（not an OFD file (not a ZIP container): File is not a zip file）。"
        "请用 OFD 阅读器打开确认文件完整，重新导出后再导入。"
    )


def test_empty_ofd_file():
    with pytest.raises(ParseError) as raised:
        parsing.parse("empty.ofd", b"")

    assert str(raised.value) == "文件为空：请检查文件是否完整后重新导入。"
