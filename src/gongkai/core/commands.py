"""The base class of gongkai's management commands."""

from __future__ import annotations

from django.core.management.base import BaseCommand


class TranslatedCommand(BaseCommand):
    """A management command whose description and option help may be lazy translations.

    argparse formats them with re.sub, which rejects a lazy string, so they become str when the
    parser is built, in the language active then.
    """

    def create_parser(self, prog_name, subcommand, **kwargs):
        self.help = str(self.help)
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        for action in parser._actions:
            if action.help is not None:
                action.help = str(action.help)
        return parser
