"""`gongkai deadline START DAYS`: the due date DAYS working days after the day of receipt START."""

import datetime
import json

from django.core.management.base import CommandError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gongkai.core import calendar
from gongkai.core.commands import TranslatedCommand


class Command(TranslatedCommand):
    help = _(
        "Compute the due date: DAYS working days counted from the day after the day of receipt START, "
        "with holidays and make-up working days as in the holiday schedule of the State Council General Office."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "start",
            metavar="START",
            help=_("Day of receipt, not counted in the period, as YYYY-MM-DD, for example 2025-01-20."),
        )
        parser.add_argument(
            "days",
            metavar="DAYS",
            help=_("Number of working days, a whole number from 1 to %(max)s, for example 20.")
            % {"max": calendar.MAX_WORKING_DAYS},
        )
        parser.add_argument("--json", action="store_true", help=_("Print the result as a JSON object."))

    def handle(self, *args, **options):
        start = parse_start(options["start"])
        working_days = parse_working_days(options["days"])

        deadline = calendar.compute_deadline(start, working_days)

        if options["json"]:
            self.stdout.write(json.dumps(deadline.as_dict(), ensure_ascii=False, indent=2))
            return

        mark = calendar.PROVISIONAL_MARK if deadline.provisional else ""
        self.stdout.write(f"{calendar.format_day(deadline.due)}{mark}")
        for line in deadline.explanation():
            self.stdout.write(line)


def parse_start(value: str) -> datetime.date:
    """Parse the START argument, raising CommandError with a message that names it."""
    try:
        start = datetime.date.fromisoformat(value.strip())
    except ValueError:
        raise CommandError(
            gettext("Invalid START: “%(value)s” is not a date; write it as YYYY-MM-DD, for example 2025-01-20.") % {"value": value}
        ) from None

    try:
        calendar.check_start(start)
    except ValueError as error:
        raise CommandError(gettext("Invalid START: %(error)s") % {"error": error}) from None
    return start


def parse_working_days(value: str) -> int:
    """Parse the DAYS argument, raising CommandError with a message that names it."""
    try:
        working_days = int(value.strip())
    except ValueError:
        message = gettext("Invalid DAYS: “%(value)s” is not a whole number; give working days from 1 to %(maximum)d, for example 20.")
        raise CommandError(message % {"value": value, "maximum": calendar.MAX_WORKING_DAYS}) from None

    try:
        calendar.check_working_days(working_days)
    except ValueError as error:
        raise CommandError(gettext("Invalid DAYS: %(error)s") % {"error": error}) from None
    return working_days
