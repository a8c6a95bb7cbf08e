"""Publishing actions called directly: roles, agencies, transitions, overrides, schedules, after publication."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from gongkai.core.models import AuditEntry, Role
from gongkai.documents.choices import Disclosure, Validity
from gongkai.documents.models import Document
from gongkai.publishing import actions
from gongkai.publishing.choices import DraftKind, DraftStatus, FindingResolution, WithholdingGround
from gongkai.publishing.exceptions import (
    BlockingFindings,
    InvalidInput,
    InvalidTransition,
    NotPermitted,
    UnconfirmedWarnings,
)
from gongkai.publishing.models import Draft, Withdrawal
from tests.publishing.fixtures import make_agency, make_staff

pytestmark = pytest.mark.django_db

NOTICE = """上海市示例局关于做好{subject}工作的通知

各区人民政府：

现将有关事项通知如下。{extra}

一、工作要求

请各单位按照要求做好相关工作。

上海市示例局
2025年3月5日
"""


def notice(subject="示例", extra=""):
    return NOTICE.format(subject=subject, extra=extra)


@pytest.fixture
def staff():
    agency = make_agency("SLJ", "上海市示例局")
    other = make_agency("QTJ", "上海市其他局")
    return {
        "agency": agency,
        "other": other,
        "drafter": make_staff("drafter", agency, Role.DRAFTER),
        "reviewer": make_staff("reviewer", agency, Role.REVIEWER),
        "office": make_staff("office", agency, Role.DISCLOSURE_OFFICE),
        "outsider": make_staff("outsider", other, Role.DISCLOSURE_OFFICE),
    }


def approved_draft(staff, text=None):
    draft = actions.create_draft(staff["drafter"], staff["agency"], text=text or notice())
    actions.decide_disclosure(staff["drafter"], draft, Disclosure.PROACTIVE)
    return actions.run_checks(staff["drafter"], draft, resolver=lambda url: True)


def test_outsider_cannot_act(staff):
    draft = approved_draft(staff)
    attempts = [
        lambda: actions.edit_draft(staff["outsider"], draft, text=notice("改动")),
        lambda: actions.decide_disclosure(staff["outsider"], draft, Disclosure.PROACTIVE),
        lambda: actions.run_checks(staff["outsider"], draft),
        lambda: actions.publish(staff["outsider"], draft),
        lambda: actions.create_draft(staff["outsider"], staff["agency"], text=notice()),
    ]
    for attempt in attempts:
        with pytest.raises(NotPermitted, match="无权操作“上海市示例局”的稿件或文件"):
            attempt()

    assert Document.objects.count() == 0


def test_drafter_cannot_publish(staff):
    draft = approved_draft(staff)

    with pytest.raises(NotPermitted, match="“发布”需要以下角色之一"):
        actions.publish(staff["drafter"], draft)


def test_publish_requires_review(staff):
    draft = actions.create_draft(staff["drafter"], staff["agency"], text=notice())

    with pytest.raises(InvalidTransition, match="稿件当前状态为“.*”，不能发布：请先审查公开属性并通过发布审查。"):
        actions.publish(staff["office"], draft)


def test_withholding_needs_ground_and_reason(staff):
    draft = actions.create_draft(staff["drafter"], staff["agency"], text=notice())

    with pytest.raises(InvalidInput, match="须选择《政府信息公开条例》第十四、十五或十六条的具体依据，并填写理由"):
        actions.decide_disclosure(staff["reviewer"], draft, Disclosure.NOT_DISCLOSED, ground=WithholdingGround.PROCESS_INFORMATION)
    draft = actions.decide_disclosure(
        staff["reviewer"], draft, Disclosure.NOT_DISCLOSED, ground=WithholdingGround.PROCESS_INFORMATION, reason="讨论稿"
    )

    assert draft.status == DraftStatus.WITHHELD
    assert draft.withholding_ground == "art16_process"
    with pytest.raises(InvalidTransition):
        actions.run_checks(staff["drafter"], draft)


def test_warning_needs_reviewer(staff):
    draft = approved_draft(staff, notice(extra="其它事项另行通知。"))
    assert draft.status == DraftStatus.CHECKS_PENDING
    key = draft.findings[0]["key"]

    with pytest.raises(UnconfirmedWarnings, match="有 1 项警告尚待审核人确认"):
        actions.publish(staff["office"], draft)
    with pytest.raises(NotPermitted):
        actions.confirm_warning(staff["drafter"], draft, key)
    actions.confirm_warning(staff["reviewer"], draft, key)
    draft.refresh_from_db()

    assert draft.status == DraftStatus.APPROVED
    assert actions.publish(staff["office"], draft).index_number.startswith("SLJ/")
    assert AuditEntry.objects.filter(action="draft.finding_confirmed", actor_label="reviewer").count() == 1


def test_override_needs_office_and_reason(staff):
    draft = approved_draft(staff, notice(extra="联系人手机13812345678。"))
    key = draft.blocking_findings[0]["key"]

    with pytest.raises(BlockingFindings):
        actions.publish(staff["office"], draft)
    with pytest.raises(NotPermitted, match="“放行阻断性问题”需要以下角色之一"):
        actions.override_finding(staff["reviewer"], draft, key, "已获本人同意")
    with pytest.raises(InvalidInput, match="放行阻断性问题须填写书面理由。"):
        actions.override_finding(staff["office"], draft, key, "  ")
    with pytest.raises(InvalidTransition, match="阻断性问题只能由公开办书面说明理由后放行。"):
        actions.confirm_warning(staff["reviewer"], draft, key)
    decision = actions.override_finding(staff["office"], draft, key, "已获本人书面同意公开")

    assert decision.resolution == FindingResolution.OVERRIDDEN
    entry = AuditEntry.objects.get(action="draft.finding_overridden")
    assert entry.actor_label == "office"
    assert entry.after["reason"] == "已获本人书面同意公开"
    assert entry.after["finding"]["rule"] == "personal.mobile"
    draft.refresh_from_db()
    assert draft.status == DraftStatus.APPROVED


def test_edit_restarts_review(staff):
    draft = approved_draft(staff)
    assert draft.status == DraftStatus.APPROVED
    draft = actions.edit_draft(staff["drafter"], draft, text=notice("修改后"))

    assert draft.status == DraftStatus.ATTRIBUTE_DECIDED
    assert draft.findings == []
    with pytest.raises(InvalidTransition):
        actions.publish(staff["office"], draft)


def test_interpretation_waits_for_policy(staff):
    policy = approved_draft(staff)
    interpretation = actions.create_draft(
        staff["drafter"], staff["agency"], text="《示例通知》政策解读\n\n一、背景\n说明背景。\n", kind=DraftKind.INTERPRETATION, interprets=policy
    )
    actions.decide_disclosure(staff["drafter"], interpretation, Disclosure.PROACTIVE)
    actions.run_checks(staff["drafter"], interpretation)

    with pytest.raises(InvalidTransition, match="解读所对应的政策尚未发布"):
        actions.publish(staff["office"], interpretation)


def test_unready_interpretation_stops_policy(staff):
    policy = approved_draft(staff)
    actions.create_draft(
        staff["drafter"], staff["agency"], text="《示例通知》政策解读\n\n说明。\n", kind=DraftKind.INTERPRETATION, interprets=policy
    )

    with pytest.raises(InvalidTransition, match="随文发布的解读“《示例通知》政策解读”尚不能发布"):
        actions.publish(staff["office"], policy)
    assert Document.objects.count() == 0


def test_schedule_then_publish_due(staff):
    draft = approved_draft(staff)
    when = timezone.now() + datetime.timedelta(hours=2)

    with pytest.raises(InvalidInput, match="定时发布时间须晚于当前时间。"):
        actions.schedule(staff["office"], draft, timezone.now() - datetime.timedelta(minutes=1))
    actions.schedule(staff["office"], draft, when)
    assert actions.publish_due(now=when - datetime.timedelta(minutes=1)) == []
    published = actions.publish_due(now=when + datetime.timedelta(minutes=1))

    draft.refresh_from_db()
    assert [document.pk for document in published] == [draft.document_id]
    assert draft.status == DraftStatus.PUBLISHED
    assert AuditEntry.objects.get(action="draft.publish").actor_label == "gongkai publish-due"


def test_publish_due_command(staff, capsys):
    draft = approved_draft(staff)
    actions.schedule(staff["office"], draft, timezone.now() + datetime.timedelta(seconds=1))
    Draft.objects.filter(pk=draft.pk).update(publish_at=timezone.now() - datetime.timedelta(seconds=1))
    call_command("publish-due")
    output = capsys.readouterr().out

    assert "共发布 1 份文件。" in output
    assert "已发布  SLJ/" in output


def test_withdraw_keeps_history(staff, client):
    draft = approved_draft(staff)
    document = actions.publish(staff["office"], draft)

    with pytest.raises(InvalidInput, match="撤回文件须填写理由。"):
        actions.withdraw(staff["office"], document, "")
    actions.withdraw(staff["office"], document, "发现错误，撤回更正")
    document.refresh_from_db()

    assert document.disclosure == Disclosure.NOT_DISCLOSED
    assert Withdrawal.objects.get(document=document).previous_disclosure == Disclosure.PROACTIVE
    assert client.get(document.get_absolute_url()).status_code == 404
    client.force_login(staff["office"])
    page = client.get(f"/publishing/documents/{document.pk}/").content.decode()
    assert "发现错误，撤回更正" in page
    assert "document.withdraw" in page


def test_correction_becomes_new_version(staff):
    first = actions.publish(staff["office"], approved_draft(staff))
    correction = actions.create_draft(staff["drafter"], staff["agency"], text=notice(extra="（已更正）"), corrects=first)
    actions.decide_disclosure(staff["drafter"], correction, Disclosure.PROACTIVE)
    actions.run_checks(staff["drafter"], correction)
    second = actions.publish(staff["office"], correction)

    first.refresh_from_db()
    assert [version.pk for version in second.versions()] == [first.pk, second.pk]
    assert second.is_current is True
    assert first.is_current is False
    assert first.validity == Validity.AMENDED


def test_change_validity_with_replacement(staff):
    old = actions.publish(staff["office"], approved_draft(staff, notice("旧规定")))
    new = actions.publish(staff["office"], approved_draft(staff, notice("新规定")))
    actions.change_validity(staff["office"], old, Validity.REPEALED, date=datetime.date(2026, 1, 1), replaced_by=new, reason="新规定施行")
    old.refresh_from_db()

    assert old.validity == Validity.REPEALED
    assert old.validity_date == datetime.date(2026, 1, 1)
    assert old.replaced_by == new
    entry = AuditEntry.objects.get(action="document.validity")
    assert entry.before == {"validity": "valid", "validity_date": None, "replaced_by": None}
    assert entry.after["replaced_by"] == new.pk


def test_clean_up_all_or_nothing(staff):
    mine = [actions.publish(staff["office"], approved_draft(staff, notice(f"事项{number}"))) for number in range(3)]
    foreign_draft = actions.create_draft(staff["outsider"], staff["other"], text=notice("他局"))
    actions.decide_disclosure(staff["outsider"], foreign_draft, Disclosure.PROACTIVE)
    actions.run_checks(staff["outsider"], foreign_draft)
    foreign = actions.publish(staff["outsider"], foreign_draft)

    with pytest.raises(NotPermitted):
        actions.clean_up(staff["office"], [*mine, foreign], Validity.EXPIRED, date=datetime.date(2026, 6, 30))
    assert Document.objects.filter(validity=Validity.EXPIRED).count() == 0

    actions.clean_up(staff["office"], mine, Validity.EXPIRED, date=datetime.date(2026, 6, 30), reason="集中清理")
    assert Document.objects.filter(validity=Validity.EXPIRED).count() == 3
    assert AuditEntry.objects.filter(action="document.validity", actor_label="office").count() == 3


def test_interpretation_of_published_policy(staff):
    policy = actions.publish(staff["office"], approved_draft(staff))
    text = "《示例通知》政策解读\n\n一、背景\n说明背景。\n"
    unlinked = actions.create_draft(staff["drafter"], staff["agency"], text=text, kind=DraftKind.INTERPRETATION)
    actions.decide_disclosure(staff["drafter"], unlinked, Disclosure.PROACTIVE)
    actions.run_checks(staff["drafter"], unlinked)

    with pytest.raises(InvalidTransition, match="解读尚未关联所解读的政策"):
        actions.publish(staff["office"], unlinked)
    actions.set_interpreted_policy(staff["drafter"], unlinked, policy)
    actions.decide_disclosure(staff["drafter"], unlinked, Disclosure.PROACTIVE)
    actions.run_checks(staff["drafter"], unlinked)
    interpretation = actions.publish(staff["office"], unlinked)

    assert list(policy.interpretations.values_list("document", flat=True)) == [interpretation.pk]


def test_cancel_schedule_page(staff, client):
    draft = approved_draft(staff)
    actions.schedule(staff["office"], draft, timezone.now() + datetime.timedelta(days=1))
    client.force_login(staff["office"])
    page = client.get(draft.get_absolute_url()).content.decode()
    client.post(f"/publishing/drafts/{draft.pk}/unschedule/")
    draft.refresh_from_db()

    assert f"/publishing/drafts/{draft.pk}/unschedule/" in page
    assert draft.status == DraftStatus.APPROVED
    assert draft.publish_at is None
    assert AuditEntry.objects.filter(action="draft.unschedule", actor_label="office").count() == 1
