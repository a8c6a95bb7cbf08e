"""Markdown parser for the laws layout, on real law files and on every file of the laws folder."""

import datetime

import pytest

from gongkai.documents.parsing import markdown
from gongkai.documents.parsing.base import NotADocument, ParseError
from tests.conftest import corpus_path

OGI_REGULATIONS = "行政法规/政府信息公开条例(2019-04-03).md"


def parse_law(relative: str):
    path = corpus_path(f"laws/{relative}")
    return markdown.parse(path.read_bytes(), relative)[0]


@pytest.mark.corpus
def test_regulations_events():
    document = parse_law(OGI_REGULATIONS)

    assert [(event.kind, event.date) for event in document.events] == [
        ("promulgated", datetime.date(2007, 4, 5)),
        ("revised", datetime.date(2019, 4, 3)),
        ("effective", datetime.date(2019, 5, 15)),
    ]
    assert document.events[1].text == "2019年4月3日 中华人民共和国国务院令第711号修订"


@pytest.mark.corpus
def test_regulations_metadata():
    document = parse_law(OGI_REGULATIONS)

    assert document.title == "中华人民共和国政府信息公开条例"
    assert document.doc_type == "administrative_regulation"
    assert document.agencies == ["国务院"]
    assert document.version_date == datetime.date(2019, 4, 3)
    assert document.publish_date == datetime.date(2019, 4, 3)
    assert document.effective_date == datetime.date(2019, 5, 15)


@pytest.mark.corpus
def test_regulations_structure():
    document = parse_law(OGI_REGULATIONS)
    articles = [part for part in document.parts if part.kind == "article"]

    assert document.parts[0].text == "第一章 总则"
    assert document.parts[0].level == 1
    assert [part.number for part in articles] == list(range(1, 57))
    assert articles[2].text.startswith("第三条 各级人民政府应当加强对政府信息公开工作的组织领导。\n国务院办公厅")


@pytest.mark.corpus
def test_civil_code_volume():
    document = parse_law("民法典/物权编.md")

    assert document.title == "中华人民共和国民法典"
    assert document.volume == "物权编"
    assert document.volume_order == 205
    assert document.agencies == ["全国人民代表大会"]
    assert document.doc_type == "law"
    assert [(part.label, part.level) for part in document.parts[:2]] == [("第一分编", 1), ("第一章", 2)]


@pytest.mark.corpus
def test_index_file_skipped():
    path = corpus_path("laws/民法典/_index.md")

    with pytest.raises(NotADocument) as error:
        markdown.parse(path.read_bytes(), "民法典/_index.md")

    assert str(error.value) == "该文件只有目录设置（front matter），不是法规正文，已跳过。"


LAW = """\
# 上海市某某条例

2020年5月14日 上海市第十五届人民代表大会常务委员会第二十一次会议通过

2020年7月1日 施行

<!-- INFO END -->

## 第一章 总则

第一条 为了规范某某工作，制定本条例。

第二条 本条例适用于本市行政区域。

前款所称某某，是指下列事项：

（一）甲事项；

（二）乙事项。
"""


@pytest.mark.parametrize(
    ("name", "doc_type"),
    [
        ("DLC/上海地方法规/地方性法规/上海/上海市某某条例(2020-05-14).md", "local_regulation"),
        ("行政法规/某某条例(2020-05-14).md", "administrative_regulation"),
        ("司法解释/某某规定.md", "judicial_interpretation"),
        ("部门规章/商务部/某某办法.md", "rule"),
        ("宪法相关法/某某法.md", "law"),
        ("上海市某某条例.md", "local_regulation"),
    ],
)
def test_doc_type_by_folder(name, doc_type):
    document = markdown.parse(LAW.encode(), name)[0]

    assert document.doc_type == doc_type


def test_law_articles_keep_paragraphs():
    document = markdown.parse(LAW.encode(), "上海市某某条例.md")[0]

    assert document.agencies == ["上海市人民代表大会常务委员会"]
    assert document.parts[2].text == "第二条 本条例适用于本市行政区域。\n前款所称某某，是指下列事项：\n（一）甲事项；\n（二）乙事项。"
    assert document.version_date == datetime.date(2020, 5, 14)
    assert document.effective_date == datetime.date(2020, 7, 1)


@pytest.mark.parametrize(
    ("event", "agencies"),
    [
        ("2019年4月3日 中华人民共和国国务院令第711号修订", ["国务院"]),
        ("2020年5月28日 第十三届全国人民代表大会第三次会议通过", ["全国人民代表大会"]),
        ("2021年4月29日 第十三届全国人民代表大会常务委员会第二十八次会议通过", ["全国人民代表大会常务委员会"]),
        ("2020年5月14日 上海市第十五届人民代表大会常务委员会第二十一次会议通过", ["上海市人民代表大会常务委员会"]),
        ("2018年9月20日 浙江省第十三届人民代表大会常务委员会第五次会议通过", ["浙江省人民代表大会常务委员会"]),
        ("2015年1月19日 最高人民法院审判委员会第1641次会议通过", ["最高人民法院"]),
        ("2008年7月17日 人力资源和社会保障部令第1号公布", ["人力资源和社会保障部"]),
        ("2018年4月4日 中华人民共和国商务部令第2号公布", ["中华人民共和国商务部"]),
        ("2020年1月1日 某某会议通过", []),
    ],
)
def test_agencies_from_event(event, agencies):
    data = f"# 某某规定\n\n{event}\n\n<!-- INFO END -->\n\n第一条 内容。\n".encode()

    assert markdown.parse(data, "某某规定.md")[0].agencies == agencies


def test_missing_title_rejected():
    with pytest.raises(ParseError) as error:
        markdown.parse("<!-- INFO END -->\n\n第一条 内容。\n".encode(), "无标题.md")

    assert str(error.value) == "文件“无标题.md”缺少标题：第一行应为“# 标题”。"


@pytest.mark.corpus
def test_every_law_file_parses():
    """Parse all 3,445 Markdown files of the laws folder; `_index.md` files are skipped as not documents."""
    root = corpus_path("laws")
    files = sorted(root.rglob("*.md"))
    documents = []
    skipped = []

    for path in files:
        name = path.relative_to(root).as_posix()
        try:
            documents.extend(markdown.parse(path.read_bytes(), name))
        except NotADocument:
            skipped.append(name)

    assert len(files) == 3445
    assert len(skipped) == 22
    assert all(name.endswith("_index.md") for name in skipped)
    assert all(document.title for document in documents)
    assert sum(1 for document in documents if document.article_count) > 3200


@pytest.mark.parametrize(
    ("name", "title", "expected"),
    [
        ("laws/DLC/上海地方法规/地方性法规/上海/上海市专利保护条例.md", "上海市专利保护条例", ["上海市人民代表大会常务委员会"]),
        ("laws/DLC/浙江地方法规/地方性法规/浙江/杭州市城市绿化管理条例.md", "杭州市城市绿化管理条例", ["杭州市人民代表大会常务委员会"]),
        ("laws/DLC/浙江地方法规/地方性法规/浙江/示例条例.md", "示例条例", ["浙江省人民代表大会常务委员会"]),
        ("laws/行政法规/网络数据安全管理条例(2024-09-24).md", "网络数据安全管理条例", ["国务院"]),
        ("laws/司法解释/示例解释.md", "关于审理示例案件适用法律若干问题的解释", ["最高人民法院"]),
        ("laws/行政法/反间谍法(2014-11-01).md", "中华人民共和国反间谍法", ["全国人民代表大会常务委员会"]),
    ],
)
def test_agency_from_folder_without_events(name, title, expected):
    text = f"# {title}\n\n<!-- INFO END -->\n\n第一条 为了示例，制定本条例。\n"
    document = markdown.parse(text.encode("utf-8"), name)[0]

    assert document.agencies == expected


@pytest.mark.parametrize(
    ("title", "event", "expected"),
    [
        ("上海市政府信息公开示例办法", "2025年1月10日 上海市人民政府令第1号公布", "rule"),
        ("示例管理办法", "2020年1月1日 中华人民共和国商务部令第1号公布", "rule"),
        ("中华人民共和国示例法", "2020年1月1日 第十三届全国人民代表大会常务委员会第十次会议通过", "law"),
        ("示例条例", "2020年1月1日 中华人民共和国国务院令第700号公布", "administrative_regulation"),
    ],
)
def test_doc_type_from_events(title, event, expected):
    text = f"# {title}\n\n{event}\n\n<!-- INFO END -->\n\n第一条 为了示例，制定本办法。\n"
    document = markdown.parse(text.encode("utf-8"), "samples/x.md")[0]

    assert document.doc_type == expected
