"""The database side of the full-text index: FTS5 on SQLite, a tsvector column on PostgreSQL.

SQLite keeps an external-content FTS5 table `search_fts` over `search_searchentry`, synchronised
by triggers, so every way of deleting an entry (a cascade from its document included) updates
the index. PostgreSQL keeps a generated `tsv` column (title tokens weighted A, body tokens B)
with a GIN index. Both read the space-separated tokens the tokenizer wrote, so no Chinese
segmentation runs inside the database.
"""

from django.db import connection

ENTRY_TABLE = "search_searchentry"
FTS_TABLE = "search_fts"

SQLITE_CREATE_TABLE = f"""
CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(
    title_tokens, body_tokens,
    content='{ENTRY_TABLE}', content_rowid='id',
    tokenize='unicode61 remove_diacritics 0'
)
"""

SQLITE_TRIGGERS = [
    f"""
    CREATE TRIGGER search_entry_insert AFTER INSERT ON {ENTRY_TABLE} BEGIN
        INSERT INTO {FTS_TABLE}(rowid, title_tokens, body_tokens) VALUES (new.id, new.title_tokens, new.body_tokens);
    END
    """,
    f"""
    CREATE TRIGGER search_entry_delete AFTER DELETE ON {ENTRY_TABLE} BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title_tokens, body_tokens)
        VALUES ('delete', old.id, old.title_tokens, old.body_tokens);
    END
    """,
    f"""
    CREATE TRIGGER search_entry_update AFTER UPDATE OF title_tokens, body_tokens ON {ENTRY_TABLE} BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title_tokens, body_tokens)
        VALUES ('delete', old.id, old.title_tokens, old.body_tokens);
        INSERT INTO {FTS_TABLE}(rowid, title_tokens, body_tokens) VALUES (new.id, new.title_tokens, new.body_tokens);
    END
    """,
]

SQLITE_DROP_TRIGGERS = [
    "DROP TRIGGER IF EXISTS search_entry_insert",
    "DROP TRIGGER IF EXISTS search_entry_delete",
    "DROP TRIGGER IF EXISTS search_entry_update",
]

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
        statements = [SQLITE_CREATE_TABLE, *SQLITE_TRIGGERS]
    elif vendor == "postgresql":
        statements = POSTGRESQL_CREATE
    else:
        raise NotImplementedError(f"gongkai search supports SQLite and PostgreSQL, not {vendor}")
    for statement in statements:
        schema_editor.execute(statement)


def drop(schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    statements = [*SQLITE_DROP_TRIGGERS, f"DROP TABLE IF EXISTS {FTS_TABLE}"] if vendor == "sqlite" else POSTGRESQL_DROP
    for statement in statements:
        schema_editor.execute(statement)


def start_bulk_load() -> None:
    """Delete every entry and stop indexing row by row until `finish_bulk_load` (in the caller's transaction).

    On SQLite the triggers are dropped for the load: FTS5 indexes 150,000 rows in 5 s with
    `rebuild`, against 20 s through a trigger per row.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for statement in SQLITE_DROP_TRIGGERS:
                cursor.execute(statement)
            cursor.execute(f"DELETE FROM {ENTRY_TABLE}")
        else:
            cursor.execute(f"DELETE FROM {ENTRY_TABLE}")


def finish_bulk_load() -> None:
    """Index every entry at once and restore the triggers."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")
        for statement in SQLITE_TRIGGERS:
            cursor.execute(statement)
