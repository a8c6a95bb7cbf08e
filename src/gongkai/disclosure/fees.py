"""信息处理费 under 《政府信息公开信息处理费管理办法》 (国办函〔2020〕109号).

A fee is charged either per request (按件计收, Art. 4) or per page (按量计收, Art. 5), never both, and
both are progressive: only the requests or pages above the free allowance are charged, band by band.
The rates are settings (see `gongkai.disclosure.conf`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from gongkai.disclosure import conf
from gongkai.disclosure.choices import FeeMethod
from gongkai.disclosure.models import DisclosureRequest


@dataclass(frozen=True)
class FeeQuote:
    """The fee of one request, the quantity it was computed from, and the explanation.

    The explanation stays Chinese in every language because the fee notice letter prints it as 计费依据.
    """

    method: str
    quantity: int
    amount: Decimal
    explanation: str


def rate_for_request(ordinal: int) -> int:
    """Return the fee in 元 of an applicant's `ordinal`-th request in a calendar month (1-based)."""
    free = conf.get("FEE_FREE_REQUESTS_PER_MONTH")
    base_until = conf.get("FEE_REQUEST_BASE_UNTIL")
    if ordinal <= free:
        return 0
    if ordinal <= base_until:
        return conf.get("FEE_REQUEST_BASE_RATE")

    band = (ordinal - base_until - 1) // conf.get("FEE_REQUEST_BAND_SIZE") + 1
    return conf.get("FEE_REQUEST_BASE_RATE") + band * conf.get("FEE_REQUEST_BAND_STEP")


def fee_for_pages(pages: int) -> tuple[int, list[str]]:
    """Return the progressive fee in 元 for `pages` pages and one explanation line per charged band."""
    lower = conf.get("FEE_FREE_PAGES")
    total = 0
    lines = []
    for upper, rate in conf.get("FEE_PAGE_BANDS"):
        if pages <= lower:
            break
        charged = (pages if upper is None else min(pages, upper)) - lower
        total += charged * rate
        lines.append(f"第 {lower + 1} 页起 {charged} 页 × {rate} 元 = {charged * rate} 元")
        if upper is None:
            break
        lower = upper
    return total, lines


def month_ordinal(request: DisclosureRequest) -> int:
    """Return the position of `request` among its applicant's requests to the agency in that calendar month."""
    first = request.submitted_on.replace(day=1)
    earlier = DisclosureRequest.objects.filter(
        agency=request.agency,
        id_document_number=request.id_document_number,
        submitted_on__gte=first,
        submitted_on__lt=_next_month(first),
    ).filter(pk__lte=request.pk)
    return earlier.count()


def quote(request: DisclosureRequest, method: str, pages: int | None = None) -> FeeQuote:
    """Compute the fee of `request` by `method`; `pages` is required for the per-page method."""
    if method == FeeMethod.PER_REQUEST:
        ordinal = month_ordinal(request)
        amount = rate_for_request(ordinal)
        explanation = (
            f"按件计收：本申请为申请人本月向本机关提出的第 {ordinal} 件申请；"
            f"每月 {conf.get('FEE_FREE_REQUESTS_PER_MONTH')} 件以内免费，超出部分超额累进计收，本件收费 {amount} 元。"
        )
        return FeeQuote(method=method, quantity=ordinal, amount=Decimal(amount), explanation=explanation)

    if pages is None or pages < 0:
        raise ValueError(_("Enter the number of pages for the per-page method."))
    amount, lines = fee_for_pages(pages)
    explanation = f"按量计收：共 {pages} 页，{conf.get('FEE_FREE_PAGES')} 页以内免费" + (
        "；" + "；".join(lines) + f"；合计 {amount} 元。" if lines else "，不收费。"
    )
    return FeeQuote(method=method, quantity=pages, amount=Decimal(amount), explanation=explanation)


def _next_month(first: datetime.date) -> datetime.date:
    return (first + datetime.timedelta(days=32)).replace(day=1)
