"""The database side of the full-text index: FTS5 on SQLite, a tsvector column on PostgreSQL.

SQLite keeps two external-content FTS5 tables over `search_searchentry`, `search_fts` for
articles and sections and `search_fts_document` for whole documents. Deletions and updates reach
them through triggers, so every way of deleting an entry (a cascade from its document included)
updates the index. New entries are indexed by `add_documents`, batch by batch. PostgreSQL keeps a generated `tsv` column (title tokens weighted A, body tokens B)
with a GIN index. Both read the space-separated tokens the tokenizer wrote, so no Chinese
segmentation runs inside the database.
"""

from django.db import connection

ENTRY_TABLE = "search_searchentry"
FTS_TABLE = "search_fts"
DOCUMENT_FTS_TABLE = "search_fts_document"
DOCUMENT_COLUMNS_INDEX = "search_entry_document_columns"

# Articles and sections go to one FTS5 table and whole documents to another, so each keeps its
# own BM25 statistics (number of rows, mean length). A whole law is about 40 times longer than
# an article, and one shared mean length would crush the whole-document scores.
FTS_KINDS = {FTS_TABLE: "kind <> 'document'", DOCUMENT_FTS_TABLE: "kind = 'document'"}


def _create_table(table: str) -> str:
    return f"""
    CREATE VIRTUAL TABLE {table} USING fts5(
        title_tokens, body_tokens,
        content='{ENTRY_TABLE}', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0'
    )
    """


def _triggers(table: str, condition: str) -> list[str]:
    old_condition = condition.replace("kind", "old.kind")
    # Inserts have no trigger: `add_documents` indexes a batch with one statement per table,
    # 3 times faster than a trigger per row.
    return [
        f"""
        CREATE TRIGGER {table}_delete AFTER DELETE ON {ENTRY_TABLE} WHEN {old_condition} BEGIN
            INSERT INTO {table}({table}, rowid, title_tokens, body_tokens)
            VALUES ('delete', old.id, old.title_tokens, old.body_tokens);
        END
        """,
        f"""
        CREATE TRIGGER {table}_update AFTER UPDATE OF title_tokens, body_tokens ON {ENTRY_TABLE} WHEN {old_condition} BEGIN
            INSERT INTO {table}({table}, rowid, title_tokens, body_tokens)
            VALUES ('delete', old.id, old.title_tokens, old.body_tokens);
            INSERT INTO {table}(rowid, title_tokens, body_tokens) VALUES (new.id, new.title_tokens, new.body_tokens);
        END
        """,
    ]


SQLITE_CREATE_TABLES = [_create_table(table) for table in FTS_KINDS]
SQLITE_TRIGGERS = [trigger for table, condition in FTS_KINDS.items() for trigger in _triggers(table, condition)]
SQLITE_DROP_TRIGGERS = [f"DROP TRIGGER IF EXISTS {table}_{event}" for table in FTS_KINDS for event in ("delete", "update")]

POSTGRESQL_CREATE = [
    f"""
    ALTER TABLE {ENTRY_TABLE} ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', title_tokens), 'A') || setweight(to_tsvector('simple', body_tokens), 'B')
    ) STORED
    """,
    f"CREATE INDEX search_entry_tsv ON {ENTRY_TABLE} USING gin (tsv)",
]

POSTGRESQL_DROP = [
    "DROP INDEX IF EXISTS search_entry_tsv",
    f"ALTER TABLE {ENTRY_TABLE} DROP COLUMN IF EXISTS tsv",
]


def create(schema_editor) -> None:
    """Create the full-text structures for the database `schema_editor` works on (used by the migration)."""
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        statements = [*SQLITE_CREATE_TABLES, *SQLITE_TRIGGERS]
    elif vendor == "postgresql":
        statements = POSTGRESQL_CREATE
    else:
        raise NotImplementedError(f"gongkai search supports SQLite and PostgreSQL, not {vendor}")
    for statement in statements:
        schema_editor.execute(statement)


def drop(schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        statements = [*SQLITE_DROP_TRIGGERS, *(f"DROP TABLE IF EXISTS {table}" for table in FTS_KINDS)]
    else:
        statements = POSTGRESQL_DROP
    for statement in statements:
        schema_editor.execute(statement)


def add_documents(document_ids: list[int]) -> None:
    """Index the entries just inserted for these documents (SQLite; PostgreSQL computes `tsv` itself)."""
    if connection.vendor != "sqlite" or not document_ids:
        return
    placeholders = ", ".join(["%s"] * len(document_ids))
    with connection.cursor() as cursor:
        for table, condition in FTS_KINDS.items():
            cursor.execute(
                f"INSERT INTO {table}(rowid, title_tokens, body_tokens) SELECT id, title_tokens, body_tokens "
                f"FROM {ENTRY_TABLE} WHERE document_id IN ({placeholders}) AND {condition}",
                document_ids,
            )


def start_bulk_load() -> None:
    """Delete every entry and stop indexing row by row until `finish_bulk_load` (in the caller's transaction).

    On SQLite the triggers are dropped for the load: FTS5 indexes the 150,000 entries of the
    laws corpus in about 8 s from one INSERT … SELECT per table, against 20 s through a trigger
    per row.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for statement in SQLITE_DROP_TRIGGERS:
                cursor.execute(statement)
        cursor.execute(f"DELETE FROM {ENTRY_TABLE}")


def finish_bulk_load() -> None:
    """Index every entry at once and restore the triggers."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for table, condition in FTS_KINDS.items():
            cursor.execute(f"INSERT INTO {table}({table}) VALUES ('delete-all')")
            cursor.execute(
                f"INSERT INTO {table}(rowid, title_tokens, body_tokens) "
                f"SELECT id, title_tokens, body_tokens FROM {ENTRY_TABLE} WHERE {condition}"
            )
        for statement in SQLITE_TRIGGERS:
            cursor.execute(statement)
