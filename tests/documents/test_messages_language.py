"""Parser, import and library messages and the 500 page follow the active language."""

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from gongkai.documents import importing, library, parsing
from gongkai.documents.parsing import jsonl, markdown, pdf, text
from gongkai.documents.parsing.base import ParsedDocument, ParseError
from tests.languages import in_both_languages


def _parse_error(parse) -> str:
    with pytest.raises(ParseError) as raised:
        parse()
    return str(raised.value)


def _jsonl_failure(line: str) -> tuple[str, str]:
    failure = jsonl.parse(f'{{"title": "通知", "body": "正文"}}\n{line}\n'.encode(), "policies.jsonl")[1]
    return failure.label, failure.message


def _missing_path_message() -> str:
    _candidates, missing = importing.collect(["/nonexistent/gongkai-test"])
    return missing[0].message


@pytest.mark.parametrize(
    ("produce", "english", "chinese"),
    [
        (
            lambda: _parse_error(lambda: parsing.parse("empty.txt", b"  \n")),
            "The file is empty: check that it is complete and import it again.",
            "文件为空：请检查文件是否完整后重新导入。",
        ),
        (
            lambda: _parse_error(lambda: text.parse(b"\x00\x01binary", "scan.txt")),
            "File “scan.txt” is not a text file (it contains binary content): check the file format, "
            "or import it with the suffix of its actual format.",
            "文件“scan.txt”不是文本文件（含有二进制内容）：请确认文件格式，或改用对应格式的后缀导入。",
        ),
        (
            lambda: _parse_error(lambda: markdown.parse("正文一段。\n".encode(), "无标题.md")),
            "File “无标题.md” has no title: the first line must be “# Title”.",
            "文件“无标题.md”缺少标题：第一行应为“# 标题”。",
        ),
        (
            lambda: _jsonl_failure("[1, 2]"),
            ("line 2", "Not a JSON object: each line must be one record with fields such as title and body."),
            ("第2行", "不是 JSON 对象：每行应为一条包含 title 和 body 等字段的记录。"),
        ),
        (
            lambda: str(pdf.OCR_WARNING),
            "The body text was recognised by OCR and may contain wrong characters, and tables were not kept: "
            "check it against the original.",
            "正文由 OCR 识别，可能有错字，表格也未保留：请对照原件核对。",
        ),
        (_missing_path_message, "File or folder not found: check the path.", "找不到该文件或文件夹，请检查路径。"),
    ],
)
def test_messages_follow_language(produce, english, chinese):
    assert in_both_languages(produce) == (english, chinese)


@pytest.mark.django_db
def test_unknown_agency_warning_follows_language():
    parsed = ParsedDocument(title="关于某事的通知", parser="text")

    with translation.override("en"):
        _agencies, english = library.resolve_agencies(parsed, None)
    with translation.override("zh-hans"):
        _agencies, chinese = library.resolve_agencies(parsed, None)

    assert english == ["The issuing agency was not recognised, so the document was filed under “待确认机关”: correct it in the admin."]
    assert chinese == ["未能识别发文机关，已归入“待确认机关”，请在管理后台更正。"]


@pytest.mark.parametrize(
    ("language", "html_lang", "heading", "home_link"),
    [
        ("en", '<html lang="en">', "<h1>The server cannot handle the request at the moment</h1>", "Back to the home page"),
        ("zh-hans", '<html lang="zh-CN">', "<h1>服务器暂时无法处理该请求</h1>", "返回首页"),
    ],
)
def test_server_error_page_follows_language(language, html_lang, heading, home_link):
    with translation.override(language):
        page = render_to_string("500.html")

    assert page.startswith("<!DOCTYPE html>")
    assert html_lang in page
    assert heading in page
    assert home_link in page
