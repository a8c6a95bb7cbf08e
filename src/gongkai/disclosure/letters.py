"""Letters of a case: rendering the editable templates, the remedy text in force, and DOCX and PDF output."""

from __future__ import annotations

import datetime
import io

from django.template import Context, Template
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core import calendar
from gongkai.core.models import Agency, AgencyKind
from gongkai.disclosure import conf
from gongkai.disclosure.choices import DeliveryMethod, EventKind, FeeMethod, LetterKind, ProvisionForm
from gongkai.disclosure.models import AgencyDisclosureProfile, DisclosureRequest, Letter, LetterTemplate
from gongkai.disclosure.outcomes import group_of, rule

GOVERNMENT_KINDS = (
    AgencyKind.STATE_COUNCIL,
    AgencyKind.MUNICIPAL_GOVERNMENT,
    AgencyKind.DISTRICT_GOVERNMENT,
)
PDF_FONT = "STSong-Light"

# Letters are fixed Chinese text whatever the user's language, so they name choices in Chinese here
# rather than through the translated choice labels.
LETTER_NAMES = {
    ProvisionForm.PAPER: "纸质",
    ProvisionForm.ELECTRONIC: "电子文档",
    ProvisionForm.INSPECTION: "现场查阅、抄录",
    DeliveryMethod.POST: "邮寄",
    DeliveryMethod.EMAIL: "电子邮件",
    DeliveryMethod.PICK_UP: "自行领取",
    DeliveryMethod.ONLINE: "网上获取",
    FeeMethod.PER_REQUEST: "按件计收",
    FeeMethod.PER_PAGE: "按量计收",
}


class TemplateMissing(LookupError):
    """No letter template exists for the kind and outcome asked for."""


def chinese_date(day: datetime.date | None) -> str:
    """Return `day` as 2025年1月24日, the form official letters print."""
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def _profile(agency: Agency) -> AgencyDisclosureProfile | None:
    return AgencyDisclosureProfile.objects.filter(agency=agency).first()


def _nearest_government(agency: Agency) -> Agency | None:
    parent = agency.parent
    while parent is not None and parent.kind not in GOVERNMENT_KINDS:
        parent = parent.parent
    return parent


def review_body(agency: Agency) -> str:
    """Return the 行政复议机关 for the agency's acts under 行政复议法 (2023) Arts. 24–28.

    The government at the same level reviews a government department's acts, and the government above
    reviews a lower government's acts. A State Council department, and a government without a parent
    (a provincial-level government such as 上海市人民政府), review their own acts. The superior department
    reviews vertically managed agencies (customs, tax, state security), so their profile must name it.
    """
    profile = _profile(agency)
    if profile is not None and profile.review_body:
        return profile.review_body

    if agency.kind in (AgencyKind.STATE_COUNCIL_DEPARTMENT, AgencyKind.STATE_COUNCIL):
        return agency.name

    government = _nearest_government(agency)
    if agency.kind in (AgencyKind.MUNICIPAL_DEPARTMENT, AgencyKind.DISTRICT_DEPARTMENT):
        return government.name if government else "本级人民政府"
    if agency.kind in (AgencyKind.MUNICIPAL_GOVERNMENT, AgencyKind.DISTRICT_GOVERNMENT):
        # NOTE: a city government without a parent is taken to be provincial-level (直辖市), whose own
        # acts it reviews itself (Art. 24 second paragraph); enter the provincial government otherwise.
        return government.name if government else agency.name
    return "有管辖权的行政复议机关"


def remedy_text(outcome: str, agency: Agency) -> str:
    """Return the remedy clause of an answer letter: 行政复议 within 60 days, and 行政诉讼.

    For outcomes that withhold information, 行政复议法 (2023) Art. 23 requires review before a lawsuit
    and requires the letter to say so; otherwise the applicant may sue within 6 months (行政诉讼法 Art. 46).
    """
    profile = _profile(agency)
    court = (profile.court if profile and profile.court else "") or "人民法院"
    venue = review_body(agency)

    if group_of(outcome) in conf.get("REVIEW_FIRST_GROUPS"):
        return (
            f"如对本答复不服，可以自收到本答复书之日起60日内向{venue}申请行政复议；对行政复议决定不服的，"
            f"可以自收到行政复议决定书之日起15日内依法向{court}提起行政诉讼。"
            "根据《中华人民共和国行政复议法》第二十三条的规定，对行政机关不予公开政府信息不服的，应当先向行政复议机关申请行政复议。"
        )
    return (
        f"如对本答复不服，可以自收到本答复书之日起60日内向{venue}申请行政复议，"
        f"或者自收到本答复书之日起6个月内依法向{court}提起行政诉讼。"
    )


def letter_context(request: DisclosureRequest, **extra) -> dict:
    """Return the template context of a letter for `request`; `extra` adds or overrides values."""
    profile = _profile(request.agency)
    information = "；".join(
        part for part in (request.information_title, request.information_number, request.description) if part
    )
    context = {
        "agency_name": request.agency.name,
        "office_name": (profile.office_name if profile and profile.office_name else request.agency.name),
        "office_address": profile.address if profile else "",
        "office_phone": profile.phone if profile else "",
        "applicant_name": request.applicant_name,
        "tracking_code": request.tracking_code,
        "information": information,
        "received_on": chinese_date(request.received_on),
        "due_date": chinese_date(request.due_date),
        "provision_form": LETTER_NAMES.get(request.provision_form, ""),
        "delivery_method": LETTER_NAMES.get(request.delivery_method, ""),
        "today": chinese_date(timezone.localdate()),
        "documents": request.suggestions.get("documents", []) if request.outcome else [],
        "note": request.answer_note,
    }

    if request.outcome:
        outcome_rule = rule(request.outcome)
        context.update(basis=outcome_rule.basis, articles=outcome_rule.articles, remedy=remedy_text(request.outcome, request.agency))
        context["answered_on"] = chinese_date(request.answered_on)

    context.update(_event_context(request))
    context.update(extra)
    return context


def _event_context(request: DisclosureRequest) -> dict:
    values = {}
    for event in request.events.all():
        if event.kind == EventKind.SUPPLEMENT_REQUESTED:
            deadline = calendar.compute_deadline(event.date, event.working_days or 15).due
            values.update(supplement_items=event.note, supplement_deadline=chinese_date(deadline))
        elif event.kind == EventKind.EXTENDED:
            values.update(extension_days=event.working_days, extension_reason=event.note)
        elif event.kind == EventKind.CONSULTATION:
            deadline = calendar.compute_deadline(event.date, conf.get("CONSULTATION_REPLY_WORKING_DAYS")).due
            values.update(party_name=event.party_name, reply_deadline=chinese_date(deadline))
        elif event.kind == EventKind.FEE_NOTICE:
            deadline = calendar.compute_deadline(event.date, conf.get("FEE_PAYMENT_WORKING_DAYS")).due
            values.update(
                fee_method=LETTER_NAMES.get(event.fee_method, ""),
                fee_amount=event.amount,
                fee_explanation=event.note,
                payment_deadline=chinese_date(deadline),
                payment_method="按本机关告知的非税收入缴款方式缴入国库",
            )
    return values


def render(request: DisclosureRequest, kind: str, **extra) -> tuple[str, str]:
    """Render the title and body of letter `kind` for `request` from its template."""
    outcome = request.outcome if kind == LetterKind.ANSWER else ""
    template = LetterTemplate.objects.filter(kind=kind, outcome=outcome).first()
    if template is None:
        raise TemplateMissing(
            _("No letter template exists for %(kind)s (outcome: %(outcome)s); add one in the admin.")
            % {"kind": LetterKind(kind).label, "outcome": outcome or "-"}
        )

    context = Context(letter_context(request, **extra), autoescape=False)
    return Template(template.title).render(context).strip(), Template(template.body).render(context).strip()


def to_docx(letter: Letter) -> bytes:
    """Return the letter as a DOCX file with a centred title and the body in 宋体."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.size = Pt(14)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")

    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(letter.title)
    run.bold = True
    run.font.size = Pt(18)

    for line in letter.body.split("\n"):
        document.add_paragraph(line)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def to_pdf(letter: Letter) -> bytes:
    """Return the letter as an A4 PDF set in reportlab's built-in CID font STSong-Light, so no font file is needed."""
    from xml.sax.saxutils import escape

    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    pdfmetrics.registerFont(UnicodeCIDFont(PDF_FONT))
    body_style = ParagraphStyle("body", fontName=PDF_FONT, fontSize=12, leading=20, wordWrap="CJK")
    title_style = ParagraphStyle("title", fontName=PDF_FONT, fontSize=16, leading=24, alignment=TA_CENTER)

    story = [Paragraph(escape(letter.title), title_style), Spacer(1, 6 * mm)]
    for line in letter.body.split("\n"):
        story.append(Paragraph(escape(line) or "&nbsp;", body_style))

    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, title=letter.title, leftMargin=25 * mm, rightMargin=25 * mm)
    document.build(story)
    return buffer.getvalue()
