"""Signatures of published documents: keys with ids, rotation, verification by index number, file and text."""

import stat

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from gongkai.core.models import Role
from gongkai.documents.choices import Disclosure
from gongkai.documents.models import Document, Part
from gongkai.publishing import actions, signing
from gongkai.publishing.models import SigningKey
from tests.publishing.fixtures import make_agency, make_staff

pytestmark = pytest.mark.django_db

TEXT = """上海市示例局关于做好{subject}工作的通知

各区人民政府：

一、工作要求

请各单位按照要求做好{subject}工作。

上海市示例局
2025年3月5日
"""


@pytest.fixture
def publisher():
    agency = make_agency("SLJ", "上海市示例局")
    return agency, make_staff("office", agency, Role.DISCLOSURE_OFFICE)


def publish(publisher, subject="示例"):
    agency, user = publisher
    draft = actions.create_draft(user, agency, text=TEXT.format(subject=subject))
    actions.decide_disclosure(user, draft, Disclosure.PROACTIVE)
    actions.run_checks(user, draft)
    return actions.publish(user, draft)


def test_key_file_private(settings):
    call_command("signing-key", "generate")
    key = SigningKey.objects.get()
    path = settings.HOME / "signing-keys" / f"{key.key_id}.pem"

    assert key.key_id.startswith("ed25519-")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    with pytest.raises(CommandError, match="已有使用中的签名密钥"):
        call_command("signing-key", "generate")


def test_rotation_keeps_old_signatures(publisher):
    call_command("signing-key", "generate")
    old = publish(publisher, "甲")
    call_command("signing-key", "rotate")
    new = publish(publisher, "乙")

    keys = list(SigningKey.objects.order_by("created_at", "id"))
    assert keys[0].retired_at is not None
    assert keys[1].retired_at is None
    assert old.signatures.get().key == keys[0]
    assert new.signatures.get().key == keys[1]
    assert signing.verify_document(old).ok
    assert signing.verify_document(new).ok


def test_changed_document_detected(publisher):
    document = publish(publisher)
    Part.objects.filter(document=document).update(text="被篡改的正文。")
    result = signing.verify_document(Document.objects.get(pk=document.pk))

    assert result.signature_valid is True
    assert result.unchanged is False
    assert result.ok is False


def test_forged_signature_detected(publisher):
    document = publish(publisher)
    record = document.signatures.get()
    record.canonical = record.canonical.replace("示例", "伪造")
    record.save()

    assert signing.verify_signature(record) is False


def test_canonical_form_stable(publisher):
    document = publish(publisher)
    form = signing.canonical_form(document)

    assert signing.canonical_bytes(form) == document.signatures.get().canonical.encode("utf-8")
    assert form["index_number"] == document.index_number
    assert form["agencies"] == ["上海市示例局"]
    assert "validity" not in form


def test_verify_pasted_text(publisher, client):
    document = publish(publisher)
    pasted = "一、工作要求\n\n  请各单位按照要求做好示例工作。  \n"
    found = client.post(reverse("publishing:verify_api"), {"text": pasted}).json()
    missing = client.post(reverse("publishing:verify_api"), {"text": "一、工作要求\n请各单位按照要求做好其他工作。"}).json()

    assert [result["index_number"] for result in found["results"]] == [document.index_number]
    assert found["results"][0]["matches"] is True
    assert missing == {"found": False, "results": []}


def test_verify_page_shows_result(publisher, client):
    document = publish(publisher)
    page = client.post(reverse("publishing:verify"), {"index_number": document.index_number}).content.decode()

    assert document.title in page
    assert document.signatures.get().digest in page


def test_verify_api_needs_input(client):
    response = client.get(reverse("publishing:verify_api"))

    assert response.status_code == 400
    assert response.json() == {"error": "请提供索引号、上传文件或粘贴文件正文。"}
