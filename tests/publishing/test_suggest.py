"""Suggesting the policy an interpretation explains, from the interpretation's title."""

import datetime

import pytest

from gongkai.core.models import Role
from gongkai.documents.choices import Disclosure
from gongkai.documents.models import Document, DocumentAgency
from gongkai.publishing import actions
from gongkai.publishing.choices import DraftKind, DraftStatus
from gongkai.publishing.suggest import Candidate, policy_names, rank
from tests.publishing.fixtures import make_agency, make_staff


@pytest.mark.parametrize(
    ("title", "names"),
    [
        ("《上海市消毒管理办法》政策解读", ["上海市消毒管理办法"]),
        ("关于《上海市科技成果转化创新改革试点实施方案》的政策解读", ["上海市科技成果转化创新改革试点实施方案"]),
        ("\u200b关于《上海市高质量孵化器培育实施方案》的解读", ["上海市高质量孵化器培育实施方案"]),
        ("视频：数字解读《上海市2021—2023年生态环境保护行动计划》", ["上海市2021-2023年生态环境保护行动计划"]),
        ("上海市促进汽车消费补贴实施细则政策解读", ["上海市促进汽车消费补贴实施细则"]),
        ("解读", []),
    ],
)
def test_policy_names(title, names):
    assert policy_names(title) == names


CANDIDATES = [
    Candidate(1, "市政府关于印发《上海市消毒管理办法》的通知", "沪府发〔2017〕15号", datetime.date(2017, 3, 1)),
    Candidate(2, "上海市人民政府关于印发修订后的《上海市消毒管理办法》的通知", "沪府规〔2023〕3号", datetime.date(2023, 1, 13)),
    Candidate(3, "《上海市消毒管理办法》政策解读", "", datetime.date(2023, 1, 13)),
    Candidate(4, "上海市消毒产品管理规定", "", datetime.date(2023, 1, 13)),
]


@pytest.mark.parametrize(
    ("title", "date", "expected"),
    [
        ("《上海市消毒管理办法》政策解读", datetime.date(2023, 1, 13), 2),
        ("《上海市消毒管理办法》政策解读", datetime.date(2017, 3, 2), 1),
        ("沪府发〔2017〕15号文件解读", datetime.date(2023, 1, 13), 1),
    ],
)
def test_rank_top_candidate(title, date, expected):
    ranked = rank(title, CANDIDATES, date)

    assert ranked[0][1].id == expected
    assert 3 not in [candidate.id for _, candidate in ranked]


PLAN_CANDIDATES = [
    Candidate(1, "上海市人民政府办公厅关于印发《上海市2021—2023年生态环境保护和建设三年行动计划》的通知", "沪府办发〔2021〕2号", datetime.date(2021, 5, 11)),
    Candidate(2, "一图读懂《上海市2021-2023年生态环境保护和建设三年行动计划》", "", datetime.date(2021, 5, 19)),
    Candidate(3, "视频：数字解读《上海市2021-2023年生态环境保护和建设三年行动计划》", "", datetime.date(2021, 5, 19)),
]


@pytest.mark.parametrize(
    ("title", "date", "expected"),
    [
        # A video made from the same-day graphic of the identically spelt name links to that graphic.
        ("视频：数字解读《上海市2021-2023年生态环境保护和建设三年行动计划》", datetime.date(2021, 5, 19), 2),
        # On another day, or spelt with another dash, it links to the policy itself.
        ("视频：数字解读《上海市2021-2023年生态环境保护和建设三年行动计划》", datetime.date(2021, 6, 1), 1),
        ("视频：数字解读《上海市2021—2023年生态环境保护和建设三年行动计划》", datetime.date(2021, 5, 19), 1),
        # A graphic interpretation never links to another interpretation.
        ("一图读懂《上海市2021-2023年生态环境保护和建设三年行动计划》", datetime.date(2021, 5, 19), 1),
    ],
)
def test_media_interpretation_companion(title, date, expected):
    ranked = rank(title, PLAN_CANDIDATES, date)

    assert ranked[0][1].id == expected
    assert 3 not in [candidate.id for _, candidate in ranked]


@pytest.mark.django_db
def test_suggestion_linked_by_drafter(client):
    agency = make_agency("SLJ", "上海市示例局")
    drafter = make_staff("drafter", agency, Role.DRAFTER)
    policy = Document.objects.create(
        title="上海市示例局关于印发《示例区科技创新券管理办法》的通知", index_number="SLJ/2025-00001", disclosure=Disclosure.PROACTIVE
    )
    DocumentAgency.objects.create(document=policy, agency=agency)
    draft = actions.create_draft(
        drafter, agency, text="《示例区科技创新券管理办法》政策解读\n\n一、背景\n说明背景。\n", kind=DraftKind.INTERPRETATION
    )
    client.force_login(drafter)
    page = client.get(draft.get_absolute_url()).content.decode()

    assert 'value="SLJ/2025-00001"' in page
    client.post(f"/publishing/drafts/{draft.pk}/interprets/", {"index_number": "SLJ/2025-00001"})
    draft.refresh_from_db()
    assert draft.interprets_document == policy
    assert draft.status == DraftStatus.DRAFT
