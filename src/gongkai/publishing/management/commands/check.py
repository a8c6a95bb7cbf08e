"""`gongkai check FILE…`: run the pre-publication checks on files before uploading them.

Without file arguments, or with installed app labels, this is Django's system check, unchanged,
so `gongkai check` and `gongkai check --deploy` still work.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.apps import apps
from django.core.management.base import CommandError
from django.core.management.commands import check as system_check
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gongkai.core.commands import TranslatedCommand
from gongkai.documents.choices import Disclosure
from gongkai.documents.parsing.base import ParseError
from gongkai.publishing import checks
from gongkai.publishing.choices import Severity


class Command(TranslatedCommand, system_check.Command):
    help = _(
        "Run the pre-publication checks (personal data, release marks, GB/T 9704 format, wording, links, "
        "policy interpretation) on the given files; exit status 1 when a finding blocks publication. "
        "Without files, run Django's system checks."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        # Django's check declares the positional as app labels; here it takes files first.
        files = next(action for action in parser._actions if action.dest == "args")
        files.metavar = "FILE"
        files.help = _("Files to check before upload. With none, or with installed app labels only, run Django's system checks.")
        parser.add_argument("--json", action="store_true", help=_("Print the findings as a JSON list."))
        parser.add_argument(
            "--disclosure",
            choices=Disclosure.values,
            default=Disclosure.PROACTIVE,
            help=_("Disclosure attribute the files are queued for (default: proactive)."),
        )
        parser.add_argument(
            "--has-interpretation",
            action="store_true",
            help=_("A policy interpretation will be published with the files."),
        )
        parser.add_argument(
            "--no-network", action="store_true", help=_("Do not open links, not even on allow-listed hosts.")
        )

    def handle(self, *arguments, **options):
        labels = {config.label for config in apps.get_app_configs()}
        if not arguments or all(argument in labels for argument in arguments):
            return super().handle(*arguments, **options)

        findings, failures = self.check_files([Path(argument) for argument in arguments], options)
        self.report(findings, options["json"])

        blocking = sum(1 for finding in findings if finding["severity"] == "blocking")
        if failures:
            raise CommandError(gettext("%(count)d files could not be checked, see above.") % {"count": failures}, returncode=2)
        if blocking:
            raise CommandError(
                gettext("Found %(count)d findings that block publication: correct them before uploading.") % {"count": blocking}, returncode=1
            )

    def check_files(self, paths: list[Path], options: dict) -> tuple[list[dict], int]:
        resolver = (lambda url: True) if options["no_network"] else None
        findings = []
        failures = 0
        for path in paths:
            try:
                material = checks.material_from_file(
                    path.name,
                    path.read_bytes(),
                    disclosure=options["disclosure"],
                    has_interpretation=True if options["has_interpretation"] else None,
                )
            except (OSError, ParseError) as error:
                failures += 1
                reason = _os_reason(error) if isinstance(error, OSError) else str(error)
                self.stderr.write(gettext("Cannot check %(path)s: %(reason)s") % {"path": path, "reason": reason})
                continue
            findings.extend({"file": str(path), **finding.as_dict()} for finding in checks.run(material, resolver=resolver))
        return findings, failures

    def report(self, findings: list[dict], as_json: bool) -> None:
        if as_json:
            self.stdout.write(json.dumps(findings, ensure_ascii=False, indent=2))
            return

        for finding in findings:
            label = Severity(finding["severity"]).label
            self.stdout.write(f"{finding['file']}:{finding['line']}  [{label}] {finding['rule']}  {finding['message']}")
            if finding["excerpt"]:
                self.stdout.write(gettext("    excerpt: %(text)s") % {"text": finding["excerpt"]})
            if finding["suggestion"]:
                self.stdout.write(gettext("    suggestion: %(text)s") % {"text": finding["suggestion"]})
        self.stdout.write(gettext("%(count)d findings.") % {"count": len(findings)} if findings else gettext("No findings."))


def _os_reason(error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        return gettext("the file does not exist; check the path.")
    if isinstance(error, PermissionError):
        return gettext("no permission to read it.")
    if isinstance(error, IsADirectoryError):
        return gettext("this is a folder; name the files in it.")
    return gettext("reading failed (%(reason)s).") % {"reason": error.strerror}
