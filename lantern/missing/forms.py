"""Forms for missing episodes and exploitation, built from the shared GOV.UK fields in `lantern.pages.forms`."""

from django import forms

from lantern.core import codes
from lantern.missing.models import EXPLOITATION_KINDS, MissingFrom, RiskLevel
from lantern.pages.forms import (
    GovukCheckboxes,
    GovukDateField,
    GovukDateTimeField,
    GovukRadios,
    RecordForm,
    YesNoField,
    code_field,
)


def _radios(choices, *, label: str, required_message: str, required: bool = True) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=GovukRadios,
        required=required,
        error_messages={"required": required_message, "invalid_choice": f"{label}: “%(value)s” is not an option"},
    )


def _text(label: str, required_message: str) -> forms.CharField:
    return forms.CharField(
        label=label, widget=forms.Textarea(attrs={"rows": 4}), error_messages={"required": required_message}
    )


class MissingReportForm(RecordForm):
    kind = code_field(
        codes.MISSING_TYPE,
        label="Is the child missing or away without authorisation?",
        required_message="Select whether the child is missing or away without authorisation",
    )
    missing_from = _radios(
        MissingFrom.choices, label="Missing from", required_message="Select where the child went missing from"
    )
    started_at = GovukDateTimeField(label="Date and time missing from")


class ReturnForm(RecordForm):
    returned_at = GovukDateTimeField(label="Date and time the child returned")


class ReturnInterviewForm(RecordForm):
    offered = YesNoField(
        label="Was the child offered a return home interview?",
        required_message="Select yes if the child was offered a return home interview",
    )
    accepted = YesNoField(
        label="Did the child accept the interview?",
        required_message="Select yes if the child accepted the interview",
        required=False,
    )
    held_at = GovukDateTimeField(label="Date and time of the interview", required=False)
    declined_at = GovukDateTimeField(label="Date and time the child declined", required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("offered"):
            self.require("accepted", "Select yes if the child accepted the interview")
        elif cleaned.get("accepted") is None:
            cleaned["accepted"] = False
        return cleaned


class ScreeningForm(RecordForm):
    screened_on = GovukDateField(label="Date of the screening")
    kinds = forms.MultipleChoiceField(
        label="Kinds of exploitation of concern",
        choices=EXPLOITATION_KINDS,
        widget=GovukCheckboxes,
        required=False,
        error_messages={"invalid_choice": "Kinds of exploitation: “%(value)s” is not an option"},
    )
    level = _radios(RiskLevel.choices, label="Level of risk", required_message="Select the level of risk")
    review_on = GovukDateField(label="Review date", past_only=False)


class SafetyPlanForm(RecordForm):
    made_on = GovukDateField(label="Date of the plan")
    people_involved = _text("Who is involved", "Enter who is involved")
    places = _text("Places of concern", "Enter the places of concern")
    actions = _text("Actions, with who does each", "Enter the actions")
    review_on = GovukDateField(label="Review date", past_only=False)
