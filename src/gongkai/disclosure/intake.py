"""Receiving a request: tracking codes, the receipt date per channel, and the applicant's status lookup."""

from __future__ import annotations

import datetime
import re
import secrets

from gongkai.disclosure.choices import Channel
from gongkai.disclosure.models import DisclosureRequest

# Letters and digits that cannot be mistaken for one another when read over the telephone.
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_LENGTH = 10


def new_tracking_code(year: int) -> str:
    """Return an unused, unguessable tracking code such as YS2025-7KQ4M9PXAB."""
    while True:
        random_part = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        code = f"YS{year}-{random_part}"
        if not DisclosureRequest.objects.filter(tracking_code=code).exists():
            return code


def receipt_date(
    channel: str,
    submitted_on: datetime.date,
    confirmed_on: datetime.date | None,
    applicant_unreachable: bool = False,
) -> datetime.date | None:
    """Return the receipt date that Regulations Art. 31 gives, or None while it cannot be fixed yet.

    In person: the day of submission. Post requiring a signature: the day the agency signs, entered as
    `confirmed_on`. Ordinary post, fax and online: the day both sides confirm (`confirmed_on`). When an
    ordinary letter's sender cannot be reached, the period starts on the day contact is restored, which
    staff enter later (国办公开办函〔2015〕207号).
    """
    if channel == Channel.IN_PERSON:
        return submitted_on
    if channel == Channel.ORDINARY_POST and applicant_unreachable:
        return None
    return confirmed_on


def normalise_contact(value: str) -> str:
    """Return a telephone number as its digits, or an e-mail address in lower case."""
    value = value.strip()
    if "@" in value:
        return value.casefold()
    return re.sub(r"\D", "", value)


def find_for_applicant(code: str, contact: str) -> DisclosureRequest | None:
    """Return the request with tracking code `code` whose telephone or e-mail is `contact`, else None."""
    request = DisclosureRequest.objects.filter(tracking_code=code.strip().upper()).first()
    given = normalise_contact(contact)
    if request is None or not given:
        return None

    stored = {normalise_contact(request.contact_phone), normalise_contact(request.contact_email)} - {""}
    if not any(secrets.compare_digest(given, value) for value in stored):
        return None
    return request
