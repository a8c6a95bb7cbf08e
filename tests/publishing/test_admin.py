"""The Django admin shows staff only their agency's drafts, and an admin edit restarts the review."""

import pytest
from django.contrib.auth.models import Permission

from gongkai.core.models import AuditEntry, Role
from gongkai.documents.choices import Disclosure
from gongkai.publishing import actions
from gongkai.publishing.choices import DraftStatus
from tests.publishing.fixtures import make_agency, make_staff

pytestmark = pytest.mark.django_db

TEXT = "上海市示例局关于做好示例工作的通知\n\n请各单位按照要求做好相关工作。\n"


def admin_staff(username, agency, role):
    user = make_staff(username, agency, role)
    user.is_staff = True
    user.save()
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="publishing"))
    return user


@pytest.fixture
def drafts():
    mine = make_agency("SLJ", "上海市示例局")
    other = make_agency("QTJ", "上海市其他局")
    owner = admin_staff("owner", mine, Role.DISCLOSURE_OFFICE)
    outsider = admin_staff("outsider", other, Role.DISCLOSURE_OFFICE)
    draft = actions.create_draft(owner, mine, text=TEXT)
    actions.decide_disclosure(owner, draft, Disclosure.PROACTIVE)
    return {"owner": owner, "outsider": outsider, "draft": actions.run_checks(owner, draft)}


def test_changelist_hides_other_agency(client, drafts):
    client.force_login(drafts["outsider"])
    listing = client.get("/admin/publishing/draft/").content.decode()

    assert drafts["draft"].title not in listing
    client.force_login(drafts["owner"])
    assert drafts["draft"].title in client.get("/admin/publishing/draft/").content.decode()


def test_change_page_refused(client, drafts):
    draft = drafts["draft"]
    client.force_login(drafts["outsider"])
    page = client.get(f"/admin/publishing/draft/{draft.pk}/change/")
    edit = client.post(f"/admin/publishing/draft/{draft.pk}/change/", {"title": "篡改的标题"})
    delete = client.post(f"/admin/publishing/draft/{draft.pk}/delete/", {"post": "yes"})
    draft.refresh_from_db()

    assert page.status_code == 302
    assert edit.status_code == 302
    assert delete.status_code == 302
    assert draft.title == "上海市示例局关于做好示例工作的通知"


def test_admin_edit_audited(client, drafts):
    draft = drafts["draft"]
    assert draft.status == DraftStatus.APPROVED
    client.force_login(drafts["owner"])
    response = client.post(
        f"/admin/publishing/draft/{draft.pk}/change/",
        {"title": "上海市示例局关于做好示例工作的补充通知", "document_number": "", "doc_type": "notice", "subject": "", "written_date": ""}
        | {"decisions-TOTAL_FORMS": "0", "decisions-INITIAL_FORMS": "0"},
    )
    draft.refresh_from_db()

    assert response.status_code == 302
    assert draft.title == "上海市示例局关于做好示例工作的补充通知"
    assert draft.status == DraftStatus.ATTRIBUTE_DECIDED
    entry = AuditEntry.objects.filter(action="draft.edit").get()
    assert entry.actor_label == "owner"
    assert entry.before["title"] == "上海市示例局关于做好示例工作的通知"
