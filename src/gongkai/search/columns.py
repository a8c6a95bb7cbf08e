"""The filter columns of every whole-document entry, held in memory as arrays.

Folding versions, applying filters, counting facets and ordering results touch every matching
document: about 10,000 for a question at 100,000 documents. Reading their columns row by row
from the database took longer than the rest of a search; as arrays it takes a millisecond. The
table is read once per index generation (0.6 s at 100,000 documents, on the first search after
a change) and is the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import numpy as np
from django.db import connection

from gongkai.search import memory
from gongkai.search.backends import ROW_COLUMNS, to_match
from gongkai.search.filters import Condition
from gongkai.search.fulltext import ENTRY_TABLE
from gongkai.search.models import EntryKind
from gongkai.search.ranking import INACTIVE

FACET_COLUMNS = {"agency": "agency_id", "doc_type": "doc_type", "subject": "subject", "year": "year", "validity": "validity", "disclosure": "disclosure"}
"""Facet name → column of ROW_COLUMNS it counts."""

_IDS = {ROW_COLUMNS.index(column) for column in ("id", "document_id", "version_root_id")}

TABLE_BYTES = 512 * 1024 * 1024
FILTER_BYTES = 32 * 1024 * 1024

_tables = memory.GenerationCache("document table", TABLE_BYTES)
_filters = memory.GenerationCache("filter masks", FILTER_BYTES)


@dataclass(frozen=True)
class DocumentTable:
    """One position per whole-document entry, in entry id order.

    `codes[name]` numbers the distinct values of a facet column, `values[name]` lists them by number.
    `versioned` marks the entries of texts with more than one version.
    """

    ids: np.ndarray
    rows: list[tuple]
    document_id: np.ndarray
    version_root_id: np.ndarray
    versioned: np.ndarray
    negated_date: np.ndarray
    current: np.ndarray
    inactive: np.ndarray
    length: np.ndarray
    codes: dict[str, np.ndarray]
    values: dict[str, list]

    def __len__(self) -> int:
        return len(self.ids)

    def positions(self, entry_ids) -> np.ndarray:
        """Return the positions of these entry ids, leaving out ids that are not whole-document entries."""
        positions, found = self.locate(entry_ids)
        return positions[found]

    def locate(self, entry_ids) -> tuple[np.ndarray, np.ndarray]:
        """Return a position for each entry id and a mask of the ids that are whole-document entries."""
        entry_ids = np.asarray(entry_ids, dtype=np.int64)
        if not len(self.ids):
            return np.zeros(len(entry_ids), dtype=np.int64), np.zeros(len(entry_ids), dtype=bool)
        positions = np.minimum(np.searchsorted(self.ids, entry_ids), len(self.ids) - 1)
        return positions, self.ids[positions] == entry_ids

    def match(self, position: int, score: float):
        """Return the entry at `position` as a `backends.Match` with this score."""
        return to_match((*self.rows[position], score))

    def nbytes(self) -> int:
        arrays = [self.ids, self.document_id, self.version_root_id, self.versioned, self.negated_date, self.current, self.inactive, self.length, *self.codes.values()]
        # About 280 bytes per row tuple with the values it does not share with other rows.
        return sum(array.nbytes for array in arrays) + 280 * len(self.rows)


def table() -> DocumentTable:
    """Return the table for the current index generation."""
    return _tables.get("table", _load, DocumentTable.nbytes)


def allowed(condition: Condition) -> np.ndarray:
    """Return a mask of the positions whose entry satisfies the SQL filter `condition`."""
    key = (condition.sql, tuple(str(param) for param in condition.params))
    return _filters.get(key, lambda: _allowed(condition), lambda mask: mask.nbytes)


def _load() -> DocumentTable:
    select = ", ".join(f"e.{column}" for column in ROW_COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {select}, e.length FROM {ENTRY_TABLE} e WHERE e.kind = %s ORDER BY e.id", [EntryKind.DOCUMENT.value])
        rows = cursor.fetchall()
    length = np.fromiter((row[-1] for row in rows), dtype=np.int64, count=len(rows))

    index = {column: number for number, column in enumerate(ROW_COLUMNS)}
    shared: dict = {}
    rows = [_normalised(row[:-1], index, shared) for row in rows]

    def column(name, dtype):
        return np.fromiter((row[index[name]] for row in rows), dtype=dtype, count=len(rows))

    codes, values = {}, {}
    for name, source in FACET_COLUMNS.items():
        numbering: dict = {}
        codes[name] = np.fromiter(
            (numbering.setdefault(row[index[source]], len(numbering)) for row in rows), dtype=np.int32, count=len(rows)
        )
        values[name] = list(numbering)
    dates = (row[index["publish_date"]] for row in rows)
    version_root_id = column("version_root_id", np.int64)
    _, chain, chain_sizes = np.unique(version_root_id, return_inverse=True, return_counts=True)
    return DocumentTable(
        ids=column("id", np.int64),
        rows=rows,
        document_id=column("document_id", np.int64),
        version_root_id=version_root_id,
        versioned=chain_sizes[chain] > 1,
        negated_date=np.fromiter((-date.toordinal() if date else 0 for date in dates), dtype=np.int64, count=len(rows)),
        current=column("is_current", bool),
        inactive=np.fromiter((row[index["validity"]] in INACTIVE for row in rows), dtype=bool, count=len(rows)),
        length=length,
        codes=codes,
        values=values,
    )


def _normalised(row: tuple, index: dict, shared: dict) -> tuple:
    """Return the row with a date object and a bool, as the two databases' drivers differ in these.

    Equal values other than ids become one object through `shared`. Rows repeat the same dates and
    codes, and at 102,390 documents this took the table from 631 to 340 bytes per document.
    """
    row = list(row)
    date = row[index["publish_date"]]
    if isinstance(date, str):
        row[index["publish_date"]] = datetime.date.fromisoformat(date)
    row[index["is_current"]] = bool(row[index["is_current"]])
    return tuple(value if number in _IDS else shared.setdefault((type(value), value), value) for number, value in enumerate(row))


def _allowed(condition: Condition) -> np.ndarray:
    documents = table()
    mask = np.zeros(len(documents), dtype=bool)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT e.id FROM {ENTRY_TABLE} e WHERE e.kind = %s AND {condition.sql}", [EntryKind.DOCUMENT.value, *condition.params])
        mask[documents.positions([row[0] for row in cursor.fetchall()])] = True
    return mask
