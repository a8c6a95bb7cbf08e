"""GB/T 9704 element detection on plain text: 发文字号, line rejoining and the document structure."""

import datetime

import pytest

from gongkai.documents.parsing.gbt9704 import build_document, join_lines, parse_document_number

SYNTHETIC_NOTICE = """\
000123
机密★1年
特急
江城市人民政府办公室
江城市财政局
文件
江府办发[2025]第012号    签发人：王明
江城市人民政府办公室 江城市财政局关于印发
《江城市2025年耕地地力保护补贴实施办法》
的通知
各区人民政府，市政府各委、办、局：
《江城市2025年耕地地力保护补贴实施办法》已经市政府同意，现印发给你们，请认真贯彻执行。
附件：1.江城市2025年耕地地力保护补贴实施办法
2.补贴对象名单
江城市人民政府办公室
江城市财政局
2025年3月5日
（此件依申请公开）
附件1
江城市2025年耕地地力保护补贴实施办法
第一章 总则
第一条 为了保护耕地，制定本办法。
本办法所称耕地，是指用于种植农作物的土地。
第二条 补贴资金由市财政局拨付。
第二章 补贴标准
一、种植粮食作物的耕地
（一）每亩120元
附件2
补贴对象名单
抄送：市委各部门，市人大常委会办公厅。
江城市人民政府办公室          2025年3月5日印发
"""


@pytest.mark.parametrize(
    ("text", "canonical", "agency_code", "year", "serial"),
    [
        ("沪府办发〔2025〕5号", "沪府办发〔2025〕5号", "沪府办发", 2025, 5),
        ("沪府办发[2025]5号", "沪府办发〔2025〕5号", "沪府办发", 2025, 5),
        ("沪府办发2025年5号", "沪府办发〔2025〕5号", "沪府办发", 2025, 5),
        ("沪府办发（2025）5号", "沪府办发〔2025〕5号", "沪府办发", 2025, 5),
        ("沪府办发(2025)5号", "沪府办发〔2025〕5号", "沪府办发", 2025, 5),
        ("沪府办发【2025】5号", "沪府办发〔2025〕5号", "沪府办发", 2025, 5),
        ("沪府办发［2025］5号", "沪府办发〔2025〕5号", "沪府办发", 2025, 5),
        ("沪府办发﹝2025﹞5号", "沪府办发〔2025〕5号", "沪府办发", 2025, 5),
        ("沪府办发〖2025〗5号", "沪府办发〔2025〕5号", "沪府办发", 2025, 5),
        ("沪府办发〔２０２５〕５号", "沪府办发〔2025〕5号", "沪府办发", 2025, 5),
        ("沪府办发 〔 2025 〕 5 号", "沪府办发〔2025〕5号", "沪府办发", 2025, 5),
        ("国办发[2008]第012号", "国办发〔2008〕12号", "国办发", 2008, 12),
        ("沪府发〔25〕3号", "沪府发〔2025〕3号", "沪府发", 2025, 3),
        ("辽政发〔98〕34号", "辽政发〔1998〕34号", "辽政发", 1998, 34),
        ("发改经体〔2016〕2120号", "发改经体〔2016〕2120号", "发改经体", 2016, 2120),
        ("现将国发〔2025〕3号文件转发给你们", "国发〔2025〕3号", "国发", 2025, 3),
        ("中华人民共和国国务院令第711号", "中华人民共和国国务院令第711号", "中华人民共和国国务院令", None, 711),
        ("第711号", "第711号", "", None, 711),
        ("国家税务总局公告2025年第3号", "国家税务总局公告2025年第3号", "国家税务总局公告", 2025, 3),
        ("2025年第3号", "2025年第3号", "", 2025, 3),
    ],
)
def test_document_number_variants(text, canonical, agency_code, year, serial):
    number = parse_document_number(text)

    assert number is not None
    assert number.canonical == canonical
    assert number.agency_code == agency_code
    assert number.year == year
    assert number.serial == serial


def test_document_number_keeps_original():
    number = parse_document_number("根据国办发[2008]第012号文件")

    assert number.original == "国办发[2008]第012号"


@pytest.mark.parametrize("text", ["没有字号的一段话", "2025年3月5日", "第二次全体会议", ""])
def test_document_number_absent(text):
    assert parse_document_number(text) is None


@pytest.mark.parametrize("mark", ["—１—", "- 1 -", "－２－", "— 12 —", "―3―", "第 2 页 共 5 页"])
def test_join_lines_strips_page_marks(mark):
    paragraphs = join_lines(["第一段的内容到此结束。", mark, "第二段的内容。"])

    assert paragraphs == ["第一段的内容到此结束。", "第二段的内容。"]


def test_join_lines_rejoins_wrapped_lines():
    lines = [
        "为贯彻落实党中央、国务院和市委、市政府关于做好新时代政务公",
        "开工作的决策部署，制定本工作要点。",
        "一、依法履行政府信息公开职责",
        "１．围绕本市经济社会发展主要任务深化信息公开，依法、规范、及",
        "时发布信息并做好解读。",
        "２．启动市政府法定主动公开事项目录编制工作，在试点区和经济建设",
        "领域试点单位组织开展目录编制。",
        "二、发挥以公开促落实的功能作用",
    ]

    paragraphs = join_lines(lines)

    assert paragraphs == [
        "为贯彻落实党中央、国务院和市委、市政府关于做好新时代政务公开工作的决策部署，制定本工作要点。",
        "一、依法履行政府信息公开职责",
        "1．围绕本市经济社会发展主要任务深化信息公开，依法、规范、及时发布信息并做好解读。",
        "2．启动市政府法定主动公开事项目录编制工作，在试点区和经济建设领域试点单位组织开展目录编制。",
        "二、发挥以公开促落实的功能作用",
    ]


def test_join_lines_breaks_at_indent():
    lines = [
        "　　第一段文字写到这里并没有结束的标点符号而且这一行已经写满了整行",
        "　　第二段文字另起一行开头缩进两个字符并且同样写满了这一整行的宽度",
        "接着写完第二段。",
    ]

    paragraphs = join_lines(lines)

    assert len(paragraphs) == 2
    assert paragraphs[1].endswith("接着写完第二段。")


def test_join_lines_blank_line_ends_paragraph():
    lines = ["第一段写到这里没有句号", "", "第二段第一行没有句号", "第二段第二行结束。", "", "第三段。"]

    assert join_lines(lines) == ["第一段写到这里没有句号", "第二段第一行没有句号第二段第二行结束。", "第三段。"]


def test_join_lines_keeps_disclosure_note():
    lines = ["本通知自印发之日起施行，有效期至2030年3月31日止。", "（主动公开）"]

    assert join_lines(lines) == ["本通知自印发之日起施行，有效期至2030年3月31日止。", "（主动公开）"]


def test_join_lines_restores_title_marks():
    paragraphs = join_lines(["«２０２５年上海市政务公开工作要点»已经市政府同意。", "见‹附表›。"])

    assert paragraphs == ["《2025年上海市政务公开工作要点》已经市政府同意。", "见〈附表〉。"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("各区人民政府,市政府各委、办、局,各有关单位:", "各区人民政府，市政府各委、办、局，各有关单位："),
        ("请认真按照执行.", "请认真按照执行。"),
        ("做好解读.(责任单位:各有关单位、各区政府)", "做好解读。（责任单位：各有关单位、各区政府）"),
        ("探索建立“处长(科长)讲政策”机制;", "探索建立“处长（科长）讲政策”机制；"),
        ("金额为1,000元,增长1.5%.", "金额为1,000元，增长1.5%."),
        ("会议时间为10:30.", "会议时间为10:30."),
        ("标准(GB/T 9704)规定", "标准(GB/T 9704)规定"),
        ("网址www.gov.cn。", "网址www.gov.cn。"),
        ("已经印发，请遵照执行：", "已经印发，请遵照执行："),
    ],
)
def test_join_lines_restores_punctuation(line, expected):
    assert join_lines([line]) == [expected]


def test_join_lines_keeps_remark_with_item():
    paragraphs = join_lines(
        [
            "４．组织专题业务培训，进一步提高全市政府信息依申请公开办理业务质量和水平.",
            "(责任单位:市政府办公厅、各区政府)",
            "(此件公开发布)",
        ]
    )

    assert paragraphs == [
        "4．组织专题业务培训，进一步提高全市政府信息依申请公开办理业务质量和水平。（责任单位：市政府办公厅、各区政府）",
        "（此件公开发布）",
    ]


def test_build_document_head_elements():
    document = build_document(SYNTHETIC_NOTICE.splitlines(), parser="text")

    assert document.classification == "机密★1年"
    assert document.urgency == "特急"
    assert document.document_number.canonical == "江府办发〔2025〕12号"
    assert document.document_number.original == "江府办发[2025]第012号"
    assert document.signatories == ["王明"]
    assert document.agencies == ["江城市人民政府办公室", "江城市财政局"]


def test_build_document_title_and_type():
    document = build_document(SYNTHETIC_NOTICE.splitlines(), parser="text")

    assert document.title == "江城市人民政府办公室江城市财政局关于印发《江城市2025年耕地地力保护补贴实施办法》的通知"
    assert document.doc_type == "notice"
    assert document.addressees == "各区人民政府，市政府各委、办、局"


def test_build_document_closing_elements():
    document = build_document(SYNTHETIC_NOTICE.splitlines(), parser="text")

    assert document.written_date == datetime.date(2025, 3, 5)
    assert document.note == "此件依申请公开"
    assert document.disclosure == "on_request"
    assert document.attachment_notes == ["江城市2025年耕地地力保护补贴实施办法", "补贴对象名单"]
    assert document.copied_to == "市委各部门，市人大常委会办公厅"
    assert document.printed_by == "江城市人民政府办公室"
    assert document.printed_date == datetime.date(2025, 3, 5)


def test_build_document_body_parts():
    document = build_document(SYNTHETIC_NOTICE.splitlines(), parser="text")

    assert [part.text for part in document.parts] == [
        "《江城市2025年耕地地力保护补贴实施办法》已经市政府同意，现印发给你们，请认真贯彻执行。"
    ]


def test_build_document_attachments():
    document = build_document(SYNTHETIC_NOTICE.splitlines(), parser="text")
    first, second = document.attachments

    assert (first.label, first.title) == ("附件1", "江城市2025年耕地地力保护补贴实施办法")
    assert (second.label, second.title) == ("附件2", "补贴对象名单")
    assert [(part.kind, part.level, part.label, part.number) for part in first.parts] == [
        ("heading", 1, "第一章", 1),
        ("article", 0, "第一条", 1),
        ("article", 0, "第二条", 2),
        ("heading", 1, "第二章", 2),
        ("heading", 1, "一、", 1),
        ("heading", 2, "（一）", 1),
    ]
    assert first.parts[1].text == "第一条 为了保护耕地，制定本办法。\n本办法所称耕地，是指用于种植农作物的土地。"


@pytest.mark.parametrize(
    ("line", "classification"),
    [
        ("绝密", "绝密"),
        ("机 密", "机密"),
        ("秘密★长期", "秘密★长期"),
        ("机密★6个月", "机密★6个月"),
    ],
)
def test_build_document_classification(line, classification):
    document = build_document([line, "沪府发〔2025〕3号", "上海市人民政府关于某事的通知", "正文。"], parser="text")

    assert document.classification == classification


@pytest.mark.parametrize(
    ("note", "disclosure"),
    [
        ("（此件公开发布）", "proactive"),
        ("（此件主动公开）", "proactive"),
        ("(此件公开发布)", "proactive"),
        ("（此件依申请公开）", "on_request"),
        ("（此件不予公开）", "not_disclosed"),
        ("（联系人：张三，电话：12345678）", ""),
    ],
)
def test_build_document_note_disclosure(note, disclosure):
    lines = ["上海市人民政府关于某事的通知", "各区人民政府：", "正文。", "上海市人民政府", "2025年3月5日", note]

    document = build_document(join_lines(lines), parser="text")

    assert document.note == note.strip("（）()")
    assert document.disclosure == disclosure


@pytest.mark.parametrize(
    ("line", "level", "kind"),
    [
        ("一、总体要求", 1, "heading"),
        ("（一）加强组织领导", 2, "heading"),
        ("(二)加强组织领导", 2, "heading"),
        ("1．明确责任分工", 3, "heading"),
        ("2.明确责任分工", 3, "heading"),
        ("（1）细化工作方案", 4, "heading"),
        ("（一）加强组织领导。各区要建立工作机制。", 2, "paragraph"),
        ("第三节 其他规定", 2, "heading"),
    ],
)
def test_build_document_heading_levels(line, level, kind):
    document = build_document(["上海市人民政府关于某事的通知", "各区人民政府：", line], parser="text")
    part = document.parts[0]

    assert part.kind == kind
    assert part.level == level


def test_build_document_title_hint_wins():
    document = build_document(
        ["沪府发〔2025〕3号", "上海市人民政府关于", "某事的通知", "各区人民政府：", "正文。"],
        parser="html",
        title_hint="上海市人民政府关于某事的通知",
    )

    assert document.title == "上海市人民政府关于某事的通知"
    assert [part.text for part in document.parts] == ["正文。"]
    assert document.addressees == "各区人民政府"


def test_build_document_order_number():
    lines = [
        "湖北省人民政府令",
        "第282号",
        "《湖北省推广使用车用乙醇汽油试点办法》已经省人民政府常务会议审议通过，现予公布。",
        "省长　罗清泉",
        "二〇〇五年十一月二十一日",
    ]

    document = build_document(lines, parser="text")

    assert document.document_number.canonical == "湖北省人民政府令第282号"
    assert document.doc_type == "order"
    assert document.agencies == ["湖北省人民政府"]
    assert document.written_date == datetime.date(2005, 11, 21)
    assert document.signatories == ["省长 罗清泉"]


def test_build_document_keeps_tables():
    rows = [["补贴对象", "标准"], ["耕地", "120"]]

    document = build_document(["上海市人民政府关于某事的通知", "各区人民政府：", "标准如下：", rows], parser="docx")
    table = document.parts[-1]

    assert table.kind == "table"
    assert table.rows == rows
    assert table.text == "补贴对象\t标准\n耕地\t120"


def test_attachments_without_written_date():
    lines = ["上海市人民政府关于某事的通知", "各区人民政府：", "现将有关事项通知如下。", "附件1", "补贴对象名单", "一、种粮农民"]

    document = build_document(lines, parser="html")

    assert [part.text for part in document.parts] == ["现将有关事项通知如下。"]
    assert document.attachments[0].label == "附件1"
    assert document.attachments[0].title == "补贴对象名单"
    assert document.attachments[0].text == "一、种粮农民"


def test_date_under_title_keeps_body():
    lines = ["在全市工作会议上的讲话", "2025年3月5日", "同志们：", "今天召开这次会议。"]

    document = build_document(lines, parser="text")

    assert document.written_date == datetime.date(2025, 3, 5)
    assert [part.kind for part in document.parts] == ["paragraph", "paragraph"]
    assert document.parts[1].text == "今天召开这次会议。"
