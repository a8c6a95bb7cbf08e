"""政府信息公开工作年度报告: the annual report in the 2021 format (国办公开办函〔2021〕30号).

Part 二 counts 规章 and 行政规范性文件 from the policy library and takes its other rows from
`AnnualReportFigures`. Part 三 counts requests by applicant column. Part 四 is entered. Each request
is counted once: in 一 when received in the year, in 二 when received earlier and still open on
1 January, in 三 by its outcome when answered in the year, in 四 when still open on 31 December. So
一 + 二 = 三（七）总计 + 四 holds for every column unless the data contradict themselves (an answer
before the receipt), which `build` reports by column.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q
from django.template import Context, Template
from django.utils.translation import gettext as _

from gongkai.core.models import Agency
from gongkai.disclosure.choices import ApplicantType, EventKind
from gongkai.disclosure.models import AnnualReportFigures, CaseEvent, DisclosureRequest
from gongkai.disclosure.outcomes import Group, Outcome, rule
from gongkai.documents.choices import DocType, Validity
from gongkai.documents.models import Document

PART_TITLES = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)

# Part 三's applicant columns as the template prints them, with the spanning header of the organisations.
APPLICANT_COLUMNS = (
    (ApplicantType.NATURAL_PERSON, "自然人"),
    (ApplicantType.BUSINESS, "商业企业"),
    (ApplicantType.RESEARCH, "科研机构"),
    (ApplicantType.PUBLIC_INTEREST, "社会公益组织"),
    (ApplicantType.LEGAL_SERVICES, "法律服务机构"),
    (ApplicantType.OTHER, "其他"),
)
ORGANISATION_HEADER = "法人或其他组织"
TOTAL = "总计"
CHECK_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

NEW = "一、本年新收政府信息公开申请数量"
CARRIED_IN = "二、上年结转政府信息公开申请数量"
RESULTS = "三、本年度办理结果"
RESULTS_TOTAL = "（七）总计"
CARRIED_OUT = "四、结转下年度继续办理"

PART_FOUR_GROUPS = ("行政复议", "未经复议直接起诉", "复议后起诉")
PART_FOUR_COLUMNS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
PART_FOUR_FIELDS = (
    ("review_upheld", "review_corrected", "review_other", "review_pending"),
    ("direct_suit_upheld", "direct_suit_corrected", "direct_suit_other", "direct_suit_pending"),
    ("suit_after_review_upheld", "suit_after_review_corrected", "suit_after_review_other", "suit_after_review_pending"),
)

DEFAULT_OVERVIEW = (
    "{{ year }}年，本机关共收到政府信息公开申请{{ new }}件，上年结转{{ carried_in }}件，"
    "本年度办结{{ answered }}件，结转下年度继续办理{{ carried_out }}件。"
    "本年度制发规章{{ rules_issued }}件、行政规范性文件{{ normative_issued }}件。"
)
DEFAULT_PROBLEMS = "（请填写存在的主要问题及改进情况。）"
DEFAULT_OTHER = "依据《政府信息公开信息处理费管理办法》规定，{{ year }}年共收取信息处理费{{ fees_collected }}元。"


class ReportError(ValueError):
    """The report's figures are inconsistent; the message names the column and the numbers."""


@dataclass(frozen=True)
class Row:
    """A row of part 三: its label as printed, and counts per applicant column plus 总计 (None for a heading)."""

    label: str
    counts: tuple[int, ...] | None
    outcome: str = ""

    def as_dict(self) -> dict:
        if self.counts is None:
            return {"label": self.label, "outcome": None, "counts": None, "total": None}
        columns = {label: count for (_code, label), count in zip(APPLICANT_COLUMNS, self.counts)}
        return {"label": self.label, "outcome": self.outcome or None, "counts": columns, "total": self.counts[-1]}


def part_three_labels() -> list[tuple[str, Outcome | None, bool]]:
    """Return (label, outcome, is_heading) for every row of part 三 in the template's order."""
    rows: list[tuple[str, Outcome | None, bool]] = [(NEW, None, False), (CARRIED_IN, None, False), (RESULTS, None, True)]
    group = None
    for outcome in Outcome:
        outcome_rule = rule(outcome)
        if outcome_rule.group in (Group.DISCLOSED, Group.PARTIAL):
            rows.append((outcome_rule.label, outcome, False))
            continue
        if outcome_rule.group != group:
            group = outcome_rule.group
            rows.append((group.label, None, True))
        rows.append((outcome_rule.label, outcome, False))
    rows.append((RESULTS_TOTAL, None, False))
    rows.append((CARRIED_OUT, None, False))
    return rows


def _requests(agency: Agency | None):
    requests = DisclosureRequest.objects.all()
    return requests.filter(agency=agency) if agency else requests


def _intake_date(request: DisclosureRequest) -> datetime.date:
    """Return the day a request counts as received: its receipt date, or its submission date if none was fixed."""
    return request.received_on or request.submitted_on


def _column_counts(counter: Counter) -> tuple[int, ...]:
    counts = [counter.get(code, 0) for code, _label in APPLICANT_COLUMNS]
    return (*counts, sum(counts))


def part_three(year: int, agency: Agency | None) -> list[Row]:
    """Count the year's requests by applicant column into the rows of part 三."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    new, carried_in, carried_out = Counter(), Counter(), Counter()
    results: dict[str, Counter] = {outcome: Counter() for outcome in Outcome}

    for request in _requests(agency).only("applicant_type", "received_on", "submitted_on", "answered_on", "outcome"):
        received = _intake_date(request)
        answered = request.answered_on
        column = request.applicant_type

        if first <= received <= last:
            new[column] += 1
        if received < first and (answered is None or answered >= first):
            carried_in[column] += 1
        if answered is not None and first <= answered <= last:
            results[request.outcome][column] += 1
        if received <= last and (answered is None or answered > last):
            carried_out[column] += 1

    rows = []
    total = Counter()
    for label, outcome, is_heading in part_three_labels():
        if is_heading:
            rows.append(Row(label, None))
        elif outcome is not None:
            total.update(results[outcome])
            rows.append(Row(label, _column_counts(results[outcome]), outcome.value))
        elif label == NEW:
            rows.append(Row(label, _column_counts(new)))
        elif label == CARRIED_IN:
            rows.append(Row(label, _column_counts(carried_in)))
        elif label == RESULTS_TOTAL:
            rows.append(Row(label, _column_counts(total)))
        else:
            rows.append(Row(label, _column_counts(carried_out)))
    return rows


def check_part_three(rows: list[Row]) -> None:
    """Raise ReportError naming the first column where 一 + 二 differs from 三（七）总计 + 四."""
    by_label = {row.label: row.counts for row in rows}
    columns = [label for _code, label in APPLICANT_COLUMNS] + [TOTAL]
    for index, column in enumerate(columns):
        received = by_label[NEW][index] + by_label[CARRIED_IN][index]
        handled = by_label[RESULTS_TOTAL][index] + by_label[CARRIED_OUT][index]
        if received != handled:
            raise ReportError(
                _(
                    "Part 3 does not add up in column “{column}”: items 1 and 2 sum to {received}, but total (7) of item 3 "
                    "plus item 4 is {handled}. Check the receipt and answer dates of the requests in that column."
                ).format(column=column, received=received, handled=handled)
            )


def part_two(year: int, agency: Agency | None, figures: dict) -> dict:
    """Count 规章 and 行政规范性文件 issued, repealed and in force from the library; the other rows are entered."""
    return {
        "第二十条第（一）项": {
            "columns": ["本年制发件数", "本年废止件数", "现行有效件数"],
            "rows": {
                "规章": _library_counts(year, agency, DocType.RULE),
                "行政规范性文件": _library_counts(year, agency, DocType.NORMATIVE_DOCUMENT),
            },
        },
        "第二十条第（五）项": {"columns": ["本年处理决定数量"], "rows": {"行政许可": [figures["licensing_decisions"]]}},
        "第二十条第（六）项": {
            "columns": ["本年处理决定数量"],
            "rows": {"行政处罚": [figures["penalty_decisions"]], "行政强制": [figures["coercion_decisions"]]},
        },
        "第二十条第（八）项": {
            "columns": ["本年收费金额（单位：万元）"],
            "rows": {"行政事业性收费": [str(figures["fees_collected"])]},
        },
    }


def _library_counts(year: int, agency: Agency | None, doc_type: str) -> list[int]:
    """Return [issued, repealed, in force] for one type, counting each text once by its newest version."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    documents = Document.objects.filter(doc_type=doc_type)
    if agency:
        documents = documents.filter(agencies=agency)

    texts: dict[int, list[Document]] = {}
    for document in documents.distinct().only("pk", "version_of_id", "publish_date", "validity", "validity_date", "version_date"):
        texts.setdefault(document.version_of_id or document.pk, []).append(document)

    issued = repealed = in_force = 0
    for versions in texts.values():
        first_version = min(versions, key=lambda version: (version.version_of_id is not None, version.pk))
        published = first_version.publish_date
        newest = max(versions, key=lambda version: (version.version_date or datetime.date.min, version.pk))
        ended = newest.validity in (Validity.REPEALED, Validity.EXPIRED)

        if published and first <= published <= last:
            issued += 1
        if ended and newest.validity_date and first <= newest.validity_date <= last:
            repealed += 1
        still_valid = not ended or (newest.validity_date is not None and newest.validity_date > last)
        if published and published <= last and still_valid:
            in_force += 1
    return [issued, repealed, in_force]


def _figures(year: int, agency: Agency | None) -> tuple[dict, list[AnnualReportFigures]]:
    entries = list(AnnualReportFigures.objects.filter(year=year, **({"agency": agency} if agency else {})))
    numeric = [
        "licensing_decisions",
        "penalty_decisions",
        "coercion_decisions",
        "fees_collected",
        *(name for group in PART_FOUR_FIELDS for name in group),
    ]
    totals = {name: sum((getattr(entry, name) for entry in entries), Decimal(0) if name == "fees_collected" else 0) for name in numeric}
    return totals, entries


def part_four(figures: dict) -> dict:
    """Return part 四's 15 numbers under their group and column headers; each 总计 is the sum of its group."""
    part = {}
    for group, fields in zip(PART_FOUR_GROUPS, PART_FOUR_FIELDS):
        values = [figures[name] for name in fields]
        part[group] = dict(zip(PART_FOUR_COLUMNS, [*values, sum(values)]))
    return part


def fees_collected(year: int, agency: Agency | None) -> Decimal:
    """Sum the information processing fees paid in `year`."""
    events = CaseEvent.objects.filter(kind=EventKind.FEE_NOTICE, end_date__year=year)
    if agency:
        events = events.filter(request__agency=agency)
    return sum((event.amount or Decimal(0) for event in events), Decimal(0))


def requests_by_month(year: int, agency: Agency | None) -> list[int]:
    counts = [0] * 12
    received = _requests(agency).filter(Q(received_on__year=year) | Q(received_on__isnull=True, submitted_on__year=year))
    for request in received.only("received_on", "submitted_on"):
        counts[_intake_date(request).month - 1] += 1
    return counts


def build(year: int, agency: Agency | None = None) -> dict:
    """Build the whole report for `year` (every agency when `agency` is None); raise ReportError if 三 does not add up."""
    rows = part_three(year, agency)
    check_part_three(rows)
    figures, entries = _figures(year, agency)
    two = part_two(year, agency, figures)
    by_label = {row.label: row.counts for row in rows}

    values = {
        "year": year,
        "new": by_label[NEW][-1],
        "carried_in": by_label[CARRIED_IN][-1],
        "answered": by_label[RESULTS_TOTAL][-1],
        "carried_out": by_label[CARRIED_OUT][-1],
        "rules_issued": two["第二十条第（一）项"]["rows"]["规章"][0],
        "normative_issued": two["第二十条第（一）项"]["rows"]["行政规范性文件"][0],
        "fees_collected": fees_collected(year, agency),
    }
    narrative = _narrative(entries, values)

    return {
        "year": year,
        "agency": agency.name if agency else None,
        "title": f"{agency.name if agency else ''}{year}年政府信息公开工作年度报告",
        "part_titles": list(PART_TITLES),
        "part_one": narrative["overview"],
        "part_two": two,
        "part_three": {
            "check": CHECK_NOTE,
            "columns": [label for _code, label in APPLICANT_COLUMNS] + [TOTAL],
            "organisation_header": ORGANISATION_HEADER,
            "rows": [row.as_dict() for row in rows],
        },
        "part_four": part_four(figures),
        "part_five": narrative["problems"],
        "part_six": narrative["other_matters"],
        "charts": {
            "by_outcome_group": _by_group(rows),
            "by_month": requests_by_month(year, agency),
        },
    }


def _narrative(entries: list[AnnualReportFigures], values: dict) -> dict:
    """Render the entered texts of parts 一, 五 and 六 (or the defaults) with the report's figures."""
    context = Context({**values, "fees_collected": f"{values['fees_collected']:.2f}"}, autoescape=False)
    texts = {}
    for name, default in (("overview", DEFAULT_OVERVIEW), ("problems", DEFAULT_PROBLEMS), ("other_matters", DEFAULT_OTHER)):
        entered = [getattr(entry, name) for entry in entries if getattr(entry, name).strip()]
        source = "\n\n".join(entered) if entered else default
        texts[name] = Template(source).render(context).strip()
    return texts


def _by_group(rows: list[Row]) -> dict[str, int]:
    totals = Counter()
    for row in rows:
        if row.outcome:
            totals[rule(row.outcome).group] += row.counts[-1]
    return {group.label: totals[group] for group in Group}
