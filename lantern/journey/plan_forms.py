"""Forms for the content of CIN and CP plans: actions, the lead practitioner, core groups, CIN plan reviews."""

from django import forms

from lantern.casework.forms import LongText
from lantern.journey.models import TEXT_LIMIT
from lantern.journey.plan_services import OWNER_LIMIT
from lantern.pages.forms import GovukDateField, RecordForm, YesNoField
from lantern.workforce.models import Worker


class LeadPractitionerForm(RecordForm):
    lead_practitioner = forms.ModelChoiceField(
        label="Lead Child Protection Practitioner",
        queryset=Worker.objects.filter(end_date__isnull=True).exclude(role=Worker.Role.PERSONAL_ADVISER),
        empty_label="Select a social worker",
        help_text="The social worker who leads the plan (Working Together 2023)",
        error_messages={
            "required": "Select the Lead Child Protection Practitioner",
            "invalid_choice": "Lead Child Protection Practitioner: select a worker from the list",
        },
    )


class PlanActionForm(RecordForm):
    outcome = LongText(
        label="Outcome for the child",
        limit=TEXT_LIMIT,
        help_text="What will be better for the child, in words the family understands",
    )
    action = LongText(label="Action", limit=TEXT_LIMIT, help_text="What will be done to reach the outcome")
    owner = LongText(
        label="Who will do it",
        limit=OWNER_LIMIT,
        widget=forms.TextInput,
        help_text="A person and their role: the social worker, a parent, the school nurse",
    )
    due_date = GovukDateField(label="Date the action is due", past_only=False)


class PlanActionDoneForm(RecordForm):
    done_on = GovukDateField(label="Date the action was done")


class CoreGroupForm(RecordForm):
    held_on = GovukDateField(label="Date of the core group")


class CINPlanReviewForm(RecordForm):
    held_on = GovukDateField(label="Date of the review")
    outcome = LongText(label="What the review decided", limit=TEXT_LIMIT, required=False)
    continues = YesNoField(
        label="Does the child in need plan continue?",
        required_message="Select yes if the child in need plan continues",
    )
