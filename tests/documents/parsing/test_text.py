"""Plain-text parser: encodings, and the real Shanghai notice extracted from its PDF."""

import datetime

import pytest

from gongkai.documents.parsing import text
from gongkai.documents.parsing.base import ParseError
from tests.conftest import corpus_path

NOTICE = "notices/沪府办-2025年上海市政务公开工作要点.txt"
SAMPLE = "上海市人民政府关于某事的通知\n各区人民政府：\n现将有关事项通知如下。\n上海市人民政府\n2025年3月5日\n"


@pytest.fixture(scope="module")
def notice():
    path = corpus_path(NOTICE)
    return text.parse(path.read_bytes(), path.name)[0]


@pytest.mark.parametrize(
    ("data", "label"),
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"), "utf-8 with BOM"),
        (SAMPLE.encode("gbk"), "gbk"),
        (SAMPLE.encode("gb18030"), "gb18030"),
        (SAMPLE.encode("utf-16"), "utf-16 with BOM"),
    ],
)
def test_text_detects_encoding(data, label):
    document = text.parse(data, "notice.txt")[0]

    assert document.title == "上海市人民政府关于某事的通知", label
    assert document.written_date == datetime.date(2025, 3, 5), label


def test_text_empty_file_rejected():
    with pytest.raises(ParseError) as error:
        text.parse(b"\n  \n", "empty.txt")

    assert str(error.value) == "文件“empty.txt”没有正文：请检查文件内容后重新导入。"


def test_text_binary_rejected():
    with pytest.raises(ParseError) as error:
        text.parse(b"%PDF-1.7\n\x00\x01\x02binary", "scan.txt")

    assert str(error.value) == "文件“scan.txt”不是文本文件（含有二进制内容）：请确认文件格式，或改用对应格式的后缀导入。"


def test_text_latin1_detected():
    document = text.parse("Notice\nCaf\xe9 opening hours are changed.\n".encode("latin-1"), "notice.txt")[0]

    assert "Café opening hours are changed." in document.text


def test_text_title_falls_back():
    document = text.parse("为了做好工作，现通知如下。\n".encode(), "工作通知.txt")[0]

    assert document.title == "工作通知"
    assert document.warnings == ["未能从正文中识别标题，已使用文件名作为标题。"]


@pytest.mark.corpus
def test_notice_title(notice):
    assert notice.title == "上海市人民政府办公厅关于印发《2025年上海市政务公开工作要点》的通知"
    assert notice.doc_type == "notice"
    assert notice.agencies == ["上海市人民政府办公厅"]


@pytest.mark.corpus
def test_notice_closing_elements(notice):
    assert notice.written_date == datetime.date(2025, 3, 31)
    assert notice.note == "此件公开发布"
    assert notice.disclosure == "proactive"
    assert notice.printed_by == "上海市人民政府办公厅"
    assert notice.printed_date == datetime.date(2025, 3, 31)
    assert notice.addressees == "各区人民政府，市政府各委、办、局，各有关单位"


@pytest.mark.corpus
def test_notice_has_no_page_marks(notice):
    for part in notice.parts:
        assert "—1—" not in part.text
        assert "—" not in part.text, part.text


@pytest.mark.corpus
def test_notice_headings(notice):
    headings = [(part.level, part.text) for part in notice.parts if part.kind == "heading"]

    assert headings == [
        (0, "2025年上海市政务公开工作要点"),
        (1, "一、依法履行政府信息公开职责"),
        (1, "二、发挥以公开促落实、优服务、强监督的功能作用"),
        (1, "三、持续深化政民（企）互动和公众参与"),
        (1, "四、不断提升政务公开质效"),
    ]


@pytest.mark.corpus
def test_notice_numbered_items(notice):
    items = [part for part in notice.parts if part.level == 3]

    assert [part.number for part in items] == list(range(1, 31))
    assert all(part.text.endswith("）") for part in items)
    assert items[13].text.startswith("14．印发《上海市基本公共服务实施标准（2025年版）》，完善")


@pytest.mark.corpus
def test_notice_first_paragraph(notice):
    assert notice.parts[0].text == "《2025年上海市政务公开工作要点》已经市政府同意，现印发给你们，请认真按照执行。"


def test_tab_separated_rows_become_table():
    source = (
        "上海市示例局关于发放补贴的通知\n\n各区人民政府：\n\n补贴标准如下。\n\n"
        "类别\t标准（元/月）\t发放方式\n一类\t1200\t按月\n二类\t800\t按季\n\n上海市示例局\n2025年3月5日\n"
    )
    document = text.parse(source.encode("utf-8"), "subsidy.txt")[0]
    tables = [part for part in document.parts if part.kind == "table"]

    assert len(tables) == 1
    assert tables[0].rows == [["类别", "标准（元/月）", "发放方式"], ["一类", "1200", "按月"], ["二类", "800", "按季"]]


def test_single_tab_line_stays_paragraph():
    source = "上海市示例局关于示例的通知\n\n各区人民政府：\n\n现通知如下。\n\n名称\t说明\n\n请遵照执行。\n\n上海市示例局\n2025年3月5日\n"
    document = text.parse(source.encode("utf-8"), "one.txt")[0]

    assert [part.kind for part in document.parts] == ["paragraph", "paragraph", "paragraph"]
