"""Search filters: from the request's `filters` dict to an SQL condition on the entry table `e`."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import connection

from gongkai.core.models import Agency
from gongkai.documents.choices import Disclosure, DocType, Validity

FILTER_LABELS = {
    "agency": "发文机关",
    "doc_type": "文种",
    "subject": "主题分类",
    "year": "年份",
    "date_from": "起始日期",
    "date_to": "截止日期",
    "validity": "效力状态",
    "disclosure": "公开属性",
    "document": "文件范围",
}
ALIASES = {"from": "date_from", "to": "date_to"}
CHOICES = {"doc_type": DocType, "validity": Validity, "disclosure": Disclosure}


class InvalidFilter(ValueError):
    """A filter value that cannot be used; the message names the filter and what to do, `name` is the filter's."""

    def __init__(self, message: str, name: str = ""):
        super().__init__(message)
        self.name = name


@dataclass
class Condition:
    sql: str
    params: list
    active: list[str]


def normalise(filters: dict) -> dict[str, list[str]]:
    """Return the filters with aliases resolved and every value as a list of non-empty strings."""
    normalised: dict[str, list[str]] = {}
    for key, value in (filters or {}).items():
        name = ALIASES.get(key, key)
        if name not in FILTER_LABELS:
            raise InvalidFilter(f"未知的筛选条件“{key}”，可用的有：{'、'.join(FILTER_LABELS)}。", key)
        values = value if isinstance(value, (list, tuple, set)) else [value]
        values = [str(item).strip() for item in values if item is not None and str(item).strip()]
        if values:
            normalised[name] = values
    return normalised


def build(filters: dict[str, list[str]], *, include_nonpublic: bool, without: str | None = None) -> Condition:
    """Translate normalised filters into SQL; `without` leaves one filter out (for relaxation counts)."""
    clauses: list[str] = []
    params: list = []
    active = []
    if not include_nonpublic:
        clauses.append("e.disclosure = %s")
        params.append(Disclosure.PROACTIVE.value)

    if "date_from" in filters and "date_to" in filters and without not in ("date_from", "date_to"):
        start, end = _date("date_from", filters["date_from"][0]), _date("date_to", filters["date_to"][0])
        if start > end:
            raise InvalidFilter(f"起始日期 {start} 晚于截止日期 {end}：请交换两个日期，或改填其中一个。", "date_from")

    for name, values in filters.items():
        if name == without:
            continue
        active.append(name)
        clause, clause_params = _clause(name, values)
        clauses.append(clause)
        params.extend(clause_params)
    return Condition(" AND ".join(clauses) or "1 = 1", params, active)


def _clause(name: str, values: list[str]) -> tuple[str, list]:
    if name == "agency":
        codes = dict(Agency.objects.filter(code__in=values).values_list("code", "id"))
        unknown = [value for value in values if value not in codes]
        if unknown:
            raise InvalidFilter(f"发文机关代码“{unknown[0]}”不存在，请检查代码，或在分面栏中选择发文机关。", name)
        return _in("e.agency_id", list(codes.values()))
    if name in CHOICES:
        allowed = set(CHOICES[name].values)
        unknown = [value for value in values if value not in allowed]
        if unknown:
            choices = "、".join(f"{value}（{label}）" for value, label in CHOICES[name].choices)
            raise InvalidFilter(f"筛选条件“{FILTER_LABELS[name]}”的取值“{unknown[0]}”无效，可用的有：{choices}。", name)
        return _in(f"e.{name}", values)
    if name == "year":
        try:
            years = [int(value) for value in values]
        except ValueError:
            raise InvalidFilter(f"年份“{values[0]}”无效，请填写四位数字，例如 2025。", name) from None
        return _in("e.year", years)
    if name == "document":
        try:
            ids = [int(value) for value in values]
        except ValueError:
            raise InvalidFilter(f"文件编号“{values[0]}”无效，请填写整数。", name) from None
        return _in("e.document_id", ids or [0])
    if name in ("date_from", "date_to"):
        date = _date(name, values[0])
        operator = ">=" if name == "date_from" else "<="
        return f"e.publish_date {operator} %s", [connection.ops.adapt_datefield_value(date)]
    return _in("e.subject", values)


def _in(column: str, values: list) -> tuple[str, list]:
    return f"{column} IN ({', '.join(['%s'] * len(values))})", list(values)


def _date(name: str, value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise InvalidFilter(f"{FILTER_LABELS[name]}“{value}”无效，请按 2025-03-31 的格式填写。", name) from None
