"""A covering index of the filter columns of whole-document entries, used by SQLite searches."""

from django.db import migrations

INDEX = "search_entry_document_columns"
COLUMNS = (
    "id, document_id, version_root_id, kind, part_id, label, anchor, position, agency_id, doc_type, subject, year, "
    "publish_date, validity, disclosure, is_current"
)


def create(apps, schema_editor):
    # PostgreSQL reads these columns from the heap after its GIN index; it needs no copy of them.
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON search_searchentry ({COLUMNS}) WHERE kind = 'document'"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("search", "0004_query_statistics")]

    operations = [migrations.RunPython(create, drop)]
