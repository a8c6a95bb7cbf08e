"""Links in the body: each one must point to an allow-listed host and resolve.

Only hosts in the allow-list (`AllowedLinkHost`, managed in the admin) are ever contacted. A link
to any other host is reported for a person to verify, without a request. The resolver is a
parameter, so tests and offline runs pass their own and no request leaves the machine.
"""

from __future__ import annotations

import logging
import re
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from gongkai.publishing.checks.base import Finding, Material, excerpt
from gongkai.publishing.choices import Severity

logger = logging.getLogger(__name__)

URL = re.compile(r"https?://[^\s<>\"'“”‘’（）()，。；、！？【】《》]+", re.IGNORECASE)
TIMEOUT_SECONDS = 5

Resolver = Callable[[str], bool]
"""Return True when a request to the URL returns a status below 400."""


def http_resolver(url: str) -> bool:
    """Send a HEAD request to `url`, falling back to GET where the server refuses HEAD."""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": "gongkai link check"})
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
                return response.status < 400
        except urllib.error.HTTPError as error:
            if method == "HEAD" and error.code in (403, 405, 501):
                continue
            logger.info("link check %s failed: HTTP %s", url, error.code)
            return False
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            logger.info("link check %s failed: %s", url, error)
            return False
    return False


def host_allowed(host: str, allowed: Iterable[str]) -> bool:
    """Return True when `host` is an allowed host or a subdomain of one."""
    host = host.lower().rstrip(".")
    return any(host == entry or host.endswith("." + entry) for entry in (item.lower().strip(".") for item in allowed))


def allowed_hosts() -> list[str]:
    from gongkai.publishing.models import AllowedLinkHost

    return list(AllowedLinkHost.objects.values_list("host", flat=True))


def make_check(resolver: Resolver | None = None, allowed: Iterable[str] | None = None):
    """Return the link check bound to `resolver` (default: real HTTP) and an allow-list (default: the database)."""

    def check(material: Material) -> list[Finding]:
        hosts = list(allowed) if allowed is not None else allowed_hosts()
        return check_links(material, resolver or http_resolver, hosts)

    return check


def check_links(material: Material, resolver: Resolver, hosts: list[str]) -> list[Finding]:
    findings = []
    results: dict[str, bool] = {}
    for line in material.lines:
        for match in URL.finditer(line.text):
            url = match.group().rstrip(".,;:")
            host = urlsplit(url).hostname or ""
            if not host_allowed(host, hosts):
                findings.append(
                    Finding(
                        "links.unlisted_host",
                        Severity.WARNING,
                        line.number,
                        excerpt(line.text, match.start(), match.end()),
                        format_lazy(_("The link points to “{host}”, a site not on the allow-list, so it was not opened automatically."), host=host),
                        _("Open the link and check it by hand. An administrator can add reliable sites to the link allow-list."),
                    )
                )
                continue

            if url not in results:
                results[url] = resolver(url)
            if not results[url]:
                findings.append(
                    Finding(
                        "links.unreachable",
                        Severity.WARNING,
                        line.number,
                        excerpt(line.text, match.start(), match.end()),
                        _("The link cannot be opened (it is broken or its address is wrong)."),
                        _("Correct the link address, or delete the broken link."),
                    )
                )
    return findings
