"""`gongkai remind`: e-mail each assigned staff member the open requests that are overdue or due soon."""

import logging
from collections import defaultdict

from django.core.mail import send_mail
from django.utils import timezone
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from gongkai.core import calendar
from gongkai.core.commands import TranslatedCommand
from gongkai.disclosure import conf
from gongkai.disclosure.models import DisclosureRequest

logger = logging.getLogger(__name__)


class Command(TranslatedCommand):
    help = _(
        "Remind the assigned staff of open government information requests that are overdue or due soon: "
        "one e-mail per staff member, and a log entry with the request codes only."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=conf.get("DUE_SOON_WORKING_DAYS"),
            help=_("Remind about requests due within this many working days after today (default %(default)s)."),
        )

    def handle(self, *args, **options):
        today = timezone.localdate()
        horizon = calendar.compute_deadline(today, max(options["days"], 1)).due
        due = DisclosureRequest.objects.open().filter(due_date__lte=horizon).select_related("assigned_to").order_by("due_date")

        by_user = defaultdict(list)
        for request in due:
            if request.assigned_to is None:
                logger.warning("Disclosure request %s is due %s and has no assigned staff member", request.pk, request.due_date)
                continue
            by_user[request.assigned_to].append(request)

        for user, requests in by_user.items():
            lines = [_line(request, today) for request in requests]
            logger.info("Reminding user %s of disclosure requests %s", user.pk, [request.pk for request in requests])
            if user.email:
                send_mail(
                    gettext("Reminder: %(count)d government information requests to handle") % {"count": len(requests)},
                    gettext("These requests are overdue or due soon; please handle them in time:") + "\n\n" + "\n".join(lines),
                    None,
                    [user.email],
                )
            else:
                logger.warning("User %s has no e-mail address; reminder only logged", user.pk)
        requests = sum(len(items) for items in by_user.values())
        self.stdout.write(gettext("Reminded %(staff)d staff members of %(requests)d requests.") % {"staff": len(by_user), "requests": requests})


def _line(request: DisclosureRequest, today) -> str:
    state = pgettext("reminder", "overdue") if request.due_date < today else pgettext("reminder", "due soon")
    due = gettext("due %(date)s") % {"date": request.due_date.isoformat()}
    return f"{request.tracking_code}  {due}  {state}"
