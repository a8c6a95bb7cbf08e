"""`gongkai signing-key generate|rotate|list`: manage the platform key that signs published documents."""

from django.core.management.base import CommandError
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from gongkai.core.commands import TranslatedCommand
from gongkai.publishing import signing
from gongkai.publishing.models import SigningKey


class Command(TranslatedCommand):
    help = _(
        "generate: create the first signing key; rotate: create a new key and retire the active one "
        "(old signatures stay verifiable); list: show every key. Private keys are files in GONGKAI_HOME/signing-keys."
    )

    def add_arguments(self, parser):
        parser.add_argument("operation", choices=["generate", "rotate", "list"])

    def handle(self, *args, operation: str, **options):
        if operation == "list":
            for key in SigningKey.objects.order_by("created_at", "id"):
                state = gettext("retired %(time)s") % {"time": f"{key.retired_at:%Y-%m-%d %H:%M}"} if key.retired_at else pgettext("signing key", "active")
                created = gettext("created %(time)s") % {"time": f"{key.created_at:%Y-%m-%d %H:%M}"}
                self.stdout.write(f"{key.key_id}  {key.algorithm}  {created}  {state}")
            return

        active = signing.active_key()
        if operation == "generate" and active is not None:
            raise CommandError(
                gettext("Signing key %(key)s is already active: to replace it, run gongkai signing-key rotate.") % {"key": active.key_id}
            )
        if operation == "rotate" and active is None:
            raise CommandError(gettext("There is no signing key yet: run gongkai signing-key generate first."))

        key = signing.generate_key(actor_label=f"gongkai signing-key {operation}")
        path = signing.key_folder() / (key.key_id + ".pem")
        self.stdout.write(gettext("New signing key %(key)s is active; its private key is in %(path)s.") % {"key": key.key_id, "path": path})
        if active is not None:
            self.stdout.write(gettext("Key %(key)s is retired; its signatures stay verifiable.") % {"key": active.key_id})
