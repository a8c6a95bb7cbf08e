"""Wording and punctuation rules for 公文 (GB/T 15834 标点符号用法 and common word confusions).

Every rule only flags: a confusable word is right in some contexts, so the drafter decides and
nothing is corrected automatically.
"""

from __future__ import annotations

import re

from gongkai.publishing.checks.base import Finding, Material, excerpt
from gongkai.publishing.choices import Severity

_CJK = "\u3400-\u9fff"

# (pattern, message, suggestion). Patterns carry their context so that a correct use in another
# sense stays quiet: 截止 is right after a date (3月5日截止) and in 截止日期, 做出 in 做出样品.
CONFUSIONS = (
    (r"截止(?:到|至)?\s*(?=\d{4}\s*年|\d{1,2}\s*月|目前|今年|去年|本月|上月|本年|上年|年底|年末|当前)", "“截止”后接时间点时应为“截至”。", "截至"),
    (r"做出(?=决定|规定|决策|部署|安排|评价|评估|处理|处罚|答复|批复|承诺|贡献|解释|说明|调整|判断|结论|回应|反应|努力|选择)", "公文中“作出决定、作出部署”等应写作“作出”。", "作出"),
    (r"其它", "公文中统一使用“其他”。", "其他"),
    (r"图象", "“图象”为旧写法，应写作“图像”。", "图像"),
    (r"布署", "“布署”为错别字。", "部署"),
    (r"签定(?=合同|协议|协定|条约|责任书|承诺书)", "签署合同、协议应写作“签订”。", "签订"),
    (r"按排", "“按排”为错别字。", "安排"),
    (r"既使", "“既使”为错别字。", "即使"),
    (r"即然", "“即然”为错别字。", "既然"),
    (r"再接再励", "“再接再励”为错别字。", "再接再厉"),
    (r"迫不急待", "“迫不急待”为错别字。", "迫不及待"),
    (r"重迭", "“重迭”为旧写法。", "重叠"),
    (r"帐户|帐号", "“帐户、帐号”应写作“账户、账号”。", "账户／账号"),
    (r"侯选", "“侯选”为错别字。", "候选"),
    (r"题纲", "“题纲”为错别字。", "提纲"),
    (r"防碍", "“防碍”为错别字。", "妨碍"),
    (r"幅射", "“幅射”为错别字。", "辐射"),
    (r"松驰", "“松驰”为错别字。", "松弛"),
    (r"竟争", "“竟争”为错别字。", "竞争"),
    (r"凑和", "“凑和”为错别字。", "凑合"),
    (r"(?<!情)报导", "“报导”一般写作“报道”。", "报道"),
    (r"做为", "“做为”应写作“作为”。", "作为"),
    (r"决对", "“决对”为错别字。", "绝对"),
    (r"份内|份外", "“份内、份外”应写作“分内、分外”。", "分内／分外"),
    (r"精减(?=机构|程序|流程|环节|材料|手续)", "精简机构、流程应写作“精简”。", "精简"),
    (r"(?<!依)法制(?=政府|建设|思维|方式|轨道|化)", "指依法治理时应写作“法治”。", "法治"),
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
                    f"“{match.group().strip()}”可能用词不当：{message}",
                    f"请核对后改为“{suggestion}”；如本处用法正确，可确认后忽略。",
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
                    f"“{match.group()}”疑似重复录入。",
                    f"删除重复的“{match.group(1)}”。",
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
                f"标点“{match.group()}”连用。",
                "删除多余的标点。",
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
                f"中文之间使用了半角标点“{marks}”（本行 {len(matches)} 处）。",
                "中文文本应使用全角标点，如“，”“；”“：”“（）”。",
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
            f"“{char}”没有配对的{'“' + PAIRS[char] + '”' if char in PAIRS else '“' + CLOSERS[char] + '”'}。",
            "补全或删除不成对的括号、引号。",
        )
        for char, position in sorted(unmatched, key=lambda item: item[1])
    ]
