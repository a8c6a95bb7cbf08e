"""`gongkai settings`: every environment setting with its value in force, default and meaning."""

import os

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai import config
from gongkai.core.commands import TranslatedCommand

SECRET_MARKERS = ("SECRET", "API_KEY", "PASSWORD")


class Command(TranslatedCommand):
    help = gettext_lazy("List gongkai's environment settings: value in force, default and meaning. Secrets are masked.")

    def handle(self, *args, **options):
        for setting in config.SETTINGS:
            raw = os.environ.get(setting.name)
            value = raw if raw is not None else setting.default
            if value and any(marker in setting.name for marker in SECRET_MARKERS):
                value = "******"
            if setting.name == "DATABASE_URL" and value:
                value = _mask_password(value)
            source = _("environment") if raw is not None else _("default")
            displayed = value if value else _("(not set)")
            line = _("%(name)s=%(value)s  (%(source)s)") % {"name": setting.name, "value": displayed, "source": source}
            self.stdout.write(f"{line}\n    {setting.help}")


def _mask_password(url: str) -> str:
    scheme, _, rest = url.partition("://")
    credentials, at, host = rest.rpartition("@")
    if not at or ":" not in credentials:
        return url
    user = credentials.split(":", 1)[0]
    return f"{scheme}://{user}:******@{host}"
