"""申报类、办事类 policies must be published together with a 政策解读.

A policy is 申报类 or 办事类 when its title contains a word of `TITLE_WORDS` (申报, 补贴办法 …),
or its body sets out application conditions, subsidy standards or a procedure (`BODY_WORDS`:
申请条件, 补贴标准, 办理流程 …).
"""

from __future__ import annotations

import re

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from gongkai.publishing.checks.base import Finding, Material, excerpt
from gongkai.publishing.choices import Severity

TITLE_WORDS = re.compile(r"申报|申领|(?:补贴|补助|资助|奖励|扶持|奖补)(?:资金|标准|办法|实施细则|细则|政策|对象)|专项资金")
BODY_WORDS = re.compile(
    r"申报条件|申报材料|申报程序|申报流程|申报时间|申报方式|申请条件|申请材料|申请程序|申请流程|补贴标准|补贴对象|补助标准|"
    r"资助标准|奖励标准|扶持标准|支持标准|办理流程|办理程序|办理时限|受理方式|受理时间|受理地点"
)


def check(material: Material) -> list[Finding]:
    if material.is_interpretation or material.has_interpretation:
        return []

    title = next((text for text in _titles(material) if TITLE_WORDS.search(text)), "")
    title_hit = TITLE_WORDS.search(title) if title else None
    body_hit = None
    body_line = None
    for line in material.lines:
        body_hit = BODY_WORDS.search(line.text)
        if body_hit:
            body_line = line
            break
    if not (title_hit or body_hit):
        return []

    if body_hit:
        number, shown = body_line.number, excerpt(body_line.text, body_hit.start(), body_hit.end())
        word = body_hit.group()
    else:
        number, shown, word = 0, excerpt(title, title_hit.start(), title_hit.end()), title_hit.group()
    return [
        Finding(
            "interpretation.missing",
            Severity.BLOCKING,
            number,
            shown,
            format_lazy(
                _(
                    "The document contains “{word}”, so it is an application or service policy, which must be published "
                    "together with a policy interpretation, but no interpretation is linked."
                ),
                word=word,
            ),
            _("Draft and link a policy interpretation (text, graphic or video) to publish together with the document."),
        )
    ]


def _titles(material: Material) -> list[str]:
    """Return the known title and the first short lines without sentence punctuation, which may be the title.

    The lines count because a parser may miss the title of a short or unusual file and fall back
    to the file name.
    """
    lines = [line.text.strip() for line in material.lines[:3] if line.cells is None]
    return [material.title, *(text for text in lines if text and len(text) <= 80 and not re.search(r"[。；！？]", text))]
