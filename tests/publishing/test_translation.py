"""Publishing messages in the chosen language: check findings, action errors and their Chinese originals."""

import hashlib

import pytest
from django.utils import translation

from gongkai.core.models import Role
from gongkai.publishing import actions, checks
from gongkai.publishing.checks.base import Line, Material
from gongkai.publishing.exceptions import BlockingFindings, InvalidInput, InvalidTransition, NotPermitted, UnconfirmedWarnings
from tests.publishing.fixtures import make_agency, make_staff

pytestmark = pytest.mark.django_db


def finding_of(text, rule):
    material = Material(lines=[Line(1, text)])
    found = [item for item in checks.run(material, resolver=lambda url: True, allowed_hosts=[]) if item.rule == rule]
    assert len(found) == 1
    return found[0]


FINDINGS = [
    (
        "联系电话：13812345678。",
        "personal.mobile",
        "Mobile phone number found.",
        "Delete personal mobile numbers. To publish contact details, give an office phone number.",
        "发现手机号码。",
        "删除个人手机号码；如需公布联系方式，请使用办公电话。",
    ),
    (
        "统一社会信用代码：91110000600037341M",
        "codes.uscc",
        "The check character of the unified social credit code “91110000600037341M” is wrong (GB 32100).",
        "Check the code, for example in the National Enterprise Credit Information Publicity System.",
        "统一社会信用代码“91110000600037341M”校验位不正确（GB 32100）。",
        "核对代码，可在国家企业信用信息公示系统查询。",
    ),
    (
        "请按排好工作。",
        "wording.confusion",
        "“按排” may be the wrong word: “按排” is a misspelling.",
        "Check it and change it to “安排”. If the use here is right, confirm the warning to keep it.",
        "“按排”可能用词不当：“按排”为错别字。",
        "请核对后改为“安排”；如本处用法正确，可确认后忽略。",
    ),
    (
        "征收(以下简称本项目)补偿,安置",
        "wording.ascii_punctuation",
        "Half-width punctuation “(),” is used between Chinese characters (3 places in this line).",
        "Use full-width punctuation in Chinese text, such as “，” “；” “：” “（）”.",
        "中文之间使用了半角标点“(),”（本行 3 处）。",
        "中文文本应使用全角标点，如“，”“；”“：”“（）”。",
    ),
    (
        "示府发〔25〕第007号",
        "format.document_number",
        "The 发文字号 “示府发〔25〕第007号” does not follow GB/T 9704: write the year with all four digits; "
        "do not put “第” before the serial number; do not pad the serial number with zeros (1, not 01).",
        "Change it to “示府发〔2025〕7号”.",
        "发文字号“示府发〔25〕第007号”不符合 GB/T 9704：年份应写全四位；序号前不加“第”；序号不编虚位（1 不写作 01）。",
        "改为“示府发〔2025〕7号”。",
    ),
]


@pytest.mark.parametrize(("text", "rule", "english", "english_suggestion", "chinese", "chinese_suggestion"), FINDINGS)
def test_findings_follow_the_chosen_language(text, rule, english, english_suggestion, chinese, chinese_suggestion):
    finding = finding_of(text, rule)

    with translation.override("en"):
        record = finding.as_dict()
    assert record["message"] == english
    assert record["suggestion"] == english_suggestion

    with translation.override("zh-hans"):
        record = finding.as_dict()
    assert record["message"] == chinese
    assert record["suggestion"] == chinese_suggestion


def test_finding_key_ignores_the_language():
    finding = finding_of("联系电话：13812345678。", "personal.mobile")
    chinese_key = hashlib.sha256("personal.mobile|1|联系电话：138****5678。|发现手机号码。".encode()).hexdigest()[:16]

    with translation.override("en"):
        english_record = finding.as_dict()
    with translation.override("zh-hans"):
        chinese_record = finding.as_dict()

    assert english_record["key"] == chinese_key
    assert chinese_record["key"] == chinese_key


EXCEPTIONS = [
    (
        BlockingFindings,
        [{"rule": "personal.mobile"}, {"rule": "interpretation.missing"}],
        "2 blocking findings are unresolved (interpretation.missing, personal.mobile): edit the draft and run the review again, "
        "or have the disclosure office override them with written reasons.",
        "有 2 项阻断发布的问题尚未解决（interpretation.missing、personal.mobile）：请修改稿件后重新审查，或由公开办书面说明理由后放行。",
    ),
    (
        UnconfirmedWarnings,
        [{"rule": "wording.repeat"}],
        "1 warning awaits a reviewer's confirmation: a reviewer must confirm it before publication.",
        "有 1 项警告尚待审核人确认：请审核人逐项确认后再发布。",
    ),
]


@pytest.mark.parametrize(("error_class", "findings", "english", "chinese"), EXCEPTIONS)
def test_exceptions_follow_the_chosen_language(error_class, findings, english, chinese):
    with translation.override("en"):
        english_error = error_class(findings)
    with translation.override("zh-hans"):
        chinese_error = error_class(findings)

    assert str(english_error) == english
    assert str(chinese_error) == chinese


@pytest.fixture
def staff():
    agency = make_agency("SLJ", "上海市示例局")
    drafter = make_staff("drafter", agency, Role.DRAFTER)
    draft = actions.create_draft(drafter, agency, text="上海市示例局关于做好示例工作的通知\n\n请各单位认真落实。\n")
    return {"agency": agency, "drafter": drafter, "office": make_staff("office", agency, Role.DISCLOSURE_OFFICE), "draft": draft}


ACTION_ERRORS = [
    (
        lambda staff: actions.publish(staff["drafter"], staff["draft"]),
        NotPermitted,
        "To publish, you need one of these roles: Disclosure office.",
        "“发布”需要以下角色之一：公开办。",
    ),
    (
        lambda staff: actions.create_draft(staff["drafter"], staff["agency"], text=" "),
        InvalidInput,
        "The draft has no content: upload a file or enter the text.",
        "稿件没有内容：请上传文件或填写正文。",
    ),
    (
        lambda staff: actions.publish(staff["office"], staff["draft"]),
        InvalidTransition,
        "The draft's status is “Draft”, so you cannot publish it: "
        "decide the disclosure attribute and pass the pre-publication review first.",
        "稿件当前状态为“草稿”，不能发布：请先审查公开属性并通过发布审查。",
    ),
    (
        lambda staff: actions.run_checks(staff["drafter"], staff["draft"], resolver=lambda url: True),
        InvalidTransition,
        "The draft's status is “Draft”, so you cannot run the pre-publication review.",
        "稿件当前状态为“草稿”，不能进行发布审查。",
    ),
]


@pytest.mark.parametrize(("attempt", "error_class", "english", "chinese"), ACTION_ERRORS)
def test_action_errors_follow_the_chosen_language(staff, attempt, error_class, english, chinese):
    with translation.override("en"), pytest.raises(error_class) as english_error:
        attempt(staff)
    with translation.override("zh-hans"), pytest.raises(error_class) as chinese_error:
        attempt(staff)

    assert str(english_error.value) == english
    assert str(chinese_error.value) == chinese
