"""Forms of the staff publishing pages and the public verification page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.documents.choices import Disclosure, DocType, Validity
from gongkai.publishing.choices import DraftKind, InterpretationKind, WithholdingGround


class DraftForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=DraftKind.choices, initial=DraftKind.POLICY)
    title = forms.CharField(label=_("Title"), max_length=500, required=False, help_text=_("Left empty, the title is read from the file."))
    upload = forms.FileField(label=_("File"), required=False, help_text=_("DOCX, PDF, OFD, HTML, Markdown or plain text."))
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 16}), required=False)
    document_number = forms.CharField(label=_("Document number"), max_length=100, required=False)
    doc_type = forms.ChoiceField(label=_("Document type"), choices=[("", "—"), *DocType.choices], required=False)
    subject = forms.CharField(label=_("Subject category"), max_length=100, required=False)
    written_date = forms.DateField(label=_("Date written"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    interprets = forms.TypedChoiceField(label=_("Policy draft interpreted"), coerce=int, required=False, empty_value=None)
    interprets_index_number = forms.CharField(
        label=_("Index number of the published policy interpreted"), max_length=64, required=False
    )
    interpretation_kind = forms.ChoiceField(label=_("Interpretation kind"), choices=InterpretationKind.choices, initial=InterpretationKind.TEXT)

    def __init__(self, *args, policy_drafts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["interprets"].choices = [("", "—"), *((draft.pk, draft.title) for draft in policy_drafts)]

    def clean(self):
        data = super().clean()
        if not data.get("upload") and not (data.get("text") or "").strip():
            raise forms.ValidationError(_("Upload a file or enter the text."))
        return data


class EditForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=500, required=False)
    upload = forms.FileField(label=_("Replace the file"), required=False)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 16}), required=False)
    document_number = forms.CharField(label=_("Document number"), max_length=100, required=False)
    subject = forms.CharField(label=_("Subject category"), max_length=100, required=False)


class DisclosureForm(forms.Form):
    disclosure = forms.ChoiceField(label=_("Disclosure"), choices=Disclosure.choices)
    ground = forms.ChoiceField(label=_("Legal basis"), choices=[("", "—"), *WithholdingGround.choices], required=False)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class OverrideForm(forms.Form):
    reason = forms.CharField(label=_("Written reason"), widget=forms.Textarea(attrs={"rows": 3}))


class ScheduleForm(forms.Form):
    publish_at = forms.DateTimeField(label=_("Publish at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class ValidityForm(forms.Form):
    validity = forms.ChoiceField(
        label=_("Validity"), choices=[(value, label) for value, label in Validity.choices if value != Validity.AMENDED]
    )
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    replaced_by = forms.CharField(label=_("Index number of the replacing document"), max_length=64, required=False)
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False)


class CleanUpForm(forms.Form):
    documents = forms.TypedMultipleChoiceField(label=_("Documents"), coerce=int)
    validity = forms.ChoiceField(
        label=_("Validity"), choices=[(Validity.EXPIRED, Validity.EXPIRED.label), (Validity.REPEALED, Validity.REPEALED.label)]
    )
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False)

    def __init__(self, *args, documents=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["documents"].choices = [(document.pk, document.title) for document in documents]


class VerifyForm(forms.Form):
    index_number = forms.CharField(label=_("Index number"), max_length=64, required=False)
    upload = forms.FileField(label=_("Document file"), required=False)
    text = forms.CharField(label=_("Pasted text"), widget=forms.Textarea(attrs={"rows": 8}), required=False)

    def clean(self):
        data = super().clean()
        if not (data.get("index_number") or data.get("upload") or (data.get("text") or "").strip()):
            raise forms.ValidationError(_("Give an index number, upload a file or paste the text."))
        return data
