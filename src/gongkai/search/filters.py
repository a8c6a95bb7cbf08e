"""Search filters: from the request's `filters` dict to an SQL condition on the entry table `e`."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.db import connection
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from gongkai.core.models import Agency
from gongkai.core.punctuation import join_list, parenthesised
from gongkai.documents.choices import Disclosure, DocType, Validity

FILTER_LABELS = {
    "agency": pgettext_lazy("search filter", "Issuing agency"),
    "doc_type": pgettext_lazy("search filter", "Document type"),
    "subject": pgettext_lazy("search filter", "Subject category"),
    "year": pgettext_lazy("search filter", "Year"),
    "date_from": pgettext_lazy("search filter", "Start date"),
    "date_to": pgettext_lazy("search filter", "End date"),
    "validity": pgettext_lazy("search filter", "Validity"),
    "disclosure": pgettext_lazy("search filter", "Disclosure attribute"),
    "document": pgettext_lazy("search filter", "Document scope"),
}
ALIASES = {"from": "date_from", "to": "date_to"}
LISTED = [name for name in FILTER_LABELS if name != "document"]
"""The filters an error names as available; topic pages set `document` themselves."""
YEAR = re.compile(r"[0-9]{4}")
UNDATED = "none"
"""The year filter's value for documents with neither a publication nor a writing date."""
UNDATED_LABEL = pgettext_lazy("year facet", "Undated")
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
            message = _("Unknown filter “%(name)s”. Available filters: %(names)s.")
            raise InvalidFilter(message % {"name": key, "names": join_list(LISTED)}, key)
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
            message = _("The start date %(start)s is after the end date %(end)s: swap the two dates, or change one of them.")
            raise InvalidFilter(message % {"start": start, "end": end}, "date_from")

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
            message = _("Agency code “%(code)s” not found: check the code. The agency facet of a search lists the codes in use.")
            raise InvalidFilter(message % {"code": unknown[0]}, name)
        return _in("e.agency_id", list(codes.values()))
    if name in CHOICES:
        allowed = set(CHOICES[name].values)
        unknown = [value for value in values if value not in allowed]
        if unknown:
            choices = join_list(f"{value}{parenthesised(label)}" for value, label in CHOICES[name].choices)
            message = _("Invalid value “%(value)s” for the filter “%(label)s”. Valid values: %(choices)s.")
            raise InvalidFilter(message % {"value": unknown[0], "label": FILTER_LABELS[name], "choices": choices}, name)
        return _in(f"e.{name}", values)
    if name == "year":
        invalid = [value for value in values if not YEAR.fullmatch(value) and value != UNDATED]
        if invalid:
            message = _("Invalid year “%(value)s”: enter four digits, for example 2025.")
            raise InvalidFilter(message % {"value": invalid[0]}, name)
        years = [int(value) for value in values if value != UNDATED]
        if UNDATED not in values:
            return _in("e.year", years)
        if not years:
            return "e.year IS NULL", []
        sql, params = _in("e.year", years)
        return f"({sql} OR e.year IS NULL)", params
    if name == "document":
        try:
            ids = [int(value) for value in values]
        except ValueError:
            message = _("Invalid document id “%(value)s”: enter a whole number.")
            raise InvalidFilter(message % {"value": values[0]}, name) from None
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
        message = _("Invalid date “%(value)s” for “%(label)s”: enter a date such as 2025-03-31.")
        raise InvalidFilter(message % {"label": FILTER_LABELS[name], "value": value}, name) from None
