"""The whole publishing path through the staff pages, with the Django test client.

A drafter of a district department uploads a DOCX policy, built with python-docx at test time,
that contains a mobile number and a 申报 condition. The checks block it for both, and the drafter
fixes both. The district's disclosure office publishes policy and interpretation together. The
portal shows them linked with the service button, the signature verifies, every step is in the
audit log, and a user of another agency can reach none of it.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.core.models import AuditEntry, Role
from gongkai.documents.choices import Disclosure
from gongkai.documents.models import Document
from gongkai.documents.signals import document_stored
from gongkai.publishing.choices import DraftKind, DraftStatus
from gongkai.publishing.models import Draft, Interpretation, ServiceItem
from tests.publishing.fixtures import INTERPRETATION_TEXT, OFFICE_CONTACT, make_agency, make_staff, policy_docx

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world():
    district = make_agency("SLQ", "上海市示例区人民政府")
    department = make_agency("SLKW", "上海市示例区科学技术委员会", parent=district)
    other = make_agency("QTQ", "上海市另一区人民政府")
    return {
        "department": department,
        "drafter": make_staff("drafter", department, Role.DRAFTER),
        "office": make_staff("office", district, Role.DISCLOSURE_OFFICE),
        "outsider": make_staff("outsider", other, Role.DISCLOSURE_OFFICE),
    }


def upload(data, name="科技创新券管理办法.docx"):
    return SimpleUploadedFile(name, data, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")


def post(client, name, *args, data=None):
    """POST to a staff page and follow the redirect, so each response carries only its own messages."""
    return client.post(reverse(f"publishing:{name}", args=args), data or {}, follow=True)


def messages_of(response):
    return [str(message) for message in response.context["messages"]] if response.context else []


def test_publish_policy_with_interpretation(client, world):
    signals = []
    document_stored.connect(lambda sender, document_ids, **kwargs: signals.append(document_ids), weak=False, dispatch_uid="test")

    # The drafter uploads the policy and decides it is for proactive disclosure.
    client.force_login(world["drafter"])
    response = post(client, "new_draft", data={"kind": DraftKind.POLICY, "upload": upload(policy_docx()), "interpretation_kind": "text"})
    policy = Draft.objects.get()
    assert response.redirect_chain == [(policy.get_absolute_url(), 302)]
    assert policy.agency == world["department"]
    assert policy.title == "上海市示例区科学技术委员会关于印发《示例区科技创新券管理办法》的通知"
    assert policy.document_number == "示科发〔2025〕7号"

    post(client, "decide_disclosure", policy.pk, data={"disclosure": Disclosure.PROACTIVE})
    post(client, "run_checks", policy.pk)
    policy.refresh_from_db()
    assert policy.status == DraftStatus.CHECKS_PENDING
    assert sorted(finding["rule"] for finding in policy.blocking_findings) == ["interpretation.missing", "personal.mobile"]

    # The disclosure office cannot publish past the two blocking findings.
    client.force_login(world["office"])
    response = post(client, "publish", policy.pk)
    assert messages_of(response) == [
        "有 2 项阻断发布的问题尚未解决（interpretation.missing、personal.mobile）：请修改稿件后重新审查，或由公开办书面说明理由后放行。"
    ]
    assert Document.objects.count() == 0

    # The drafter replaces the mobile number by the office line and adds an interpretation.
    client.force_login(world["drafter"])
    fixed = policy_docx(OFFICE_CONTACT)
    post(client, "edit_draft", policy.pk, data={"upload": upload(fixed)})
    post(
        client,
        "new_draft",
        data={"kind": DraftKind.INTERPRETATION, "text": INTERPRETATION_TEXT, "interprets": policy.pk, "interpretation_kind": "text"},
    )
    interpretation = Draft.objects.get(kind=DraftKind.INTERPRETATION)
    assert interpretation.interprets == policy
    for draft in (policy, interpretation):
        post(client, "decide_disclosure", draft.pk, data={"disclosure": Disclosure.PROACTIVE})
        post(client, "run_checks", draft.pk)
        draft.refresh_from_db()
        assert draft.findings == []
        assert draft.status == DraftStatus.APPROVED

    # A drafter may not publish; the district's disclosure office publishes both at once.
    response = post(client, "publish", policy.pk)
    assert messages_of(response) == [f"“发布”需要以下角色之一：{Role.DISCLOSURE_OFFICE.label}。"]
    client.force_login(world["office"])
    post(client, "publish", policy.pk)
    policy.refresh_from_db()
    interpretation.refresh_from_db()
    assert policy.status == DraftStatus.PUBLISHED
    assert interpretation.status == DraftStatus.PUBLISHED
    published, explanation = policy.document, interpretation.document
    assert published.index_number.startswith("SLKW/")
    assert explanation.index_number.startswith("SLKW/")
    assert published.lead_agency == world["department"]
    assert Interpretation.objects.filter(policy=published, document=explanation).exists()
    assert sorted(id for ids in signals for id in ids) == sorted([published.pk, explanation.pk])

    # The portal shows both, linked, with the service button.
    service = ServiceItem.objects.create(name="科技创新券申领", agency=world["department"], url="https://zwdt.sh.gov.cn/govPortals/item/1")
    service.policies.add(published)
    page = client.get(published.get_absolute_url()).content.decode()
    assert f'href="{explanation.get_absolute_url()}"' in page
    assert f'class="button" href="{service.url}"' in page
    explanation_page = client.get(explanation.get_absolute_url()).content.decode()
    assert f'href="{published.get_absolute_url()}"' in explanation_page
    service_page = client.get(reverse("publishing:service", args=[service.pk])).content.decode()
    assert published.title in service_page

    # The signature verifies, by index number and by the original file.
    client.logout()
    result = client.get(reverse("publishing:verify_api"), {"index_number": published.index_number}).json()
    assert result["found"] is True
    assert result["results"][0]["matches"] is True
    assert result["results"][0]["algorithm"] == "ed25519"
    by_file = client.post(reverse("publishing:verify_api"), {"upload": upload(fixed)}).json()
    assert by_file["results"][0]["index_number"] == published.index_number
    assert by_file["results"][0]["matched_by"] == "file"
    rebuilt = client.post(reverse("publishing:verify_api"), {"upload": upload(policy_docx(OFFICE_CONTACT), "另存.docx")}).json()
    assert rebuilt["results"][0]["index_number"] == published.index_number
    assert rebuilt["results"][0]["matches"] is True

    # Every step is in the audit log.
    actions = list(
        AuditEntry.objects.filter(object_type="publishing.draft", object_id=str(policy.pk)).order_by("id").values_list("action", "actor_label")
    )
    assert actions == [
        ("draft.create", "drafter"),
        ("draft.disclosure", "drafter"),
        ("draft.check", "drafter"),
        ("draft.edit", "drafter"),
        ("draft.disclosure", "drafter"),
        ("draft.check", "drafter"),
        ("draft.publish", "office"),
    ]
    assert AuditEntry.objects.filter(action="interpretation.link", actor_label="office").count() == 1
    assert AuditEntry.objects.filter(action="document.imported", actor_label="office").count() == 2
    assert AuditEntry.objects.filter(action="signing_key.generate").count() == 1
    publish_entry = AuditEntry.objects.get(action="draft.publish", object_id=str(policy.pk))
    assert publish_entry.before["status"] == DraftStatus.APPROVED
    assert publish_entry.after["index_number"] == published.index_number

    # A user of another agency reaches none of it.
    client.force_login(world["outsider"])
    for name, method in (
        ("draft", "get"),
        ("edit_draft", "post"),
        ("decide_disclosure", "post"),
        ("run_checks", "post"),
        ("publish", "post"),
        ("schedule", "post"),
    ):
        for draft in (policy, interpretation):
            response = getattr(client, method)(reverse(f"publishing:{name}", args=[draft.pk]))
            assert response.status_code == 404, (name, draft.pk)
    for name in ("document", "withdraw", "change_validity"):
        method = client.get if name == "document" else client.post
        assert method(reverse(f"publishing:{name}", args=[published.pk])).status_code == 404
    listing = client.get(reverse("publishing:drafts")).content.decode()
    assert policy.title not in listing
    assert published.title not in client.get(reverse("publishing:documents")).content.decode()
