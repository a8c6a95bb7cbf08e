"""Classification and release marks that forbid public release.

A 密级 mark (绝密/机密/秘密, with a ★ term), 内部资料/注意保存/不得外传, or a 附注 that withholds the
document, in a document queued for 主动公开, blocks publication: such a document must not reach the
portal. A 附注 that contradicts the chosen attribute in a milder way is a warning.
"""

from __future__ import annotations

import re

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from gongkai.documents.choices import Disclosure
from gongkai.publishing.checks.base import Finding, Material, excerpt
from gongkai.publishing.choices import Severity

CLASSIFICATION = re.compile(
    r"^(?:密\s*级\s*[:：]\s*)?(?P<level>绝\s*密|机\s*密|秘\s*密)(?:\s*[★☆*]\s*(?:\d+\s*(?:年|个月)|长期))?$"
)
CLASSIFICATION_INLINE = re.compile(r"(?:绝密|机密|秘密)\s*[★☆]\s*(?:\d+\s*(?:年|个月)|长期)?")
RESTRICTED = re.compile(r"内部资料|内部文件|注意保存|不得外传|内部使用|严禁外传|不宜公开")
WITHHOLDING_NOTE = re.compile(r"^[（(]\s*(?:此件)?\s*(?P<value>不予公开|不公开|依申请公开|内部发行)\s*[）)]$")
PROACTIVE_NOTE = re.compile(r"^[（(]\s*此件\s*(?:主动公开|公开发布)\s*[）)]$")


def check(material: Material) -> list[Finding]:
    """Report release marks; they block only a document queued for 主动公开."""
    if material.disclosure != Disclosure.PROACTIVE:
        return _attribute_mismatch(material)

    findings = []
    for line in material.lines:
        text = line.text.strip()
        classification = CLASSIFICATION.match(text) or CLASSIFICATION_INLINE.search(text)
        restricted = RESTRICTED.search(text)
        note = WITHHOLDING_NOTE.match(text)

        if classification:
            findings.append(
                Finding(
                    "marks.classification",
                    Severity.BLOCKING,
                    line.number,
                    excerpt(text, classification.start(), classification.end()),
                    _("The document carries a classification mark: classified documents must not be proactively disclosed."),
                    _(
                        "Check whether the document has been declassified. If it has not, choose “not disclosed” "
                        "(article 14 of the Regulations on Open Government Information)."
                    ),
                )
            )
        if restricted:
            findings.append(
                Finding(
                    "marks.restricted",
                    Severity.BLOCKING,
                    line.number,
                    excerpt(text, restricted.start(), restricted.end()),
                    format_lazy(_("The document is marked “{mark}”, which contradicts proactive disclosure."), mark=restricted.group()),
                    _(
                        "Delete the mark, or change the disclosure attribute to “disclosure on request” or “not disclosed” "
                        "and give the reason."
                    ),
                )
            )
        if note:
            findings.append(
                Finding(
                    "marks.note",
                    Severity.BLOCKING,
                    line.number,
                    excerpt(text, 0, len(text)),
                    format_lazy(_("The note reads “{note}”, but the document is queued for proactive disclosure."), note=note["value"]),
                    _("Check the disclosure attribute: change the note to （此件公开发布）, or change the attribute to match the note."),
                )
            )
    return findings


def _attribute_mismatch(material: Material) -> list[Finding]:
    findings = []
    for line in material.lines:
        text = line.text.strip()
        if PROACTIVE_NOTE.match(text):
            findings.append(
                Finding(
                    "marks.note",
                    Severity.WARNING,
                    line.number,
                    excerpt(text, 0, len(text)),
                    _("The note says the document is proactively disclosed, but the disclosure attribute is not “proactive disclosure”."),
                    _("Check that the disclosure attribute and the note agree."),
                )
            )
    return findings
