"""Wording and punctuation rules for 公文 (GB/T 15834 标点符号用法 and common word confusions).

Every rule only flags: a confusable word is right in some contexts, so the drafter decides and
nothing is corrected automatically.
"""

from __future__ import annotations

import re

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from gongkai.publishing.checks.base import Finding, Material, excerpt
from gongkai.publishing.choices import Severity

_CJK = "\u3400-\u9fff"


def _misspelling(word: str):
    return format_lazy(_("“{word}” is a misspelling."), word=word)


# (pattern, message, suggestion). Patterns carry their context so that a correct use in another
# sense stays quiet: 截止 is right after a date (3月5日截止) and in 截止日期, 做出 in 做出样品.
CONFUSIONS = (
    (r"截止(?:到|至)?\s*(?=\d{4}\s*年|\d{1,2}\s*月|目前|今年|去年|本月|上月|本年|上年|年底|年末|当前)", _("Before a point in time, write “截至”, not “截止”."), "截至"),
    (r"做出(?=决定|规定|决策|部署|安排|评价|评估|处理|处罚|答复|批复|承诺|贡献|解释|说明|调整|判断|结论|回应|反应|努力|选择)", _("Official documents write “作出” in “作出决定”, “作出部署” and similar phrases."), "作出"),
    (r"其它", _("Official documents always use “其他”."), "其他"),
    (r"图象", _("“图象” is an old spelling: write “图像”."), "图像"),
    (r"布署", _misspelling("布署"), "部署"),
    (r"签定(?=合同|协议|协定|条约|责任书|承诺书)", _("Signing a contract or agreement is written “签订”."), "签订"),
    (r"按排", _misspelling("按排"), "安排"),
    (r"既使", _misspelling("既使"), "即使"),
    (r"即然", _misspelling("即然"), "既然"),
    (r"再接再励", _misspelling("再接再励"), "再接再厉"),
    (r"迫不急待", _misspelling("迫不急待"), "迫不及待"),
    (r"重迭", _("“重迭” is an old spelling."), "重叠"),
    (r"帐户|帐号", _("Write “账户、账号” instead of “帐户、帐号”."), "账户／账号"),
    (r"侯选", _misspelling("侯选"), "候选"),
    (r"题纲", _misspelling("题纲"), "提纲"),
    (r"防碍", _misspelling("防碍"), "妨碍"),
    (r"幅射", _misspelling("幅射"), "辐射"),
    (r"松驰", _misspelling("松驰"), "松弛"),
    (r"竟争", _misspelling("竟争"), "竞争"),
    (r"凑和", _misspelling("凑和"), "凑合"),
    (r"(?<!情)报导", _("“报导” is usually written “报道”."), "报道"),
    (r"做为", _("Write “作为” instead of “做为”."), "作为"),
    (r"决对", _misspelling("决对"), "绝对"),
    (r"份内|份外", _("Write “分内、分外” instead of “份内、份外”."), "分内／分外"),
    (r"精减(?=机构|程序|流程|环节|材料|手续)", _("Streamlining organisations or procedures is written “精简”."), "精简"),
    (r"(?<!依)法制(?=政府|建设|思维|方式|轨道|化)", _("In the sense of the rule of law, write “法治”."), "法治"),
)
CONFUSION_PATTERNS = tuple((re.compile(pattern), message, suggestion) for pattern, message, suggestion in CONFUSIONS)

REPEATED_CHARACTER = re.compile(r"(?<!不)(的|了|是|在|和|与|及|对|为|将|把|被|从|按|由|于|并|或)\1(?!之)")
REPEATED_WORD = re.compile(rf"([{_CJK}]{{3,8}})\1")
DOUBLED_PUNCTUATION = re.compile(r"([，。；：、！？])\1+|[，；：、][。，；：]|[。][，；：、]")
ASCII_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}])\s*[,;:?!()\"']\s*(?=[{_CJK}])|(?<=[{_CJK}])\s*[,;?!]|[(]\s*(?=[{_CJK}])")
PAIRS = {"（": "）", "《": "》", "“": "”", "‘": "’", "【": "】", "〔": "〕", "〈": "〉", "「": "」", "『": "』"}
CLOSERS = {closer: opener for opener, closer in PAIRS.items()}


def check(material: Material) -> list[Finding]:
    findings = []
    for line in material.lines:
        text = line.text
        findings.extend(_confusions(line.number, text))
        findings.extend(_repeats(line.number, text))
        findings.extend(_punctuation(line.number, text))
        if line.cells is None:
            findings.extend(_brackets(line.number, text))
    return findings


def _confusions(number: int, text: str) -> list[Finding]:
    findings = []
    for pattern, message, suggestion in CONFUSION_PATTERNS:
        for match in pattern.finditer(text):
            findings.append(
                Finding(
                    "wording.confusion",
                    Severity.WARNING,
                    number,
                    excerpt(text, match.start(), match.end()),
                    format_lazy(_("“{text}” may be the wrong word: {reason}"), text=match.group().strip(), reason=message),
                    format_lazy(_("Check it and change it to “{word}”. If the use here is right, confirm the warning to keep it."), word=suggestion),
                )
            )
    return findings


def _repeats(number: int, text: str) -> list[Finding]:
    findings = []
    for pattern in (REPEATED_CHARACTER, REPEATED_WORD):
        for match in pattern.finditer(text):
            findings.append(
                Finding(
                    "wording.repeat",
                    Severity.WARNING,
                    number,
                    excerpt(text, match.start(), match.end()),
                    format_lazy(_("“{text}” looks like a repeated entry."), text=match.group()),
                    format_lazy(_("Delete the repeated “{text}”."), text=match.group(1)),
                )
            )
    return findings


def _punctuation(number: int, text: str) -> list[Finding]:
    findings = []
    for match in DOUBLED_PUNCTUATION.finditer(text):
        findings.append(
            Finding(
                "wording.double_punctuation",
                Severity.WARNING,
                number,
                excerpt(text, match.start(), match.end()),
                format_lazy(_("The punctuation marks “{marks}” follow each other."), marks=match.group()),
                _("Delete the extra punctuation."),
            )
        )
    # One finding per line, so that a paragraph with many ASCII parentheses is reported once.
    matches = list(ASCII_BETWEEN_CJK.finditer(text))
    if matches:
        marks = "".join(dict.fromkeys(match.group().strip() for match in matches))
        findings.append(
            Finding(
                "wording.ascii_punctuation",
                Severity.WARNING,
                number,
                excerpt(text, matches[0].start(), matches[0].end()),
                format_lazy(
                    ngettext_lazy(
                        "Half-width punctuation “{marks}” is used between Chinese characters ({count} place in this line).",
                        "Half-width punctuation “{marks}” is used between Chinese characters ({count} places in this line).",
                        len(matches),
                    ),
                    marks=marks,
                    count=len(matches),
                ),
                _("Use full-width punctuation in Chinese text, such as “，” “；” “：” “（）”."),
            )
        )
    return findings


def _brackets(number: int, text: str) -> list[Finding]:
    """Report brackets and quotation marks left open or closed without an opener in one paragraph."""
    stack: list[tuple[str, int]] = []
    unmatched: list[tuple[str, int]] = []
    for position, char in enumerate(text):
        if char in PAIRS:
            stack.append((char, position))
        elif char in CLOSERS:
            if stack and stack[-1][0] == CLOSERS[char]:
                stack.pop()
            else:
                unmatched.append((char, position))
    unmatched.extend(stack)

    return [
        Finding(
            "wording.brackets",
            Severity.WARNING,
            number,
            excerpt(text, position, position + 1),
            format_lazy(_("“{mark}” has no matching “{partner}”."), mark=char, partner=PAIRS.get(char) or CLOSERS[char]),
            _("Complete or delete the unpaired brackets and quotation marks."),
        )
        for char, position in sorted(unmatched, key=lambda item: item[1])
    ]
