"""The annual report: part 三 from a year of sample cases, the column check, labels, and the three formats."""

import datetime
import io
import json

import docx
import pytest
from django.core.management import CommandError, call_command

from gongkai.disclosure import report
from gongkai.disclosure.choices import ApplicantType, EventKind
from gongkai.disclosure.models import AnnualReportFigures, CaseEvent
from gongkai.disclosure.outcomes import Outcome
from gongkai.documents.choices import DocType, Validity
from gongkai.documents.models import Document, DocumentAgency

from .factories import DisclosureRequestFactory, sample_year

pytestmark = pytest.mark.django_db

# Part 三's rows as the 2021 template (国办公开办函〔2021〕30号) prints them, in order.
TEMPLATE_LABELS = [
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "三、本年度办理结果",
    "（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "（三）不予公开",
    "1.属于国家秘密",
    "2.其他法律行政法规禁止公开",
    "3.危及“三安全一稳定”",
    "4.保护第三方合法权益",
    "5.属于三类内部事务信息",
    "6.属于四类过程性信息",
    "7.属于行政执法案卷",
    "8.属于行政查询事项",
    "（四）无法提供",
    "1.本机关不掌握相关政府信息",
    "2.没有现成信息需要另行制作",
    "3.补正后申请内容仍不明确",
    "（五）不予处理",
    "1.信访举报投诉类申请",
    "2.重复申请",
    "3.要求提供公开出版物",
    "4.无正当理由大量反复申请",
    "5.要求行政机关确认或重新出具已获取信息",
    "（六）其他处理",
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "3.其他",
    "（七）总计",
    "四、结转下年度继续办理",
]
COLUMNS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
HEADINGS = {"三、本年度办理结果", "（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理"}


def run_report(*args: str) -> str:
    out = io.StringIO()
    call_command("annual-report", *args, stdout=out)
    return out.getvalue()


def test_report_from_sample_year(agency_a):
    cases = sample_year(agency_a, 2025, count=100)

    data = json.loads(run_report("--year", "2025", "--agency", agency_a.code, "--format", "json"))

    rows = {row["label"]: row for row in data["part_three"]["rows"]}
    assert [row["label"] for row in data["part_three"]["rows"]] == TEMPLATE_LABELS
    assert data["part_three"]["columns"] == COLUMNS
    for label in HEADINGS:
        assert rows[label]["counts"] is None
    for column in COLUMNS[:-1]:
        received = rows[TEMPLATE_LABELS[0]]["counts"][column] + rows[TEMPLATE_LABELS[1]]["counts"][column]
        handled = rows["（七）总计"]["counts"][column] + rows["四、结转下年度继续办理"]["counts"][column]
        assert received == handled, column

    first, last = datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)
    assert rows[TEMPLATE_LABELS[0]]["total"] == sum(first <= case.received_on <= last for case in cases)
    carried_in = sum(case.received_on < first and (case.answered_on is None or case.answered_on >= first) for case in cases)
    assert rows[TEMPLATE_LABELS[1]]["total"] == carried_in
    assert rows["（七）总计"]["total"] == sum(bool(case.answered_on and first <= case.answered_on <= last) for case in cases)
    assert rows[TEMPLATE_LABELS[1]]["total"] > 0
    assert rows["四、结转下年度继续办理"]["total"] > 0
    partial = sum(case.outcome == Outcome.PARTIALLY_DISCLOSED and first <= case.answered_on <= last for case in cases)
    assert rows["（二）部分公开（区分处理的，只计这一情形，不计其他情形）"]["total"] == partial


def test_total_sums_columns(agency_a):
    DisclosureRequestFactory(agency=agency_a, applicant_type=ApplicantType.BUSINESS, submitted_on=datetime.date(2025, 5, 6))
    DisclosureRequestFactory(agency=agency_a, applicant_type=ApplicantType.LEGAL_SERVICES, submitted_on=datetime.date(2025, 5, 7))

    rows = report.part_three(2025, agency_a)

    assert rows[0].counts == (0, 1, 0, 0, 1, 0, 2)
    assert rows[-1].counts == (0, 1, 0, 0, 1, 0, 2)


def test_check_names_column(agency_a):
    DisclosureRequestFactory(
        agency=agency_a,
        applicant_type=ApplicantType.RESEARCH,
        submitted_on=datetime.date(2025, 2, 3),
        received_on=datetime.date(2026, 2, 3),
        answered_on=datetime.date(2025, 3, 3),
        outcome=Outcome.DISCLOSED,
        status="answered",
    )

    with pytest.raises(CommandError) as error:
        run_report("--year", "2025", "--agency", agency_a.code)
    assert str(error.value) == (
        "第三部分“科研机构”列勾稽关系不成立：第一项加第二项为 0，第三项（七）总计加第四项为 1。请检查该列申请的收到日期和答复日期。"
    )


def test_part_two_from_library(agency_a):
    def document(number, doc_type, published, validity=Validity.VALID, validity_date=None):
        created = Document.objects.create(
            title=f"示例文件{number}",
            index_number=f"{agency_a.code}/2025-{number:05d}",
            doc_type=doc_type,
            publish_date=published,
            validity=validity,
            validity_date=validity_date,
        )
        DocumentAgency.objects.create(document=created, agency=agency_a)

    document(1, DocType.NORMATIVE_DOCUMENT, datetime.date(2025, 3, 1))
    document(2, DocType.NORMATIVE_DOCUMENT, datetime.date(2023, 3, 1), Validity.REPEALED, datetime.date(2025, 6, 1))
    document(3, DocType.NORMATIVE_DOCUMENT, datetime.date(2022, 3, 1))
    document(4, DocType.RULE, datetime.date(2025, 9, 1))
    document(5, DocType.NOTICE, datetime.date(2025, 9, 1))
    AnnualReportFigures.objects.create(agency=agency_a, year=2025, licensing_decisions=12, review_upheld=2, review_pending=1)

    data = report.build(2025, agency_a)

    block = data["part_two"]["第二十条第（一）项"]
    assert block["columns"] == ["本年制发件数", "本年废止件数", "现行有效件数"]
    assert block["rows"] == {"规章": [1, 0, 1], "行政规范性文件": [1, 1, 2]}
    assert data["part_two"]["第二十条第（五）项"]["rows"] == {"行政许可": [12]}
    assert data["part_four"]["行政复议"] == {"结果维持": 2, "结果纠正": 0, "其他结果": 0, "尚未审结": 1, "总计": 3}
    assert list(data["part_four"]) == ["行政复议", "未经复议直接起诉", "复议后起诉"]


def test_narrative_fills_figures(agency_a):
    case = DisclosureRequestFactory(agency=agency_a, submitted_on=datetime.date(2025, 4, 1))
    CaseEvent.objects.create(
        request=case, kind=EventKind.FEE_NOTICE, date=datetime.date(2025, 4, 3), end_date=datetime.date(2025, 4, 8), amount=300
    )
    AnnualReportFigures.objects.create(agency=agency_a, year=2025, overview="本年度共新收申请{{ new }}件。")

    data = report.build(2025, agency_a)

    assert data["part_one"] == "本年度共新收申请1件。"
    assert data["part_six"] == "依据《政府信息公开信息处理费管理办法》规定，2025年共收取信息处理费300.00元。"


def test_html_and_docx_formats(agency_a, tmp_path):
    sample_year(agency_a, 2025, count=30)

    html = run_report("--year", "2025", "--format", "html")
    path = tmp_path / "report.docx"
    run_report("--year", "2025", "--format", "docx", "--output", str(path))

    assert "<svg" in html
    assert "按月份统计的新收申请数量" in html
    assert "（二）部分公开（区分处理的，只计这一情形，不计其他情形）" in html
    tables = docx.Document(str(path)).tables
    assert tables[-2].rows[-1].cells[0].text == "四、结转下年度继续办理"


def test_unknown_agency_rejected(db):
    with pytest.raises(CommandError) as error:
        run_report("--year", "2025", "--agency", "NOPE")
    assert "没有代码为“NOPE”的机关" in str(error.value)
