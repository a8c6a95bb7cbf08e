"""Personal information (个人信息) in a document queued for release.

The 政府信息公开条例 (article 15) withholds personal privacy. Numbers are reported only when their
check digits are right, so that file numbers, amounts and dates do not raise false alarms:
居民身份证号 need a real birth date and the GB 11643 check character, bank card numbers the
Luhn check, mobile numbers the 1[3-9] prefix and exactly 11 digits. A 15-digit first-generation
身份证号 has no check digit; a province code and a real birth date make it a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from gongkai.publishing.checks.base import Finding, Line, Material, excerpt
from gongkai.publishing.checks.checksums import id_number_date, luhn_valid, valid_id_number, valid_legacy_id_number
from gongkai.publishing.choices import Severity

ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])")
ID_LABEL = re.compile(r"身份证|证件号")
LEGACY_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])\d{15}(?![0-9A-Za-z])")
MOBILE = re.compile(r"(?<![\d\-])(?:(?:\+|00)?86[\-\s]?)?1[3-9]\d(?:\d{8}|[\-\s]\d{4}[\-\s]\d{4})(?![\d\-])")
BANK_CARD = re.compile(r"(?<![\d\-])(?:\d{16,19}|\d{4}(?:[\s\-]\d{4}){3}(?:[\s\-]?\d{1,3})?)(?![\d\-])")
BANK_CARD_PREFIXES = ("62", "4", "5")
EMAIL = re.compile(r"(?<![\w.+\-])[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")

# Common surnames (百家姓, most frequent first), used to recognise a name cell when a table has no
# 姓名 column header.
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石"
    "廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
NAME_CELL = re.compile(r"^[\u4e00-\u9fff]{2,4}$|^[\u4e00-\u9fff]{1,6}·[\u4e00-\u9fff]{1,8}$")


@dataclass(frozen=True)
class Match:
    kind: str
    start: int
    end: int


def find_personal_data(text: str) -> list[Match]:
    """Return the checksum-valid ID numbers, mobile numbers, bank card numbers and e-mail addresses in `text`.

    An 18-character number with a real birth date but a wrong check character is reported too
    when 身份证 is written just before it: it is then an ID number typed with an error.
    """
    found = []
    for m in ID_NUMBER.finditer(text):
        if valid_id_number(m.group()):
            found.append(Match("id_number", m.start(), m.end()))
        elif id_number_date(m.group()) is not None and labelled_as_id(text, m.start()):
            found.append(Match("id_number_unchecked", m.start(), m.end()))
    taken = [(match.start, match.end) for match in found]

    checks = (("mobile", MOBILE, None), ("legacy_id_number", LEGACY_ID_NUMBER, valid_legacy_id_number), ("bank_card", BANK_CARD, _valid_card))
    for kind, pattern, valid in checks:
        for m in pattern.finditer(text):
            overlaps = any(m.start() < end and start < m.end() for start, end in taken)
            if overlaps or (valid is not None and not valid(m.group())):
                continue
            found.append(Match(kind, m.start(), m.end()))
            taken.append((m.start(), m.end()))

    found.extend(Match("email", m.start(), m.end()) for m in EMAIL.finditer(text))
    return sorted(found, key=lambda match: match.start)


def labelled_as_id(text: str, start: int) -> bool:
    """Return True when 身份证 (or 证件号) appears in the ten characters before `start`."""
    return bool(ID_LABEL.search(text[max(0, start - 10) : start]))


def _valid_card(text: str) -> bool:
    digits = re.sub(r"[\s\-]", "", text)
    return 16 <= len(digits) <= 19 and digits.startswith(BANK_CARD_PREFIXES) and luhn_valid(digits)


def mask(text: str) -> str:
    """Replace the private digits of every personal number and e-mail address in `text` with *; the length is kept."""
    chars = list(text)
    for match in find_personal_data(text):
        for position in _masked_positions(text, match):
            chars[position] = "*"
    return "".join(chars)


def _masked_positions(text: str, match: Match) -> list[int]:
    span = range(match.start, match.end)
    if match.kind == "email":
        at = text.index("@", match.start)
        return list(range(match.start + 1, at))

    digits = [position for position in span if text[position].isalnum()]
    if match.kind in ("id_number", "id_number_unchecked", "legacy_id_number"):
        keep_head, keep_tail = 6, 4
    elif match.kind == "mobile":
        keep_head, keep_tail = len(digits) - 8, 4
    else:
        keep_head, keep_tail = 4, 4
    return digits[keep_head : len(digits) - keep_tail]


DELETE_ID_NUMBER = _("Delete or mask the ID card number: published documents must not contain personal ID card numbers.")
MESSAGES = {
    "id_number": ("personal.id_number", _("Resident ID card number found (its check character is valid)."), DELETE_ID_NUMBER),
    "id_number_unchecked": (
        "personal.id_number",
        _("ID card number found (its check character does not match, so it may be mistyped)."),
        DELETE_ID_NUMBER,
    ),
    "legacy_id_number": (
        "personal.legacy_id_number",
        _("Possible 15-digit old resident ID card number found (valid birth date, no check character)."),
        _("Check whether this is a personal ID card number. If it is, delete or mask it."),
    ),
    "mobile": (
        "personal.mobile",
        _("Mobile phone number found."),
        _("Delete personal mobile numbers. To publish contact details, give an office phone number."),
    ),
    "bank_card": ("personal.bank_card", _("Bank card number found (it passes the Luhn check)."), _("Delete the bank card number.")),
    "email": (
        "personal.email",
        _("E-mail address found."),
        _("Check whether this is an organisation's public address. Delete personal addresses."),
    ),
}


def check(material: Material) -> list[Finding]:
    """Report personal numbers and addresses line by line, and names beside them in one table row."""
    findings = []
    for line in material.lines:
        for match in find_personal_data(line.text):
            rule, message, suggestion = MESSAGES[match.kind]
            severity = Severity.BLOCKING
            if match.kind == "email" or (match.kind == "legacy_id_number" and not labelled_as_id(line.text, match.start)):
                severity = Severity.WARNING
            findings.append(
                Finding(rule, severity, line.number, excerpt(line.text, match.start, match.end), message, suggestion)
            )
    findings.extend(_name_rows(material.lines))
    return findings


def _name_rows(lines: list[Line]) -> list[Finding]:
    tables: dict[int, list[Line]] = {}
    for line in lines:
        if line.cells is not None and line.table is not None:
            tables.setdefault(line.table, []).append(line)

    findings = []
    for rows in tables.values():
        name_column = _name_column(rows[0].cells)
        for row in rows:
            if not _row_names_person(row.cells, name_column):
                continue
            kinds = {match.kind for match in find_personal_data(row.text)} & {"id_number", "id_number_unchecked", "legacy_id_number", "mobile"}
            if kinds:
                findings.append(
                    Finding(
                        "personal.name_row",
                        Severity.BLOCKING,
                        row.number,
                        excerpt(row.text, 0, min(len(row.text), 20)),
                        _("A table row contains a name together with an ID card number or mobile number: this is high-risk personal information."),
                        _("Delete the ID card number and mobile number columns, or keep only the names."),
                    )
                )
    return findings


def _name_column(header: list[str]) -> int | None:
    for index, cell in enumerate(header):
        if cell.replace(" ", "") in ("姓名", "名字", "申请人", "联系人", "负责人"):
            return index
    return None


def _row_names_person(cells: list[str], name_column: int | None) -> bool:
    if name_column is not None:
        return name_column < len(cells) and bool(NAME_CELL.match(cells[name_column].strip()))
    return any(NAME_CELL.match(cell.strip()) and cell.strip()[0] in SURNAMES for cell in cells)
