from django import forms

from lantern.pages.forms import GovukRadios
from lantern.subject_access.models import Redaction


class SubjectAccessForm(forms.Form):
    """Only checks that an answer was given; the service checks what it says (services.subject_access_request)."""

    reference = forms.CharField(
        label="Request reference",
        help_text="The request's reference in your information requests log, for example SAR-2026-014",
        error_messages={"required": "Enter the request reference"},
    )
    redaction = forms.ChoiceField(
        label="Redact third parties?",
        help_text="Names of other people are replaced by “[redacted: third party]” in the file, the chronology and "
        "the notes",
        choices=Redaction.choices,
        widget=GovukRadios,
        error_messages={
            "required": "Select whether to redact third parties",
            "invalid_choice": "Select whether to redact third parties",
        },
    )
