"""The `gongkai` command: a thin wrapper over Django's management commands.

`gongkai import …` runs `manage.py import …` with gongkai's settings; every management command is
reachable this way, so `gongkai migrate` and `gongkai createsuperuser` work as well.
"""

import os
import sys

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_noop

from gongkai.config import translate

MISSING_TABLE_MARKERS = ("no such table", "does not exist")

# Commands that must see the schema as it is, or need no database at all.
SCHEMA_COMMANDS = {
    "migrate", "makemigrations", "sqlmigrate", "showmigrations", "squashmigrations", "flush", "dbshell", "test",
    "help", "version", "makemessages", "compilemessages", "settings",
}


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    argv[0] = "gongkai"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")

    from django.db.utils import OperationalError, ProgrammingError

    try:
        from django.core.management import execute_from_command_line

        if len(argv) > 1 and argv[1] not in SCHEMA_COMMANDS and not argv[1].startswith("-"):
            initialise_fresh_database()
        execute_from_command_line(argv)
    except ImproperlyConfigured as error:
        sys.stderr.write(translate(gettext_noop("gongkai: configuration error: {error}")).format(error=error) + "\n")
        sys.exit(2)
    except (OperationalError, ProgrammingError) as error:
        sys.stderr.write(translate(gettext_noop("gongkai: {message}")).format(message=database_hint(error)) + "\n")
        sys.exit(2)


def initialise_fresh_database() -> None:
    """Create the tables of a database that has none yet, so the first command on a new data folder works.

    A database that already has some migrations applied is left alone: upgrading it is an
    explicit `gongkai migrate`, and a command that meets a missing table prints that hint.
    """
    import django
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.recorder import MigrationRecorder

    django.setup()
    if MigrationRecorder(connection).has_table():
        return

    sys.stderr.write(translate(gettext_noop("gongkai: new database, creating the tables…")) + "\n")
    call_command("migrate", interactive=False, verbosity=0)


def database_hint(error: Exception) -> str:
    """Turn a database error that escaped a command into a message that names the fix."""
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    if any(marker in text for marker in MISSING_TABLE_MARKERS):
        message = gettext_noop("The database is not initialised or its schema is out of date ({error}): run gongkai migrate first.")
        return translate(message).format(error=text)
    message = gettext_noop(
        "Database operation failed ({error}): check that the database that DATABASE_URL or GONGKAI_HOME names is available."
    )
    return translate(message).format(error=text)


if __name__ == "__main__":
    main()
