"""Staff messages of the disclosure workflow follow the chosen language, while the fee explanation for letters stays Chinese."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from gongkai.disclosure import actions, clock, fees, report
from gongkai.disclosure.choices import Channel, EventKind, FeeMethod
from tests.languages import in_both_languages

from .factories import DisclosureRequestFactory

D = datetime.date.fromisoformat


def _report_check_message() -> str:
    zeros = (0,) * 7
    rows = [
        report.Row(report.NEW, zeros),
        report.Row(report.CARRIED_IN, zeros),
        report.Row(report.RESULTS_TOTAL, (0, 0, 1, 0, 0, 0, 1)),
        report.Row(report.CARRIED_OUT, zeros),
    ]
    with pytest.raises(report.ReportError) as error:
        report.check_part_three(rows)
    return str(error.value)


@pytest.mark.parametrize(
    ("produce", "english", "chinese"),
    [
        (
            lambda: str(clock.RECEIPT_RULES[Channel.ONLINE]),
            "Submitted online: the day both sides confirm receipt is the receipt date (Art. 31(3))",
            "通过互联网渠道提交，以双方确认之日为收到申请之日（第三十一条第（三）项）",
        ),
        (
            lambda: str(clock.PAUSE_REASONS[EventKind.CONSULTATION]),
            "consultation period, not counted in the answer period (Art. 33 para. 3)",
            "征求意见期间，不计算在答复期限内（第三十三条第三款）",
        ),
        (
            _report_check_message,
            "Part 3 does not add up in column “科研机构”: items 1 and 2 sum to 0, but total (7) of item 3 plus item 4 is 1. "
            "Check the receipt and answer dates of the requests in that column.",
            "第三部分“科研机构”列勾稽关系不成立：第一项加第二项为 0，第三项（七）总计加第四项为 1。请检查该列申请的收到日期和答复日期。",
        ),
    ],
)
def test_messages_follow_language(produce, english, chinese):
    assert in_both_languages(produce) == (english, chinese)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "skipped", "makeup"),
    [
        ("en", "Skipped 14 days:", "Counted 2 make-up working days:"),
        ("zh-hans", "跳过 14 日：", "计入 2 个调休上班日："),
    ],
)
def test_clock_lines_follow_language(agency_a, language, skipped, makeup):
    case = DisclosureRequestFactory(agency=agency_a, received_on=D("2025-01-24"), submitted_on=D("2025-01-24"))

    with translation.override(language):
        lines = clock.compute(case).lines

    assert skipped in lines
    assert makeup in lines


@pytest.mark.django_db
def test_fee_explanation_stays_chinese(agency_a):
    case = DisclosureRequestFactory(agency=agency_a)

    with translation.override("en"):
        quote = fees.quote(case, FeeMethod.PER_PAGE, 120)

    assert quote.explanation == "按量计收：共 120 页，30 页以内免费；第 31 页起 70 页 × 10 元 = 700 元；第 101 页起 20 页 × 20 元 = 400 元；合计 1100 元。"


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "amount"), [("en", "1100.00 yuan"), ("zh-hans", "1100.00 元")])
def test_case_page_fee_amount(client, settings, agency_a, office_a, language, amount):
    case = DisclosureRequestFactory(agency=agency_a, received_on=D("2025-03-03"), submitted_on=D("2025-03-03"))
    actions.send_fee_notice(office_a, case, D("2025-03-05"), FeeMethod.PER_PAGE, 120)
    client.force_login(office_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    page = client.get(reverse("disclosure:detail", args=[case.pk])).content.decode()

    assert amount in page
