"""The publishing path in Chromium: a drafter's DOCX is blocked twice, fixed, published with its interpretation.

Each staff member works in their own browser context and logs in through the staff login page.
The DOCX files are built with python-docx at test time.
"""

import re

import pytest
from django.contrib.auth import get_user_model

from gongkai.core.models import AuditEntry, Role
from gongkai.documents.models import Document
from gongkai.publishing.checks import links
from gongkai.publishing.models import ServiceItem
from tests.publishing.fixtures import INTERPRETATION_TEXT, OFFICE_CONTACT, make_agency, policy_docx

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "示例-Passw0rd-2025"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture(autouse=True)
def no_link_requests(monkeypatch, settings, tmp_path):
    def refuse(url):
        raise AssertionError(f"a test tried to open {url}")

    monkeypatch.setattr(links, "http_resolver", refuse)
    settings.HOME = tmp_path / "home"
    settings.HOME.mkdir()


def staff(username, agency, role):
    from gongkai.core.models import StaffProfile

    user = get_user_model().objects.create_user(username=username, password=PASSWORD)
    StaffProfile.objects.create(user=user, agency=agency, role=role)
    return user


def logged_in(browser, live_server, username):
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.goto(live_server.url + "/staff/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form [type=submit]").first.click()
    page.wait_for_load_state()
    return page


def submit(page, action):
    """Press the submit button of the form posting to a URL that ends with `action`."""
    page.locator(f"form[action$='{action}'] button[type=submit]").first.click()
    page.wait_for_load_state()


def test_docx_blocked_fixed_and_published(live_server, browser, tmp_path):
    district = make_agency("SLQ", "上海市示例区人民政府")
    department = make_agency("SLKW", "上海市示例区科学技术委员会", parent=district)
    staff("drafter", department, Role.DRAFTER)
    staff("office", district, Role.DISCLOSURE_OFFICE)
    staff("outsider", make_agency("QTQ", "上海市另一区人民政府"), Role.DISCLOSURE_OFFICE)
    first = tmp_path / "科技创新券管理办法.docx"
    first.write_bytes(policy_docx())
    fixed = tmp_path / "科技创新券管理办法-修改.docx"
    fixed.write_bytes(policy_docx(OFFICE_CONTACT))

    drafter = logged_in(browser, live_server, "drafter")
    drafter.goto(live_server.url + "/publishing/drafts/new/")
    drafter.select_option("select[name=kind]", "policy")
    drafter.set_input_files("input[name=upload]", str(first))
    drafter.locator("main form button[type=submit]").last.click()
    drafter.wait_for_url(re.compile(r".*/publishing/drafts/\d+/$"))
    policy_url = drafter.url
    policy_id = policy_url.rstrip("/").rsplit("/", 1)[1]

    drafter.select_option("select[name=disclosure]", "proactive")
    submit(drafter, "/disclosure/")
    submit(drafter, "/check/")
    findings = drafter.locator("table.findings").inner_text()
    assert "personal.mobile" in findings
    assert "interpretation.missing" in findings

    drafter.set_input_files("form[action$='/edit/'] input[name=upload]", str(fixed))
    submit(drafter, "/edit/")
    drafter.goto(live_server.url + "/publishing/drafts/new/")
    drafter.select_option("select[name=kind]", "interpretation")
    drafter.fill("textarea[name=text]", INTERPRETATION_TEXT)
    drafter.select_option("select[name=interprets]", policy_id)
    drafter.locator("main form button[type=submit]").last.click()
    drafter.wait_for_url(re.compile(r".*/publishing/drafts/\d+/$"))
    interpretation_url = drafter.url
    for url in (interpretation_url, policy_url):
        drafter.goto(url)
        drafter.select_option("select[name=disclosure]", "proactive")
        submit(drafter, "/disclosure/")
        submit(drafter, "/check/")
        assert drafter.locator("form[action$='/publish/']").count() == 1

    outsider = logged_in(browser, live_server, "outsider")
    assert outsider.goto(policy_url).status == 404

    office = logged_in(browser, live_server, "office")
    office.goto(policy_url)
    submit(office, "/publish/")
    policy = Document.objects.get(title="上海市示例区科学技术委员会关于印发《示例区科技创新券管理办法》的通知")
    explanation = Document.objects.get(title="《示例区科技创新券管理办法》政策解读")
    ServiceItem.objects.create(name="科技创新券申领", agency=department, url="https://zwdt.sh.gov.cn/govPortals/item/1").policies.add(policy)

    public = browser.new_context(locale="zh-CN").new_page()
    public.goto(live_server.url + policy.get_absolute_url())
    assert public.locator("h1").inner_text() == policy.title
    assert public.locator("a.button[href='https://zwdt.sh.gov.cn/govPortals/item/1']").count() == 1
    assert public.locator(f"a[href='{explanation.get_absolute_url()}']").count() >= 1

    public.goto(live_server.url + "/verify/")
    public.fill("input[name=index_number]", policy.index_number)
    public.locator("main form button[type=submit]").first.click()
    public.wait_for_load_state()
    assert policy.index_number in public.locator("main").inner_text()
    assert AuditEntry.objects.filter(action="draft.publish", actor_label="office").count() == 2
    assert AuditEntry.objects.filter(action="draft.check", actor_label="drafter").count() == 3
