"""Answer letters: legal basis, remedy text in force, venue per agency kind, and the DOCX and PDF files."""

import datetime
import io

import docx
import pypdfium2
import pytest

from gongkai.core.models import AgencyKind
from gongkai.disclosure import actions, letters
from gongkai.disclosure.choices import LetterKind
from gongkai.disclosure.models import AgencyDisclosureProfile, LetterTemplate
from gongkai.disclosure.outcomes import Outcome, rule

from .factories import AgencyFactory, DisclosureRequestFactory

pytestmark = pytest.mark.django_db

D = datetime.date.fromisoformat


def answered_letter(user, agency, outcome, note="其中第三部分涉及第三方商业秘密，不予公开。"):
    case = DisclosureRequestFactory(agency=agency, applicant_name="李四")
    actions.answer(user, case, outcome, D("2025-03-20"), note)
    return actions.generate_letter(user, case, LetterKind.ANSWER)


def test_partial_letter_cites_art_37(agency_a, office_a):
    letter = answered_letter(office_a, agency_a, Outcome.PARTIALLY_DISCLOSED)

    assert letter.title == "上海市示例区规划和自然资源局政府信息公开申请答复书"
    assert letter.body.startswith("李四：")
    assert "根据《中华人民共和国政府信息公开条例》第三十七条的规定" in letter.body
    assert "其中第三部分涉及第三方商业秘密，不予公开。" in letter.body
    assert "60日内向上海市示例区人民政府申请行政复议" in letter.body
    assert "应当先向行政复议机关申请行政复议" in letter.body
    assert "6个月" not in letter.body
    assert "提供方式：电子文档" in letter.body


def test_disclosed_letter_remedy(agency_a, office_a):
    letter = answered_letter(office_a, agency_a, Outcome.DISCLOSED, note="")

    assert "第三十六条第（一）项、第（二）项" in letter.body
    assert "或者自收到本答复书之日起6个月内依法向人民法院提起行政诉讼" in letter.body
    assert "应当先向" not in letter.body


def test_every_outcome_has_template(db):
    for outcome in Outcome:
        template = LetterTemplate.objects.get(kind=LetterKind.ANSWER, outcome=outcome)
        assert rule(outcome).basis in template.body, outcome


@pytest.mark.parametrize(
    ("kind", "parent_kind", "expected"),
    [
        (AgencyKind.DISTRICT_DEPARTMENT, AgencyKind.DISTRICT_GOVERNMENT, "上级机关"),
        (AgencyKind.DISTRICT_GOVERNMENT, AgencyKind.MUNICIPAL_GOVERNMENT, "上级机关"),
        (AgencyKind.MUNICIPAL_DEPARTMENT, AgencyKind.MUNICIPAL_GOVERNMENT, "上级机关"),
        (AgencyKind.STATE_COUNCIL_DEPARTMENT, None, "本机关"),
        (AgencyKind.MUNICIPAL_GOVERNMENT, None, "本机关"),
    ],
)
def test_review_body_by_kind(db, kind, parent_kind, expected):
    parent = AgencyFactory(name="上级机关", code="PARENT", kind=parent_kind) if parent_kind else None
    agency = AgencyFactory(name="本机关", code="SELF", kind=kind, parent=parent)

    assert letters.review_body(agency) == expected


def test_review_body_entered(agency_a):
    AgencyDisclosureProfile.objects.create(agency=agency_a, review_body="国家税务总局上海市税务局")

    assert letters.review_body(agency_a) == "国家税务总局上海市税务局"


def test_letter_docx_and_pdf(agency_a, office_a):
    """The DOCX is read back with python-docx and the PDF's text layer with pypdfium2."""
    letter = answered_letter(office_a, agency_a, Outcome.PARTIALLY_DISCLOSED)

    paragraphs = [paragraph.text for paragraph in docx.Document(io.BytesIO(letters.to_docx(letter))).paragraphs]
    assert paragraphs[0] == letter.title
    assert paragraphs[1] == "李四："

    pdf = pypdfium2.PdfDocument(letters.to_pdf(letter))
    text = "".join(pdf[index].get_textpage().get_text_range() for index in range(len(pdf)))
    assert "第三十七条" in text.replace("\r", "").replace("\n", "")


def test_procedural_letters_render(agency_a, office_a):
    case = DisclosureRequestFactory(agency=agency_a, received_on=D("2025-03-03"), submitted_on=D("2025-03-03"))
    actions.request_supplement(office_a, case, D("2025-03-05"), "请写明文件的年份。", 10)

    receipt = actions.generate_letter(office_a, case, LetterKind.RECEIPT)
    notice = actions.generate_letter(office_a, case, LetterKind.SUPPLEMENT_NOTICE)

    assert case.tracking_code in receipt.body
    assert "收到申请之日为2025年3月3日" in receipt.body
    assert "请写明文件的年份。" in notice.body
    assert "请于2025年3月19日前向本机关提交补正材料" in notice.body


def test_answer_letter_needs_outcome(agency_a, office_a):
    case = DisclosureRequestFactory(agency=agency_a)

    with pytest.raises(actions.InvalidTransition):
        actions.generate_letter(office_a, case, LetterKind.ANSWER)


def test_delivery_recorded(agency_a, office_a):
    letter = answered_letter(office_a, agency_a, Outcome.DISCLOSED)

    actions.record_delivery(office_a, letter, "post", D("2025-03-21"))

    letter.refresh_from_db()
    assert letter.delivered_on == D("2025-03-21")
    with pytest.raises(actions.InvalidTransition):
        actions.record_delivery(office_a, letter, "post", D("2025-03-22"))
