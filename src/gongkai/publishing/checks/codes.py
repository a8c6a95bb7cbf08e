"""统一社会信用代码 (GB 32100) in the text: metadata quality, not personal data.

A code names an organisation and is public, so it is never masked. A code whose check
character is wrong is a typo worth fixing before publication.
"""

from __future__ import annotations

import re

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from gongkai.publishing.checks.base import Finding, Material, excerpt
from gongkai.publishing.checks.checksums import valid_uscc
from gongkai.publishing.choices import Severity

USCC_CANDIDATE = re.compile(r"(?<![0-9A-Za-z])[0-9A-HJ-NP-RTUW-Y]{2}\d{6}[0-9A-HJ-NP-RTUW-Y]{10}(?![0-9A-Za-z])")


def check(material: Material) -> list[Finding]:
    findings = []
    for line in material.lines:
        for match in USCC_CANDIDATE.finditer(line.text):
            code = match.group()
            if re.fullmatch(r"\d{17}[\dX]", code) or valid_uscc(code):
                # NOTE: 17 digits and a final digit or X has the shape of a 居民身份证号, which the
                # personal data rules handle, so a code of that shape is not checked here.
                continue
            findings.append(
                Finding(
                    "codes.uscc",
                    Severity.WARNING,
                    line.number,
                    excerpt(line.text, match.start(), match.end()),
                    format_lazy(_("The check character of the unified social credit code “{code}” is wrong (GB 32100)."), code=code),
                    _("Check the code, for example in the National Enterprise Credit Information Publicity System."),
                )
            )
    return findings
