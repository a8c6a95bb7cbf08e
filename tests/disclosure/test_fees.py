"""信息处理费 per 国办函〔2020〕109号: per request or per page, progressive, never both."""

import datetime
from decimal import Decimal

import pytest

from gongkai.disclosure import actions, fees
from gongkai.disclosure.choices import EventKind, FeeMethod

from .factories import DisclosureRequestFactory

D = datetime.date.fromisoformat


@pytest.mark.parametrize(
    ("ordinal", "rate"),
    [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300), (51, 400)],
)
def test_rate_per_request(ordinal, rate):
    assert fees.rate_for_request(ordinal) == rate


@pytest.mark.parametrize(
    ("pages", "amount"),
    [(30, 0), (31, 10), (100, 700), (101, 720), (200, 2700), (201, 2740), (250, 4700)],
)
def test_fee_for_pages(pages, amount):
    assert fees.fee_for_pages(pages)[0] == amount


@pytest.mark.django_db
def test_eleventh_request_charged(agency_a, office_a):
    cases = [
        DisclosureRequestFactory(agency=agency_a, id_document_number="310101199001011234", submitted_on=D("2025-03-03"))
        for _ in range(11)
    ]
    DisclosureRequestFactory(agency=agency_a, id_document_number="310101199001011234", submitted_on=D("2025-02-27"))

    assert fees.quote(cases[9], FeeMethod.PER_REQUEST).amount == Decimal(0)
    quote = fees.quote(cases[10], FeeMethod.PER_REQUEST)
    assert quote.amount == Decimal(100)
    assert "第 11 件申请" in quote.explanation

    event = actions.send_fee_notice(office_a, cases[10], D("2025-03-05"), FeeMethod.PER_REQUEST)
    assert (event.kind, event.fee_method, event.amount) == (EventKind.FEE_NOTICE, FeeMethod.PER_REQUEST, Decimal(100))


@pytest.mark.django_db
def test_no_fee_rejected(agency_a, office_a):
    case = DisclosureRequestFactory(agency=agency_a)

    with pytest.raises(actions.InvalidInput) as error:
        actions.send_fee_notice(office_a, case, D("2025-03-05"), FeeMethod.PER_PAGE, 20)
    assert "不收费" in str(error.value)


@pytest.mark.django_db
def test_fee_settings_override(settings):
    settings.GONGKAI_DISCLOSURE = {"FEE_FREE_PAGES": 50}

    assert fees.fee_for_pages(60) == (100, ["第 51 页起 10 页 × 10 元 = 100 元"])


@pytest.mark.django_db
def test_fee_notice_letter(agency_a, office_a):
    case = DisclosureRequestFactory(agency=agency_a, received_on=D("2025-03-03"), submitted_on=D("2025-03-03"))
    actions.send_fee_notice(office_a, case, D("2025-03-05"), FeeMethod.PER_PAGE, 120)

    letter = actions.generate_letter(office_a, case, "fee_notice")

    assert "计收方式：按量计收" in letter.body
    assert "应缴金额：1100.00元" in letter.body
    assert "第 101 页起 20 页 × 20 元 = 400 元" in letter.body
    assert "请于收到本通知次日起20个工作日内（2025年4月2日前）缴纳" in letter.body
