"""Forms of the public request page, the status lookup and the staff actions."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import Agency
from gongkai.disclosure.choices import (
    ApplicantType,
    Channel,
    ConsultedParty,
    DeliveryMethod,
    FeeMethod,
    IdDocumentType,
    LetterKind,
)
from gongkai.disclosure.models import DisclosureRequest
from gongkai.disclosure.outcomes import Outcome

ORGANISATION_DOCUMENTS = (IdDocumentType.CREDIT_CODE, IdDocumentType.OTHER_ORGANISATION)


class DateInput(forms.DateInput):
    """A native date picker, which needs ISO dates whatever the active locale's date format."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def date_field(label) -> forms.DateField:
    return forms.DateField(label=label, widget=DateInput)


class RequestForm(forms.ModelForm):
    """政府信息公开申请表: the fields Regulations Art. 29 requires, and the agency asked."""

    required_css_class = "required"

    agency = forms.ModelChoiceField(label=_("Agency asked"), queryset=Agency.objects.exclude(code="UNKNOWN"))

    class Meta:
        model = DisclosureRequest
        fields = [
            "agency",
            "applicant_type",
            "applicant_name",
            "id_document_type",
            "id_document_number",
            "contact_phone",
            "contact_email",
            "contact_address",
            "information_title",
            "information_number",
            "description",
            "provision_form",
            "delivery_method",
        ]
        labels = {
            "applicant_name": _("Name of the person or organisation"),
            "description": _("Description of the information"),
        }
        help_texts = {
            "applicant_type": _("Organisations choose their kind; the annual report counts requests by it."),
            "contact_phone": _("Give a telephone number or an e-mail address; you need it to look up your request."),
            "information_title": _("Title of the document, if known."),
            "information_number": _("Document number such as 沪府办发〔2025〕5号, if known."),
            "description": _("Describe the information so that it can be found: subject, period, issuing body."),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def clean(self):
        data = super().clean()
        if not data.get("contact_phone") and not data.get("contact_email"):
            self.add_error("contact_phone", _("Give a telephone number or an e-mail address."))

        is_person = data.get("applicant_type") == ApplicantType.NATURAL_PERSON
        document = data.get("id_document_type")
        if document and is_person == (document in ORGANISATION_DOCUMENTS):
            self.add_error(
                "id_document_type",
                _("A natural person gives a personal identity document; an organisation gives its credit code or certificate."),
            )

        if data.get("delivery_method") == DeliveryMethod.POST and not data.get("contact_address"):
            self.add_error("contact_address", _("Give a postal address for delivery by post."))
        if data.get("delivery_method") == DeliveryMethod.EMAIL and not data.get("contact_email"):
            self.add_error("contact_email", _("Give an e-mail address for delivery by e-mail."))
        return data


class StaffRegistrationForm(RequestForm):
    """A request received in person, by post, by fax or online, entered by staff."""

    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    submitted_on = date_field(_("Date submitted or arrived"))
    confirmed_on = forms.DateField(
        label=_("Date signed for or confirmed"),
        widget=DateInput,
        required=False,
        help_text=_("Post requiring a signature: the day the agency signed. Ordinary post, fax, online: the day both sides confirmed."),
    )
    applicant_unreachable = forms.BooleanField(
        label=_("Applicant could not be reached"),
        required=False,
        help_text=_("Ordinary post only: the period starts on the day contact is restored."),
    )

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        if agencies is not None:
            self.fields["agency"].queryset = agencies

    def clean(self):
        data = super().clean()
        channel = data.get("channel")
        needs_confirmation = channel in (Channel.REGISTERED_POST, Channel.FAX, Channel.ONLINE) or (
            channel == Channel.ORDINARY_POST and not data.get("applicant_unreachable")
        )
        if needs_confirmation and not data.get("confirmed_on"):
            self.add_error("confirmed_on", _("Enter the date signed for or confirmed; it is the receipt date."))
        return data


class StatusLookupForm(forms.Form):
    tracking_code = forms.CharField(label=_("Tracking code"), max_length=20)
    contact = forms.CharField(label=_("Telephone or e-mail given in the request"), max_length=254)


class DateForm(forms.Form):
    date = date_field(_("Date"))


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(label=_("Staff member"), queryset=get_user_model().objects.none())

    def __init__(self, *args, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        if agency is not None:
            self.fields["assignee"].queryset = get_user_model().objects.filter(staff_profile__agency=agency)


class SupplementForm(forms.Form):
    date = date_field(_("Date of the notice"))
    items = forms.CharField(label=_("What to supplement"), widget=forms.Textarea(attrs={"rows": 3}))
    working_days = forms.IntegerField(label=_("Supplement period (working days)"), min_value=1, max_value=60, initial=15)


class ExtensionForm(forms.Form):
    date = date_field(_("Date approved and notified"))
    working_days = forms.IntegerField(label=_("Extension (working days)"), min_value=1, max_value=20, initial=20)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class ConsultationForm(forms.Form):
    date = date_field(_("Date the letter was sent"))
    party_kind = forms.ChoiceField(label=_("Consulted party"), choices=ConsultedParty.choices)
    party_name = forms.CharField(label=_("Name of the consulted party"), max_length=200)


class EndConsultationForm(forms.Form):
    event = forms.IntegerField(widget=forms.HiddenInput)
    date = date_field(_("Date of the reply, or the end of the period"))
    note = forms.CharField(label=_("Opinion received"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class LaterDateForm(forms.Form):
    date = date_field(_("Date of the decision"))
    due_date = date_field(_("Later answer date"))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class FeeNoticeForm(forms.Form):
    date = date_field(_("Date the applicant received the notice"))
    method = forms.ChoiceField(label=_("Fee method"), choices=FeeMethod.choices)
    pages = forms.IntegerField(label=_("Pages (per-page method only)"), min_value=1, required=False)


class AnswerForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    date = date_field(_("Date of the answer"))
    note = forms.CharField(
        label=_("Reasons and details for the letter"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class LetterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Letter to generate"), choices=LetterKind.choices)


class DeliveryForm(forms.Form):
    letter = forms.IntegerField(widget=forms.HiddenInput)
    method = forms.ChoiceField(label=_("Delivery"), choices=DeliveryMethod.choices)
    date = date_field(_("Date signed for, or handed to the post"))
