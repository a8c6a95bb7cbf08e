"""The `gongkai` command: a thin wrapper over Django's management commands.

`gongkai import …` runs `manage.py import …` with gongkai's settings; every management command is
reachable this way, so `gongkai migrate` and `gongkai createsuperuser` work as well.
"""

import os
import sys

from django.core.exceptions import ImproperlyConfigured


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    argv[0] = "gongkai"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")

    try:
        from django.core.management import execute_from_command_line

        execute_from_command_line(argv)
    except ImproperlyConfigured as error:
        sys.stderr.write(f"gongkai：配置错误：{error}\n")
        sys.exit(2)


if __name__ == "__main__":
    main()
