"""The pre-publication rule families, table-driven, on text lines as the checks read them."""

import pytest

from gongkai.documents.choices import Disclosure
from gongkai.publishing import checks
from gongkai.publishing.checks.base import Line, Material
from gongkai.publishing.checks.personal import mask

pytestmark = pytest.mark.django_db


def material(*lines, **known):
    return Material(lines=[Line(number, text) for number, text in enumerate(lines, start=1)], **known)


def findings_of(*lines, resolver=None, allowed=(), **known):
    return checks.run(material(*lines, **known), resolver=resolver or (lambda url: True), allowed_hosts=list(allowed))


def rules(findings):
    return [(finding.rule, str(finding.severity), finding.line) for finding in findings]


# -- Personal data -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rule", "severity"),
    [
        ("联系人：张三，身份证号11010519491231002X。", "personal.id_number", "blocking"),
        ("身份证 440308199901101512", "personal.id_number", "blocking"),
        ("身份证号（旧证）：110105491231002。", "personal.legacy_id_number", "blocking"),
        ("登记号 110105491231002。", "personal.legacy_id_number", "warning"),
        ("联系人身份证号110105194912310021。", "personal.id_number", "blocking"),
        ("联系电话：13812345678。", "personal.mobile", "blocking"),
        ("联系电话：138-1234-5678。", "personal.mobile", "blocking"),
        ("联系电话：+86 13812345678。", "personal.mobile", "blocking"),
        ("收款账号：6222020200112233446。", "personal.bank_card", "blocking"),
        ("收款账号：6217 0012 3456 7893。", "personal.bank_card", "blocking"),
        ("请发送至 zhang.san@example.com 。", "personal.email", "warning"),
    ],
)
def test_personal_data_found(text, rule, severity):
    found = [item for item in findings_of(text) if item.rule.startswith("personal.")]

    assert rules(found) == [(rule, severity, 1)]


@pytest.mark.parametrize(
    "text",
    [
        "档案编号110105194912310021（校验位错误，也未标明是身份证号）",
        "出生日期不存在的号码11010519491331002X",
        "流水号 213812345678901 不是手机号",
        "注册号 310000000123456（出生日期不存在）",
        "编号 990105491231002（省份代码不存在）",
        "编号1381234567812",
        "订单号 12345678901",
        "金额 6222020200112233445 元（不通过 Luhn 校验）",
        "统一社会信用代码 91110108551385082Q",
        "2025年3月5日起施行，共印 120 份",
        "办公电话：021-23456789",
    ],
)
def test_personal_data_false_alarms(text):
    found = [item for item in findings_of(text) if item.rule.startswith("personal.")]

    assert found == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("电话13812345678", "电话138****5678"),
        ("证号11010519491231002X", "证号110105********002X"),
        ("旧证号110105491231002", "旧证号110105*****1002"),
        ("卡号6222020200112233446", "卡号6222***********3446"),
        ("邮箱 zhang@example.com", "邮箱 z****@example.com"),
        ("代码91110108551385082Q", "代码91110108551385082Q"),
    ],
)
def test_mask_personal_data(text, expected):
    assert mask(text) == expected


def test_excerpt_never_shows_number():
    found = findings_of("申请人李四，手机13812345678，身份证11010519491231002X，请核实。")

    assert found
    for finding in found:
        assert "13812345678" not in finding.excerpt
        assert "11010519491231002X" not in finding.excerpt
        assert "19491231" not in finding.excerpt


def test_name_and_id_in_row():
    rows = [["序号", "姓名", "身份证号"], ["1", "王小明", "440308199901101512"], ["2", "合计", ""]]
    lines = [Line(number, "\t".join(row), cells=row, table=1) for number, row in enumerate(rows, start=1)]
    found = checks.run(Material(lines=lines), resolver=lambda url: True, allowed_hosts=[])

    assert ("personal.name_row", "blocking", 2) in rules(found)
    assert ("personal.id_number", "blocking", 2) in rules(found)
    assert all(finding.line == 2 for finding in found if finding.rule.startswith("personal."))


def test_name_row_without_header():
    row = ["1", "陈红", "13912345678"]
    found = checks.run(
        Material(lines=[Line(1, "\t".join(row), cells=row, table=1)]), resolver=lambda url: True, allowed_hosts=[]
    )

    assert ("personal.name_row", "blocking", 1) in rules(found)


# -- Identifiers as metadata -------------------------------------------------------------------


def test_uscc_bad_check_character():
    found = findings_of("统一社会信用代码：91110000600037341M")

    assert rules(found) == [("codes.uscc", "warning", 1)]
    assert found[0].message == "统一社会信用代码“91110000600037341M”校验位不正确（GB 32100）。"


# -- Classification and release marks ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("机密★1年", "marks.classification"),
        ("秘密", "marks.classification"),
        ("绝 密★长期", "marks.classification"),
        ("密级：机密", "marks.classification"),
        ("内部资料 注意保存", "marks.restricted"),
        ("本文件不得外传。", "marks.restricted"),
        ("（此件不予公开）", "marks.note"),
        ("（此件依申请公开）", "marks.note"),
    ],
)
def test_release_marks_block(text, rule):
    found = [item for item in findings_of(text) if item.rule.startswith("marks.")]

    assert (rule, "blocking", 1) in rules(found)


@pytest.mark.parametrize("text", ["保守国家秘密是公民的义务。", "（此件公开发布）", "加强秘密载体管理"])
def test_release_marks_quiet(text):
    assert [item for item in findings_of(text) if item.rule.startswith("marks.")] == []


def test_marks_allowed_when_on_request():
    found = findings_of("内部资料", "（此件依申请公开）", disclosure=Disclosure.ON_REQUEST)

    assert [item for item in found if item.rule.startswith("marks.")] == []


# -- GB/T 9704 format -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message", "suggestion"),
    [
        ("沪示发[2025]5号", "发文字号“沪示发[2025]5号”不符合 GB/T 9704：年份应使用六角括号〔〕。", "改为“沪示发〔2025〕5号”。"),
        ("沪示发〔2025〕第5号", "发文字号“沪示发〔2025〕第5号”不符合 GB/T 9704：序号前不加“第”。", "改为“沪示发〔2025〕5号”。"),
        ("沪示发〔2025〕05号", "发文字号“沪示发〔2025〕05号”不符合 GB/T 9704：序号不编虚位（1 不写作 01）。", "改为“沪示发〔2025〕5号”。"),
        (
            "沪示发（25）第012号",
            "发文字号“沪示发（25）第012号”不符合 GB/T 9704：年份应使用六角括号〔〕；年份应写全四位；序号前不加“第”；序号不编虚位（1 不写作 01）。",
            "改为“沪示发〔2025〕12号”。",
        ),
    ],
)
def test_document_number_format(text, message, suggestion):
    found = [item for item in findings_of(text) if item.rule == "format.document_number"]

    assert len(found) == 1
    assert found[0].message == message
    assert found[0].suggestion == suggestion


@pytest.mark.parametrize("text", ["沪示发〔2025〕5号", "国务院令第711号", "国家税务总局公告2025年第3号"])
def test_document_number_correct(text):
    assert [item for item in findings_of(text) if item.rule == "format.document_number"] == []


@pytest.mark.parametrize(
    ("text", "count"),
    [("二〇二五年三月五日", 1), ("上海市示例局 二〇二五年三月五日", 1), ("2025年03月05日", 1), ("2025年3月5日", 0)],
)
def test_written_date_format(text, count):
    assert len([item for item in findings_of(text) if item.rule == "format.written_date"]) == count


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("一、总体要求", False),
        ("（一）工作目标", False),
        ("1.加强领导", False),
        ("（1）明确分工", False),
        ("一.总体要求", True),
        ("1、加强领导", True),
        ("(一)工作目标", True),
        ("（一）、工作目标", True),
        ("2.5亿元用于补助", False),
    ],
)
def test_heading_numbering(text, flagged):
    found = [item for item in findings_of(text) if item.rule == "format.heading"]

    assert bool(found) is flagged


@pytest.mark.parametrize(("text", "flagged"), [("各区人民政府，市政府各委、办、局:", True), ("各区人民政府，市政府各委、办、局：", False)])
def test_addressee_colon(text, flagged):
    assert bool([item for item in findings_of(text) if item.rule == "format.addressee_colon"]) is flagged


def test_attachment_note_matches_attachments():
    found = findings_of("附件：1.申报表", "2.评分标准", "附件1", "申报表", "附件2", "评分标准")

    assert [item for item in found if item.rule == "format.attachment_note"] == []


def test_attachment_note_missing_attachment():
    found = [item for item in findings_of("附件：1.申报表", "2.评分标准", "附件1", "申报表") if item.rule == "format.attachment_note"]

    assert [(item.line, item.message) for item in found] == [(2, "附件说明列出了“评分标准”，但文件中找不到对应的附件。")]


def test_attachment_note_separate_file():
    found = checks.run(
        Material(lines=[Line(1, "附件：申报表")], attachment_files=["申报表.xlsx"]), resolver=lambda url: True, allowed_hosts=[]
    )

    assert [item for item in found if item.rule == "format.attachment_note"] == []


def test_attachment_note_punctuation():
    found = [item for item in findings_of("附件：申报表。", "附件", "申报表") if item.rule == "format.attachment_note"]

    assert [item.message for item in found] == ["附件名称后不加标点符号。"]


# -- Wording ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "suggested"),
    [
        ("截止2025年12月31日，共受理申请100件。", "截至"),
        ("截止目前已完成。", "截至"),
        ("市政府做出决定。", "作出"),
        ("其它事项另行通知。", "其他"),
        ("采集图象信息。", "图像"),
        ("统一布署。", "部署"),
        ("签定合同。", "签订"),
        ("统筹按排资金。", "安排"),
    ],
)
def test_confusions_flagged(text, suggested):
    found = [item for item in findings_of(text) if item.rule == "wording.confusion"]

    assert len(found) == 1
    assert found[0].suggestion.startswith(f"请核对后改为“{suggested}”")
    assert str(found[0].severity) == "warning"


@pytest.mark.parametrize(
    "text",
    ["申报于2025年3月5日截止。", "截止日期为3月5日。", "作出决定。", "其他事项。", "图像识别。", "部署工作。", "签订合同。", "做出样品。", "深化情报导侦技术。"],
)
def test_confusions_quiet(text):
    assert [item for item in findings_of(text) if item.rule == "wording.confusion"] == []


@pytest.mark.parametrize(
    ("text", "flagged"),
    [("本市的的发展", True), ("完成了了任务", True), ("不了了之", False), ("进一步加强进一步加强管理", True), ("研究研究", False)],
)
def test_repeated_characters(text, flagged):
    assert bool([item for item in findings_of(text) if item.rule == "wording.repeat"]) is flagged


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("根据《条例（试行）》规定。", 0),
        ("根据《条例规定。", 1),
        ("（一）工作要求）", 1),
        ("他说：“好。", 1),
        ("“甲”和“乙”", 0),
    ],
)
def test_unmatched_brackets(text, count):
    assert len([item for item in findings_of(text) if item.rule == "wording.brackets"]) == count


@pytest.mark.parametrize(
    ("text", "flagged"),
    [("加强管理,提高效率。", True), ("加强管理;提高效率", True), ("时间为10:30，金额1,000元。", False), ("加强管理，提高效率。", False)],
)
def test_ascii_punctuation(text, flagged):
    assert bool([item for item in findings_of(text) if item.rule == "wording.ascii_punctuation"]) is flagged


def test_ascii_punctuation_once_per_line():
    found = [item for item in findings_of("征收(以下简称本项目)补偿,安置") if item.rule == "wording.ascii_punctuation"]

    assert [item.message for item in found] == ["中文之间使用了半角标点“(),”（本行 3 处）。"]


def test_doubled_punctuation():
    found = [item for item in findings_of("加强管理，，提高效率。。") if item.rule == "wording.double_punctuation"]

    assert len(found) == 2


# -- Links ----------------------------------------------------------------------------------------


def test_links_only_allowed_hosts_opened():
    opened = []

    def resolver(url):
        opened.append(url)
        return url.endswith("/ok.html")

    found = findings_of(
        "详见 https://www.shanghai.gov.cn/ok.html 。",
        "原文 https://www.shanghai.gov.cn/gone.html",
        "参考 http://example.com/page",
        resolver=resolver,
        allowed=["gov.cn"],
    )

    assert opened == ["https://www.shanghai.gov.cn/ok.html", "https://www.shanghai.gov.cn/gone.html"]
    assert rules([item for item in found if item.rule.startswith("links.")]) == [
        ("links.unreachable", "warning", 2),
        ("links.unlisted_host", "warning", 3),
    ]


def test_links_lookalike_host_not_allowed():
    opened = []
    found = findings_of("https://evilgov.cn/a", resolver=lambda url: opened.append(url) or True, allowed=["gov.cn"])

    assert opened == []
    assert [item.rule for item in found] == ["links.unlisted_host"]


def test_links_allow_list_from_database():
    from gongkai.publishing.models import AllowedLinkHost

    AllowedLinkHost.objects.create(host="zwdt.example.org")
    opened = []
    found = checks.run(material("https://zwdt.example.org/x"), resolver=lambda url: opened.append(url) or True)

    assert opened == ["https://zwdt.example.org/x"]
    assert found == []


# -- Interpretation --------------------------------------------------------------------------------


def test_interpretation_title_line():
    found = findings_of("上海市示例局关于开展补贴申报工作的通知", "联系电话：021-23456789。", title="chk")

    assert [(item.rule, item.line) for item in found] == [("interpretation.missing", 0)]
    assert found[0].excerpt == "上海市示例局关于开展补贴申报工作的通知"


@pytest.mark.parametrize(
    ("title", "body", "known", "blocked"),
    [
        ("关于开展2025年度创新项目申报工作的通知", "请各单位按时报送。", {}, True),
        ("关于印发《示例办法》的通知", "二、申请条件", {}, True),
        ("关于印发《示例办法》的通知", "补贴标准为每人每月500元。", {}, True),
        ("关于印发《示例办法》的通知", "三、办理流程", {"has_interpretation": True}, False),
        ("关于开展申报工作的解读", "申报条件如下。", {"is_interpretation": True}, False),
        ("关于做好安全生产工作的通知", "请各单位加强检查。", {}, False),
        ("关于印发《示例区就业补贴办法》的通知", "请遵照执行。", {}, True),
        ("反倾销和反补贴调查听证会规则", "听证会按照下列程序进行。", {}, False),
        ("国家科学技术奖励条例", "第一条 为了奖励在科学技术进步活动中做出突出贡献的个人、组织。", {}, False),
        ("关于政府信息公开申请办理工作的通知", "请各单位按时答复。", {}, False),
    ],
)
def test_interpretation_required(title, body, known, blocked):
    found = [item for item in findings_of(body, title=title, **known) if item.rule == "interpretation.missing"]

    assert bool(found) is blocked
    assert all(str(item.severity) == "blocking" for item in found)


# -- Whole run -------------------------------------------------------------------------------------


def test_findings_are_json_ready():
    found = findings_of("联系电话：13812345678。")
    record = found[0].as_dict()

    assert set(record) == {"rule", "severity", "line", "excerpt", "message", "suggestion", "key"}
    assert record["severity"] == "blocking"
    assert record["excerpt"] == "联系电话：138****5678。"
    assert len(record["key"]) == 16
