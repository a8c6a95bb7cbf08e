"""HTML parser on the real policy pages of the corpus and on small pages in the layouts government sites use."""

import datetime

import pytest

from gongkai.documents import parsing
from gongkai.documents.parsing import html
from gongkai.documents.parsing.base import ParseError
from tests.conftest import corpus_path

DECISION = "files/html/zhou_govcn_guofa_2018_43_jueding_fragment.html"
REPLY = "files/html/zhou_govcn_guobanhan_2006_71_jianyi_dafu_fragment.html"
ARTICLE = "files/html/gne_zhejiang_fgw_article.html"

BODY = (
    "<p>各区人民政府，市政府各委、办、局：</p>"
    "<p>为做好2025年耕地地力保护补贴工作，现就有关事项通知如下。</p>"
    "<p>一、补贴标准按附表执行。</p>"
)


def parse_page(markup: str, encoding: str = "utf-8"):
    documents = html.parse(markup.encode(encoding), "page.html")
    assert len(documents) == 1
    return documents[0]


def parse_corpus(relative: str):
    return html.parse(corpus_path(relative).read_bytes(), relative.rsplit("/", 1)[-1])[0]


@pytest.mark.parametrize(
    ("relative", "field", "expected"),
    [
        (DECISION, "index_number", "000014349/2018-00222"),
        (DECISION, "subject", "卫生、体育\\医药管理"),
        (DECISION, "agencies", ["国务院"]),
        (DECISION, "written_date", datetime.date(2018, 12, 21)),
        (DECISION, "publish_date", datetime.date(2018, 12, 29)),
        (
            DECISION,
            "title",
            "国务院关于在海南博鳌乐城国际医疗旅游先行区暂时调整实施《中华人民共和国药品管理法实施条例》有关规定的决定",
        ),
        (DECISION, "note", "此件公开发布"),
        (REPLY, "index_number", "000014349/2006-00212"),
        (REPLY, "agencies", ["国务院办公厅"]),
        (REPLY, "written_date", datetime.date(2006, 9, 7)),
        (REPLY, "publish_date", datetime.date(2018, 12, 24)),
        (REPLY, "title", "国务院办公厅对十届全国人大四次会议第7240号建议的答复"),
        (REPLY, "addressees", "周桂英等代表"),
    ],
)
def test_govcn_fragment_fields(relative, field, expected):
    assert getattr(parse_corpus(relative), field) == expected


@pytest.mark.parametrize(
    ("relative", "expected"),
    [(DECISION, "国发〔2018〕43号"), (REPLY, "国办函〔2006〕71号")],
)
def test_govcn_fragment_number(relative, expected):
    parsed = parse_corpus(relative)

    assert parsed.document_number is not None
    assert parsed.document_number.canonical == expected


def test_info_table_not_in_body():
    parsed = parse_corpus(DECISION)

    assert "索 引 号" not in parsed.text
    assert "主题分类" not in parsed.text
    assert parsed.parts[0].text.startswith("为进一步支持海南省试点发展国际医疗旅游相关产业")


def test_article_page_meta_tags():
    parsed = parse_corpus(ARTICLE)

    assert parsed.title == "1-10月德清县固定资产投资结构趋稳趋优"
    assert parsed.publish_date == datetime.date(2016, 11, 22)
    assert parsed.agencies == ["省发改委"]
    assert parsed.subject == "投资运行"


def test_article_page_main_content():
    parsed = parse_corpus(ARTICLE)

    assert parsed.text.startswith("1-10月，全县固定资产投资完成246.79亿元")
    assert parsed.text.endswith("总体全县投资结构趋稳趋优。（德清县发改局）")
    for chrome in ("当前位置", "版权所有", "打印", "分享到"):
        assert chrome not in parsed.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2018年12月29日", datetime.date(2018, 12, 29)),
        ("二〇〇六年九月七日", datetime.date(2006, 9, 7)),
        ("2016-11-22 09:53", datetime.date(2016, 11, 22)),
        ("2016/11/22", datetime.date(2016, 11, 22)),
        ("2025年2月30日", None),
        ("", None),
    ],
)
def test_date_formats(text, expected):
    assert html.parse_date(text) == expected


@pytest.mark.parametrize(
    "info",
    [
        "<table><tr><th>索引号</th><td>11310000002425034Q/2025-00031</td><th>发文字号</th><td>沪府办发〔2025〕5号</td></tr>"
        "<tr><th>发布机构</th><td>上海市人民政府办公厅</td><th>成文日期</th><td>二〇二五年三月三十一日</td></tr></table>",
        "<table><tr><td>索 引 号：</td><td>11310000002425034Q/2025-00031</td></tr>"
        "<tr><td>发文字号：</td><td>沪府办发〔2025〕5号</td></tr><tr><td>发布机构：</td><td>上海市人民政府办公厅</td></tr>"
        "<tr><td>成文日期：</td><td>2025年03月31日</td></tr></table>",
        "<dl><dt>索引号：</dt><dd>11310000002425034Q/2025-00031</dd><dt>发文字号：</dt><dd>沪府办发〔2025〕5号</dd>"
        "<dt>发布机构：</dt><dd>上海市人民政府办公厅</dd><dt>成文日期：</dt><dd>2025-03-31</dd></dl>",
        "<div class='xxgk'><span>索引号：11310000002425034Q/2025-00031</span><span>发文字号：沪府办发〔2025〕5号</span>"
        "<span>发布机构：上海市人民政府办公厅</span><span>成文日期：2025年3月31日</span></div>",
        "<ul><li><b>索引号</b><em>11310000002425034Q/2025-00031</em></li><li><b>发文字号</b><em>沪府办发〔2025〕5号</em></li>"
        "<li><b>发布机构</b><em>上海市人民政府办公厅</em></li><li><b>成文日期</b><em>2025年3月31日</em></li></ul>",
    ],
    ids=["th-td", "td-td", "dl", "span", "li"],
)
def test_info_table_layouts(info):
    parsed = parse_page(f"<div>{info}</div><div class='article'>{BODY}</div>")

    assert parsed.index_number == "11310000002425034Q/2025-00031"
    assert parsed.document_number.canonical == "沪府办发〔2025〕5号"
    assert parsed.agencies == ["上海市人民政府办公厅"]
    assert parsed.written_date == datetime.date(2025, 3, 31)


def test_info_table_left_out_of_body():
    page = (
        "<table><tr><th>索引号</th><td>11310000002425034Q/2025-00031</td><th>主题分类</th><td>农业、林业</td></tr></table>"
        f"{BODY}"
    )

    parsed = parse_page(page)

    assert parsed.subject == "农业、林业"
    assert "索引号" not in parsed.text
    assert all(part.kind != "table" for part in parsed.parts)


def test_info_table_overrides_body():
    page = (
        "<table><tr><td>标题：</td><td>关于做好耕地地力保护补贴工作的通知</td></tr>"
        "<tr><td>发文字号：</td><td>江府办发〔2025〕12号</td></tr></table>"
        f"<div>江府办发〔2025〕13号</div><div>{BODY}</div>"
    )

    parsed = parse_page(page)

    assert parsed.title == "关于做好耕地地力保护补贴工作的通知"
    assert parsed.document_number.canonical == "江府办发〔2025〕12号"


def test_open_graph_and_canonical():
    page = (
        "<html><head><meta property='og:title' content='江城市耕地地力保护补贴通知'>"
        "<meta property='og:url' content='https://www.jiangcheng.gov.cn/og/1.html'>"
        "<link rel='canonical' href='https://www.jiangcheng.gov.cn/zwgk/2025/1.html'>"
        "<meta name='PubDate' content='2025-04-01 10:00'></head>"
        f"<body><div>{BODY}</div></body></html>"
    )

    parsed = parse_page(page)

    assert parsed.source_url == "https://www.jiangcheng.gov.cn/zwgk/2025/1.html"
    assert parsed.publish_date == datetime.date(2025, 4, 1)


def test_og_url_without_canonical():
    page = f"<meta property='og:url' content='https://www.jiangcheng.gov.cn/og/1.html'><div>{BODY}</div>"

    assert parse_page(page).source_url == "https://www.jiangcheng.gov.cn/og/1.html"


def test_body_table_stays_table():
    table = (
        "<table border='1'><tr><th>补贴对象</th><th>补贴标准（元/亩）</th><th>备注</th></tr>"
        "<tr><td rowspan='2'>种植粮食作物的耕地</td><td>120</td><td>按实际种植面积</td></tr>"
        "<tr><td>150</td><td>高标准农田</td></tr>"
        "<tr><td>撂荒地</td><td colspan='2'>不予补贴</td></tr></table>"
    )

    parsed = parse_page(f"<div class='TRS_Editor'>{BODY}{table}<p>二、补贴资金直接发放到户。</p></div>")

    tables = [part for part in parsed.parts if part.kind == "table"]
    assert len(tables) == 1
    assert tables[0].rows == [
        ["补贴对象", "补贴标准（元/亩）", "备注"],
        ["种植粮食作物的耕地", "120", "按实际种植面积"],
        ["", "150", "高标准农田"],
        ["撂荒地", "不予补贴"],
    ]


def test_content_beats_navigation():
    page = (
        "<html><body><nav><a href='/'>首页</a><a href='/zwgk'>政务公开</a></nav>"
        "<div class='sidebar'>" + "".join(f"<p><a href='/n/{i}'>相关新闻标题第{i}条链接</a></p>" for i in range(30)) + "</div>"
        f"<div class='main'><h1>关于做好耕地地力保护补贴工作的通知</h1>{BODY}</div>"
        "<footer><p>版权所有：江城市人民政府办公室</p></footer></body></html>"
    )

    parsed = parse_page(page)

    assert "为做好2025年耕地地力保护补贴工作" in parsed.text
    assert "相关新闻" not in parsed.text
    assert "版权所有" not in parsed.text


@pytest.mark.parametrize(
    ("data", "label"),
    [
        (f"<meta charset='gb2312'><div>{BODY}</div>".encode("gb18030"), "meta charset"),
        (f"<div>{BODY}</div>".encode("gb18030"), "no charset"),
        (b"\xef\xbb\xbf" + f"<div>{BODY}</div>".encode(), "utf-8 BOM"),
        (f"<meta http-equiv='Content-Type' content='text/html; charset=GBK'><div>{BODY}</div>".encode("gbk"), "http-equiv"),
        (f"<meta charset='gbk'><div>{BODY}</div>".encode(), "re-encoded by a crawler"),
    ],
)
def test_encoding_detection(data, label):
    parsed = html.parse(data, f"{label}.html")[0]

    assert "为做好2025年耕地地力保护补贴工作" in parsed.text


def test_binary_file_message():
    with pytest.raises(ParseError) as raised:
        html.parse(bytes(range(256)) * 4, "binary.html")

    assert str(raised.value) == (
        "无法读取 HTML 文件：文件不是文本，或编码无法识别。请确认文件是网页（.html），在浏览器中另存为 UTF-8 编码后再导入。"
    )


def test_page_without_text_message():
    with pytest.raises(ParseError) as raised:
        html.parse(b"<html><body><script>load()</script><img src='a.png'></body></html>", "empty.html")

    assert str(raised.value) == (
        "网页中没有找到正文：页面可能只有图片或由脚本加载内容。请保存包含正文的页面，或改为导入原文件（PDF、DOCX、OFD）。"
    )


def test_empty_html_file():
    with pytest.raises(ParseError) as raised:
        parsing.parse("empty.html", b"")

    assert str(raised.value) == "文件为空：请检查文件是否完整后重新导入。"
