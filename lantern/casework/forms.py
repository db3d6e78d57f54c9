"""The case note and oversight forms. Long text is refused beyond its limit, naming the field: never cut."""

from django import forms

from lantern.casework.models import TEXT_LIMIT, WHO_SEEN_LIMIT, NoteKind
from lantern.pages.forms import GovukDateField, GovukDateTimeField, GovukRadios, RecordForm


class LongText(forms.CharField):
    """Text with a limit that is checked and named, not enforced by cutting (no maxlength on the box)."""

    def __init__(self, *, label: str, limit: int = TEXT_LIMIT, required_message: str = "", **kwargs) -> None:
        kwargs.setdefault("widget", forms.Textarea)
        super().__init__(label=label, **kwargs)
        self.limit = limit
        self.error_messages["required"] = required_message or f"Enter the {label[:1].lower() + label[1:]}"

    def validate(self, value) -> None:
        super().validate(value)
        if value and len(value) > self.limit:
            raise forms.ValidationError(
                f"{self.label} must be {self.limit:,} characters or fewer: it has {len(value):,}", code="too_long"
            )


class CaseNoteForm(RecordForm):
    event_at = GovukDateTimeField(label="Date and time of the event")
    kind = forms.ChoiceField(
        label="Type of note",
        choices=NoteKind.choices,
        widget=GovukRadios,
        error_messages={
            "required": "Select the type of note",
            "invalid_choice": "Type of note: “%(value)s” is not a type of note",
        },
    )
    who_seen = LongText(label="Who was seen", limit=WHO_SEEN_LIMIT, required=False, widget=forms.TextInput)
    text = LongText(label="Case note", required_message="Enter the case note")


class OversightForm(RecordForm):
    decided_on = GovukDateField(label="Date of the decision")
    decision = LongText(label="Decision")
    reason = LongText(label="Reason for the decision")
    next_review_on = GovukDateField(label="Next review date", past_only=False)
