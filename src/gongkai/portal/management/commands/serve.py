"""`gongkai serve`: the production server on the embedded defaults."""

import logging
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gongkai.core.commands import TranslatedCommand
from gongkai.search import postinglists

logger = logging.getLogger(__name__)

SAMPLES = Path(__file__).resolve().parents[3] / "documents" / "samples"


class Command(TranslatedCommand):
    help = _("Apply migrations, collect static files and serve gongkai with waitress.")

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1", help=_("Address to bind (default 127.0.0.1: this machine only)."))
        parser.add_argument("--port", type=int, default=8000, help=_("TCP port (default 8000)."))
        parser.add_argument("--threads", type=int, default=8, help=_("Worker threads (default 8)."))
        parser.add_argument("--demo", action="store_true", help=_("Import the bundled 示例 documents before serving."))

    def handle(self, *args, **options):
        from waitress import create_server

        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        if options["demo"]:
            self.import_samples()
        if postinglists.stale():
            self.stdout.write(
                gettext("Note: the posting lists are missing or stale, so a word's first search is slower. Run gongkai reindex --posting-lists to write them.")
            )

        # Imported only now: WhiteNoise lists the static files once, when the application loads.
        from gongkai.wsgi import application

        # The server binds its port when created, so the start message follows a successful bind.
        try:
            server = create_server(application, host=options["host"], port=options["port"], threads=options["threads"], ident="gongkai")
        except OSError as error:
            address = f"{options['host']}:{options['port']}"
            raise CommandError(
                gettext("Cannot listen on %(address)s (%(reason)s): choose another port, for example --port 8080.")
                % {"address": address, "reason": error.strerror}
            ) from error

        url = f"http://{options['host']}:{options['port']}/"
        self.stdout.write(gettext("gongkai is running at %(url)s (data folder %(home)s); press Ctrl+C to stop.") % {"url": url, "home": settings.HOME})
        logger.info("serving host=%s port=%s threads=%s", options["host"], options["port"], options["threads"])
        server.run()

    def import_samples(self):
        try:
            call_command("import", str(SAMPLES), stdout=self.stdout)
        except CommandError as error:
            # A broken sample must not keep the site from starting; the summary above names the file.
            logger.error("demo import incomplete: %s", error)
