"""Calendar, settings and CLI messages follow the active language, except settings errors at start-up, which stay Chinese."""

import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db.utils import OperationalError
from django.utils import translation

from gongkai import cli, config
from gongkai.core import calendar
from tests.languages import in_both_languages

D = datetime.date.fromisoformat


def _error_message(raise_error) -> str:
    with pytest.raises((ValueError, ImproperlyConfigured)) as raised:
        raise_error()
    return str(raised.value)


def _reason(start: str, working_days: int, date: str) -> str:
    deadline = calendar.add_working_days(D(start), working_days)
    return next(day.reason for day in deadline.skipped + deadline.makeup_workdays if day.date == D(date))


@pytest.mark.parametrize(
    ("produce", "english", "chinese"),
    [
        (
            lambda: _error_message(lambda: calendar.check_start(D("2003-06-01"))),
            "Start date 2003-06-01 is out of the supported range: enter a date from 2004-01-01 to 2099-12-31.",
            "起算日期 2003-06-01 超出支持范围，请输入 2004-01-01 至 2099-12-31 之间的日期。",
        ),
        (
            lambda: _error_message(lambda: calendar.check_working_days(0)),
            "Number of working days 0 is out of range: enter a whole number from 1 to 250.",
            "工作日天数 0 超出范围，请输入 1 至 250 之间的整数。",
        ),
        (lambda: calendar.format_day(D("2025-01-20")), "2025-01-20 Monday", "2025-01-20 星期一"),
        (lambda: _reason("2025-01-20", 7, "2025-01-25"), "Weekend", "周末"),
        (lambda: _reason("2025-01-20", 7, "2025-01-26"), "Make-up working day (春节)", "调休上班（春节）"),
        (lambda: _reason("2026-12-31", 5, "2027-01-01"), "元旦 (provisional)", "元旦（暂定）"),
        (
            lambda: calendar.add_working_days(D("2025-01-20"), 7).explanation()[:2],
            [
                "Counting 7 working days from 2025-01-20 Monday (the day of receipt, which is not counted), "
                "the due date is 2025-02-05 Wednesday.",
                "Skipped 9 non-working days:",
            ],
            ["自 2025-01-20 星期一（收到之日，不计入）起算 7 个工作日，届满日为 2025-02-05 星期三。", "跳过 9 个非工作日："],
        ),
        (
            lambda: calendar.add_working_days(D("2025-03-03"), 1).explanation(),
            [
                "Counting 1 working day from 2025-03-03 Monday (the day of receipt, which is not counted), "
                "the due date is 2025-03-04 Tuesday.",
                "There are no non-working days in the period.",
            ],
            ["自 2025-03-03 星期一（收到之日，不计入）起算 1 个工作日，届满日为 2025-03-04 星期二。", "期间没有非工作日。"],
        ),
        (
            lambda: _error_message(lambda: config.load({"GONGKAI_DEBUG": "maybe"})),
            "Environment variable GONGKAI_DEBUG='maybe' is invalid: use 1/true/yes or 0/false/no.",
            "环境变量 GONGKAI_DEBUG='maybe' 无效：请使用 1/true/yes 或 0/false/no。",
        ),
        (
            lambda: cli.database_hint(OperationalError("no such table: documents_document")),
            "The database is not initialised or its schema is out of date (no such table: documents_document): "
            "run gongkai migrate first.",
            "数据库尚未初始化或结构不是最新（no such table: documents_document）：请先运行 gongkai migrate。",
        ),
    ],
)
def test_messages_follow_language(produce, english, chinese):
    assert in_both_languages(produce) == (english, chinese)


def test_provisional_note_follows_language():
    deadline = calendar.add_working_days(D("2026-12-31"), 5)

    with translation.override("en"):
        assert deadline.explanation()[-1].startswith("Note: the holiday schedule of 2027 has not been entered yet")
        assert str(calendar.PROVISIONAL_MARK) == " (provisional)"
    with translation.override("zh-hans"):
        assert deadline.explanation()[-1].startswith("注意：2027 年的放假安排尚未录入")
        assert str(calendar.PROVISIONAL_MARK) == "（暂定）"


def test_startup_settings_error_is_chinese(monkeypatch):
    """While the settings load, Django cannot translate, so the message comes from the zh_Hans catalogue."""
    monkeypatch.setattr(config.apps, "ready", False)

    with translation.override("en"):
        message = _error_message(lambda: config.load({"GONGKAI_MAX_IMPORT_MB": "0"}))

    assert message == "环境变量 GONGKAI_MAX_IMPORT_MB='0' 无效：请使用正整数。"
