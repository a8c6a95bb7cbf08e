"""`gongkai remind`: e-mail each assigned staff member the open requests that are overdue or due soon."""

import logging
from collections import defaultdict

from django.core.mail import send_mail
from django.utils import timezone
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
                    f"政府信息公开申请办理提醒（{len(requests)} 件）",
                    "以下申请已逾期或即将到期，请及时办理：\n\n" + "\n".join(lines),
                    None,
                    [user.email],
                )
            else:
                logger.warning("User %s has no e-mail address; reminder only logged", user.pk)
        self.stdout.write(f"已提醒 {len(by_user)} 名承办人，涉及 {sum(len(items) for items in by_user.values())} 件申请。")


def _line(request: DisclosureRequest, today) -> str:
    state = "已逾期" if request.due_date < today else "即将到期"
    return f"{request.tracking_code}  届满日 {request.due_date.isoformat()}  {state}"
