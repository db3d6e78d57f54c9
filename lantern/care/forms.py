"""Forms for children in care, built from the shared GOV.UK fields in `lantern.pages.forms`."""

from django import forms

from lantern.care.models import Adopters, HealthAssessmentKind, IROContactMethod
from lantern.core import codes
from lantern.pages.forms import GovukDateField, GovukRadios, RecordForm, YesNoField, code_choices, code_field


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


# Health, education and the IRO's contact ----------------------------------------------------------------------


class HealthAssessmentForm(RecordForm):
    kind = forms.ChoiceField(
        label="Which assessment was it?",
        choices=HealthAssessmentKind.choices,
        widget=GovukRadios,
        error_messages={
            "required": "Select whether it was the initial or a review health assessment",
            "invalid_choice": "Which assessment was it?: choose initial or review",
        },
    )
    assessment_date = GovukDateField(label="Date of the assessment")


class DentalCheckForm(RecordForm):
    check_date = GovukDateField(label="Date of the dental check")


class ImmunisationCheckForm(RecordForm):
    checked_on = GovukDateField(label="Date the immunisations were checked")
    up_to_date = YesNoField(
        label="Were the child’s immunisations up to date?",
        required_message="Select whether the child’s immunisations were up to date",
    )


class SDQForm(RecordForm):
    completed_on = GovukDateField(label="Date of the SDQ")
    score = forms.IntegerField(
        label="Total difficulties score",
        required=False,
        help_text="From 0 to 40, from the carer’s questionnaire",
        error_messages={"invalid": "Total difficulties score: enter a whole number from 0 to 40"},
    )
    reason_no_score = code_select(
        codes.SDQ_REASON, label="Or the reason there is no score", required_message="", required=False
    )


class PEPForm(RecordForm):
    plan_date = GovukDateField(label="Date of the PEP meeting")


class IROContactForm(RecordForm):
    contact_date = GovukDateField(label="Date of the contact")
    method = forms.ChoiceField(
        label="How was the IRO in contact with the child?",
        choices=IROContactMethod.choices,
        widget=GovukRadios,
        error_messages={
            "required": "Select how the IRO was in contact with the child",
            "invalid_choice": "How was the IRO in contact?: choose one of the options",
        },
    )
    summary = forms.CharField(
        label="What the child said, and what the IRO will do",
        required=False,
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"max_length": "What the child said: enter at most 2,000 characters"},
    )


# Permanence and adoption --------------------------------------------------------------------------------------


class PermanencePlanForm(RecordForm):
    plan = code_field(
        codes.PERMANENCE_PLAN,
        label="What is the permanence plan for this child?",
        required_message="Select the permanence plan",
    )
    decided_on = GovukDateField(label="Date the plan was decided")


class AdoptionDecisionForm(RecordForm):
    decided_on = GovukDateField(label="Date of the decision that the child should be placed for adoption")


class PlacementOrderForm(RecordForm):
    applied_on = GovukDateField(label="Date the placement order was applied for", required=False)
    order_on = GovukDateField(label="Date the court made the placement order", required=False)


class AdoptionMatchForm(RecordForm):
    adopters = forms.ChoiceField(
        label="Adopters",
        error_messages={"required": "Choose the adopters", "invalid_choice": "Adopters: choose approved adopters"},
    )
    matched_on = GovukDateField(label="Date matched with the adopters")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        approved = Adopters.objects.filter(approved_on__isnull=False, left_on__isnull=True).order_by("reference")
        self.fields["adopters"].choices = [("", "Choose")] + [
            (str(a.pk), f"{a.reference} (approved {a.approved_on:%-d %b %Y})") for a in approved
        ]


class AdoptionReverseForm(RecordForm):
    reversed_on = GovukDateField(label="Date of the decision that the child should no longer be placed for adoption")
    reason = code_field(
        codes.REASON_PLACED_CEASED,
        label="Why should the child no longer be placed for adoption?",
        required_message="Select the reason",
        with_code=True,
    )
