"""Forms for children in care, built from the shared GOV.UK fields in `lantern.pages.forms`."""

from django import forms

from lantern.core import codes
from lantern.pages.forms import GovukDateField, GovukRadios, RecordForm, code_choices, code_field


class CLAReviewForm(RecordForm):
    review_date = GovukDateField(label="Date of the review")
    participation = code_field(
        codes.REVIEW_PARTICIPATION,
        label="How did the child take part in the review?",
        required_message="Select how the child took part in the review",
        with_code=True,
    )


def code_select(code_list: codes.CodeList, *, label: str, required_message: str, required: bool = True):
    """A long national code list as a select (radios for 30 placement types would fill the page)."""
    return forms.ChoiceField(
        label=label,
        required=required,
        choices=[("", "Choose")] + code_choices(code_list, with_code=True),
        error_messages={
            "required": required_message,
            "invalid_choice": f"{label}: “%(value)s” is not a recognised code",
        },
    )


def postcode_field(label: str, **kwargs) -> forms.CharField:
    return forms.CharField(label=label, max_length=8, required=False, strip=True, **kwargs)


class PeriodStartForm(RecordForm):
    start_date = GovukDateField(label="Date the child started to be looked after")
    legal_status = code_select(codes.LEGAL_STATUS, label="Legal status", required_message="Choose the legal status")
    category_of_need = code_select(
        codes.CATEGORY_OF_NEED, label="Category of need", required_message="Choose the category of need"
    )
    placement_type = code_select(
        codes.PLACEMENT_TYPE, label="Placement type", required_message="Choose the placement type"
    )
    placement_provider = code_select(
        codes.PLACEMENT_PROVIDER, label="Placement provider", required_message="", required=False
    )
    home_postcode = postcode_field("Home postcode")
    placement_postcode = postcode_field("Placement postcode")
    urn = forms.CharField(label="Ofsted URN", max_length=8, required=False, strip=True)


class EpisodeChangeForm(RecordForm):
    change_date = GovukDateField(label="Date of the change")
    reason_new_episode = forms.ChoiceField(
        label="What changed?",
        choices=[(code, f"{code}: {label}") for code, label in codes.REASON_NEW_EPISODE.labels.items() if code != "S"],
        widget=GovukRadios,
        error_messages={
            "required": "Select what changed",
            "invalid_choice": "What changed?: “%(value)s” is not a recognised code",
        },
    )
    legal_status = code_select(codes.LEGAL_STATUS, label="New legal status", required_message="", required=False)
    placement_type = code_select(codes.PLACEMENT_TYPE, label="New placement type", required_message="", required=False)
    placement_provider = code_select(
        codes.PLACEMENT_PROVIDER, label="Placement provider", required_message="", required=False
    )
    placement_postcode = postcode_field("New placement postcode")
    urn = forms.CharField(label="Ofsted URN of the new placement", max_length=8, required=False, strip=True)
    reason_place_change = code_select(
        codes.REASON_PLACE_CHANGE, label="Reason for the move", required_message="", required=False
    )


class PeriodEndForm(RecordForm):
    end_date = GovukDateField(label="Date the child ceased to be looked after")
    reason_ceased = code_select(
        codes.REASON_EPISODE_CEASED,
        label="Reason the child ceased to be looked after",
        required_message="Choose the reason the child ceased to be looked after",
    )
    destination = forms.CharField(label="Where the child went", max_length=200, required=False, strip=True)
