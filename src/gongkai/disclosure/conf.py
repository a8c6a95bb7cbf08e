"""Settings of the disclosure workflow, read from `settings.GONGKAI_DISCLOSURE` over these defaults.

Values whose legal source could not be confirmed are settings rather than constants, so that an
agency can follow its province's implementing rules:

- `FEE_PAUSES_CLOCK`: whether the time between the fee notice and payment is left out of the answer
  period. Sichuan's implementing notice of 国办函〔2020〕109号 says so; the national text was not read.
- `FEE_PAYMENT_WORKING_DAYS`: the period to pay, counted from the day after the notice is received.
- `REVIEW_FIRST_GROUPS`: outcome groups whose answer must say that 行政复议 comes before a lawsuit.
  行政复议法 (2023) Art. 23(4) names only 不予公开; 部分公开 withholds part of the information too.
- `CONSULTATION_PAUSE_ENDS_AT_LIMIT`: whether a consultation without a reply stops pausing the clock when
  the consulted party's 15-working-day limit (Arts. 32, 34) runs out, rather than when staff close it.
"""

from __future__ import annotations

from django.conf import settings

DEFAULTS = {
    "ANSWER_WORKING_DAYS": 20,  # Art. 33
    "MAX_EXTENSION_WORKING_DAYS": 20,  # Art. 33
    "SUPPLEMENT_NOTICE_WORKING_DAYS": 7,  # Art. 30
    "CONSULTATION_REPLY_WORKING_DAYS": 15,  # Arts. 32, 34
    "CONSULTATION_PAUSE_ENDS_AT_LIMIT": False,
    "FEE_PAUSES_CLOCK": True,
    "FEE_PAYMENT_WORKING_DAYS": 20,
    # 按件计收: free up to this many requests per applicant and calendar month, then a base rate, then
    # one more step per band (109号 Art. 4: 11–30 at 100 元, then +100 元 per band of 10).
    "FEE_FREE_REQUESTS_PER_MONTH": 10,
    "FEE_REQUEST_BASE_RATE": 100,
    "FEE_REQUEST_BASE_UNTIL": 30,
    "FEE_REQUEST_BAND_SIZE": 10,
    "FEE_REQUEST_BAND_STEP": 100,
    # 按量计收: (pages up to, 元 per page) bands after the free pages (109号 Art. 5).
    "FEE_FREE_PAGES": 30,
    "FEE_PAGE_BANDS": ((100, 10), (200, 20), (None, 40)),
    "REVIEW_FIRST_GROUPS": ("withheld", "partial"),
    "DUE_SOON_WORKING_DAYS": 5,
}


def get(name: str):
    """Return the setting `name` from `settings.GONGKAI_DISCLOSURE`, or its default."""
    overrides = getattr(settings, "GONGKAI_DISCLOSURE", {})
    return overrides.get(name, DEFAULTS[name])
