"""Classification and release marks that forbid public release.

A 密级 mark (绝密/机密/秘密, with a ★ term), 内部资料/注意保存/不得外传, or a 附注 that withholds the
document, in a document queued for 主动公开, blocks publication: such a document must not reach the
portal. A 附注 that contradicts the chosen attribute in a milder way is a warning.
"""

from __future__ import annotations

import re

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
                    "文件标有密级，涉密文件不得主动公开。",
                    "确认文件是否已解密；未解密的文件应选择“不予公开”（条例第十四条）。",
                )
            )
        if restricted:
            findings.append(
                Finding(
                    "marks.restricted",
                    Severity.BLOCKING,
                    line.number,
                    excerpt(text, restricted.start(), restricted.end()),
                    f"文件标有“{restricted.group()}”，与主动公开相矛盾。",
                    "删除该标注，或将公开属性改为“依申请公开”或“不予公开”并写明理由。",
                )
            )
        if note:
            findings.append(
                Finding(
                    "marks.note",
                    Severity.BLOCKING,
                    line.number,
                    excerpt(text, 0, len(text)),
                    f"附注为“{note['value']}”，但文件拟主动公开。",
                    "核对公开属性：附注应改为（此件公开发布），或将公开属性改为与附注一致。",
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
                    "附注为主动公开，但公开属性选择的不是“主动公开”。",
                    "核对公开属性与附注是否一致。",
                )
            )
    return findings
