"""Staff pages need a login and render for staff; public pages render for everyone."""

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from gongkai.core.models import Role
from tests.publishing.fixtures import make_agency, make_staff

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["drafts", "new_draft", "documents"])
def test_staff_page_needs_login(client, name):
    response = client.get(reverse(f"publishing:{name}"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("disclosure:login"))


@pytest.mark.parametrize("name", ["drafts", "new_draft", "documents"])
def test_staff_page_renders(client, name):
    client.force_login(make_staff("drafter", make_agency("SLJ", "上海市示例局"), Role.DRAFTER))

    assert client.get(reverse(f"publishing:{name}")).status_code == 200


def test_verify_page_renders(client):
    page = client.get(reverse("publishing:verify"))

    assert page.status_code == 200
    assert 'name="index_number"' in page.content.decode()


def test_new_draft_without_content(client):
    client.force_login(make_staff("drafter", make_agency("SLJ", "上海市示例局"), Role.DRAFTER))
    response = client.post(reverse("publishing:new_draft"), {"kind": "policy", "interpretation_kind": "text"})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [gettext("Upload a file or enter the text.")]
