"""Forms for recording what stops a clock, built from the shared GOV.UK fields in `lantern.pages.forms`."""

from django import forms

from lantern.casework.forms import LongText
from lantern.core import codes
from lantern.journey.models import TEXT_LIMIT, AssessmentOutcome, NeedLevel, VisitKind
from lantern.pages.forms import (
    GovukCheckboxes,
    GovukDateField,
    GovukDateTimeField,
    GovukRadios,
    RecordForm,
    YesNoField,
    code_choices,
    code_field,
)
from lantern.workforce.models import Team


class ContactDecisionForm(RecordForm):
    need_level = forms.ModelChoiceField(
        label="Level of need",
        queryset=NeedLevel.objects.all(),
        widget=GovukRadios,
        required=False,
        empty_label=None,
        help_text="On the council’s continuum of need",
        error_messages={"invalid_choice": "Level of need: select one of the council’s levels"},
    )
    decision = code_field(
        codes.CONTACT_DECISION, label="Decision", required_message="Select the decision made on the contact"
    )
    decision_at = GovukDateTimeField(label="Date and time of the decision")
    team = forms.ModelChoiceField(
        label="Team to take the referral",
        queryset=Team.objects.exclude(kind=Team.Kind.FRONT_DOOR),
        required=False,
        empty_label="Decide later",
        help_text="Only for a referral or a strategy discussion: the team whose manager allocates a worker",
        error_messages={"invalid_choice": "Team to take the referral: select a team from the list"},
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") not in ("REFERRAL", "STRATEGY"):
            cleaned["team"] = None
        return cleaned


def factor_groups(field) -> list[dict]:
    """The 43 assessment factors grouped as the DfE groups them (by number: 1A to 1C are "Alcohol misuse").

    Groups of several ("concerns about the child", "... the parent(s) or carer(s)") under their heading, in the
    DfE's order; the factors that stand alone after them; "No factors identified" last, on its own."""
    groups: dict[str, list] = {}
    for option in field:
        code = option.data["value"]
        number = code.rstrip("ABCDEF")
        groups.setdefault(number, []).append(option)
    several, alone, none = [], [], []
    for number, options in groups.items():
        if number == "21":
            none.extend({"option": o, "prefix": "", "text": o.choice_label} for o in options)
        elif len(options) > 1:
            heading = options[0].choice_label.split(": ", 1)[0]
            rows = [{"option": o, "prefix": f"{heading}: ", "text": o.choice_label.split(": ", 1)[-1]} for o in options]
            several.append({"heading": heading, "rows": rows})
        else:
            alone.extend({"option": o, "prefix": "", "text": o.choice_label} for o in options)
    return [*several, {"heading": "Other factors", "rows": alone}, {"heading": "", "rows": none, "exclusive": True}]


class FactorsMixin:
    def factor_groups(self) -> list[dict]:
        return factor_groups(self["factors"])


def factors_field(*, required: bool) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label="Factors identified in the assessment",
        choices=code_choices(codes.ASSESSMENT_FACTOR),
        widget=GovukCheckboxes,
        required=required,
        error_messages={
            "required": "Select the factors identified at the end of the assessment, or ‘No factors identified’",
            "invalid_choice": "Factors identified: “%(value)s” is not a recognised code",
        },
    )


def outcome_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label="Outcome of the assessment",
        choices=AssessmentOutcome.choices,
        widget=GovukRadios,
        required=False,
        error_messages={"invalid_choice": "Outcome of the assessment: “%(value)s” is not an outcome"},
    )


class VoiceFields(forms.Form):
    child_words = LongText(
        label="The child’s own words and wishes",
        limit=TEXT_LIMIT,
        required=False,
        help_text="What the child said they want, in their words where you can",
    )
    how_gathered = LongText(
        label="How the child’s views were gathered",
        limit=TEXT_LIMIT,
        required=False,
        help_text="For example, seen alone at school, direct work, an advocate, through their drawings",
    )
    sibling_impact = LongText(label="Impact on siblings", limit=TEXT_LIMIT, required=False)


class AssessmentStartForm(RecordForm, VoiceFields):
    start_date = GovukDateField(label="Date the assessment started")
    child_seen_date = GovukDateField(label="Date the child was seen", required=False)

    field_order = ["start_date", "child_seen_date", "child_words", "how_gathered", "sibling_impact"]


class AssessmentRecordForm(FactorsMixin, RecordForm, VoiceFields):
    child_seen_date = GovukDateField(label="Date the child was seen", required=False)
    factors = factors_field(required=False)
    outcome = outcome_field()

    field_order = ["child_seen_date", "child_words", "how_gathered", "sibling_impact", "factors", "outcome"]


class AssessmentAuthoriseForm(FactorsMixin, RecordForm):
    authorised_date = GovukDateField(label="Date authorised")
    factors = factors_field(required=True)
    outcome = outcome_field()
    requires_support = YesNoField(
        label="Was the child assessed as needing children’s social care support?",
        required_message="Select yes if the child was assessed as needing children’s social care support",
    )


class StrategyDiscussionHeldForm(RecordForm):
    held_on = GovukDateField(label="Date the strategy discussion was held")
    initiate_s47 = YesNoField(
        label="Was a section 47 enquiry started?", required_message="Select yes if a section 47 enquiry was started"
    )


class StrategyDiscussionStartForm(RecordForm):
    threshold_decision_at = GovukDateTimeField(label="Date and time of the threshold decision")
    held = YesNoField(
        label="Has the strategy discussion been held?",
        required_message="Select yes if the strategy discussion has been held",
    )
    held_on = GovukDateField(label="Date the strategy discussion was held", required=False)
    initiate_s47 = YesNoField(
        label="Was a section 47 enquiry started?",
        required_message="Select yes if a section 47 enquiry was started",
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("held"):
            self.require("held_on", "Enter the date the strategy discussion was held")
            self.require("initiate_s47", "Select yes if a section 47 enquiry was started")
        else:
            self.forget("held_on", "initiate_s47")
        return cleaned


class ICPCForm(RecordForm):
    HELD = "held"
    NOT_REQUIRED = "not_required"

    outcome = forms.ChoiceField(
        label="Was an initial child protection conference held?",
        choices=[(HELD, "Yes, the conference was held"), (NOT_REQUIRED, "No, a conference is not required")],
        widget=GovukRadios,
        error_messages={
            "required": "Select whether the conference was held or is not required",
            "invalid_choice": "Select whether the conference was held or is not required",
        },
    )
    held_on = GovukDateField(label="Date of the conference", required=False)
    plan_made = YesNoField(
        label="Did the conference make a child protection plan?",
        required_message="Select yes if the conference made a child protection plan",
        required=False,
    )
    category = code_field(
        codes.CATEGORY_OF_ABUSE,
        label="Category of abuse",
        required_message="Select the category of abuse for the plan",
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("outcome") != self.HELD:
            self.forget("held_on", "plan_made", "category")
            return cleaned
        self.require("held_on", "Enter the date of the conference")
        self.require("plan_made", "Select yes if the conference made a child protection plan")
        if cleaned.get("plan_made") is False:
            self.forget("category")
        elif cleaned.get("plan_made") and not cleaned.get("category") and "category" not in self.errors:
            self.add_error("category", "Select the category of abuse for the plan")
        return cleaned


class CPReviewForm(RecordForm):
    held_on = GovukDateField(label="Date of the review conference")
    continues = YesNoField(
        label="Does the child protection plan continue?",
        required_message="Select yes if the child protection plan continues",
    )
    latest_category = code_field(
        codes.CATEGORY_OF_ABUSE,
        label="Latest category of abuse",
        required_message="Select the latest category of abuse",
    )


class VisitForm(RecordForm):
    visit_date = GovukDateField(label="Date of visit")
    kind = forms.ChoiceField(
        label="What kind of visit was it?",
        choices=VisitKind.choices,
        widget=GovukRadios,
        error_messages={
            "required": "Select what kind of visit it was",
            "invalid_choice": "Kind of visit: “%(value)s” is not a kind of visit",
        },
    )
    seen = YesNoField(label="Was the child seen?", required_message="Select yes if the child was seen")
    seen_alone = YesNoField(
        label="Was the child seen alone?", required_message="Select yes if the child was seen alone", required=False
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("seen"):
            self.require("seen_alone", "Select yes if the child was seen alone")
        elif cleaned.get("seen_alone") is None:
            cleaned["seen_alone"] = False
        return cleaned
