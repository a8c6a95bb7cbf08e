"""Finding or creating the agency a document names.

Agencies that gongkai ships are seeded by a migration with short, readable codes. An agency first
met in an imported document gets the code `X` + the first eight hex digits of the SHA-1 of its
name, so the same name has the same code (and the same 索引号 prefix) in every installation.
"""

from __future__ import annotations

import hashlib
import re

from gongkai.core.models import Agency, AgencyKind

UNKNOWN_AGENCY_CODE = "UNKNOWN"
GOVERNMENT_WITHOUT_PEOPLE = re.compile(r"(?<=[省市区县])(?<!人民)政府")

SEEDED_AGENCIES = [
    # (name, short name, code, parent code, kind)
    ("全国人民代表大会", "全国人大", "NPC", None, AgencyKind.NATIONAL_LEGISLATURE),
    ("全国人民代表大会常务委员会", "全国人大常委会", "NPCSC", "NPC", AgencyKind.NATIONAL_LEGISLATURE),
    ("国务院", "国务院", "SC", None, AgencyKind.STATE_COUNCIL),
    ("国务院办公厅", "国办", "SCO", "SC", AgencyKind.STATE_COUNCIL),
    ("最高人民法院", "最高法", "SPC", None, AgencyKind.JUDICIARY),
    ("最高人民检察院", "最高检", "SPP", None, AgencyKind.JUDICIARY),
    ("上海市人民代表大会常务委员会", "市人大常委会", "SHPCSC", None, AgencyKind.LOCAL_LEGISLATURE),
    ("上海市人民政府", "市政府", "SHGOV", None, AgencyKind.MUNICIPAL_GOVERNMENT),
    ("上海市人民政府办公厅", "市政府办公厅", "SHGOVO", "SHGOV", AgencyKind.MUNICIPAL_DEPARTMENT),
    ("待确认机关", "待确认", UNKNOWN_AGENCY_CODE, None, AgencyKind.OTHER),
]


def code_for_name(name: str) -> str:
    return "X" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:8].upper()


def resolve(name: str) -> tuple[Agency, bool]:
    """Return the agency called `name` (full or short name), creating it when unknown.

    江苏省政府办公厅 and 江苏省人民政府办公厅 are one body: a government written without 人民 is
    looked up, and created, under its formal name.
    """
    name = name.strip()
    agency = Agency.objects.filter(name=name).first() or Agency.objects.filter(short_name=name).first()
    if agency is not None:
        return agency, False

    formal = formal_name(name)
    return Agency.objects.get_or_create(name=formal, defaults={"code": code_for_name(formal)})


def formal_name(name: str) -> str:
    """Return `name` with 人民政府 for a provincial, city, district or county 政府 (江苏省政府 → 江苏省人民政府)."""
    return GOVERNMENT_WITHOUT_PEOPLE.sub("人民政府", name)


def unknown() -> Agency:
    """The placeholder for documents whose issuing agency could not be read; staff correct it in the admin."""
    agency, _ = Agency.objects.get_or_create(
        code=UNKNOWN_AGENCY_CODE, defaults={"name": "待确认机关", "short_name": "待确认"}
    )
    return agency
