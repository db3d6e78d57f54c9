"""Forms for audits, from the shared GOV.UK fields. A text box names its limit: nothing is cut short in silence."""

from django import forms

from lantern.audits.grades import Grade
from lantern.audits.models import SampleRule
from lantern.pages.forms import GovukDateField, GovukRadios, RecordForm


def grade_field(label: str, message: str, *, required: bool = True) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=Grade.choices,
        widget=GovukRadios,
        required=required,
        error_messages={"required": message, "invalid_choice": f"{label}: choose a grade on the scale"},
    )


def text_field(label: str, *, max_length: int = 4000, required: bool = False, message: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "max_length": f"{label} must be {max_length:,} characters or fewer (it has %(show_value)d)",
            "required": message or f"Enter {label.lower()}",
        },
    )


class AuditForm(RecordForm):
    audit_date = GovukDateField(label="Date of the audit")
    auditor_grade = grade_field("Overall grade", "Choose the overall grade")
    strengths = text_field("What is working well")
    improvements = text_field("What needs to improve")
    worker_feedback = text_field("The worker’s feedback")
    family_feedback = text_field("The family’s feedback")
    safeguarding_concern = text_field(
        "Safeguarding concern",
        max_length=4000,
    )
    out_of_sample_reason = forms.CharField(
        label="Why this child, who is not in the programme's sample",
        max_length=300,
        required=False,
        error_messages={"max_length": "The reason must be 300 characters or fewer (it has %(show_value)d)"},
    )

    def __init__(self, *args, domains=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.domains = list(domains)
        for domain in self.domains:
            self.fields[f"domain_{domain.pk}"] = grade_field(domain.title, f"Choose a grade for {domain.title}")

    def domain_fields(self):
        return [(domain, self[f"domain_{domain.pk}"]) for domain in self.domains]


class ModerationForm(RecordForm):
    moderated_grade = grade_field("Moderated grade", "Choose the moderated grade")
    reason = text_field("Why the grade stands or changes", required=True, message="Say why the grade stands or changes")
    moderation_date = GovukDateField(label="Date of the moderation")


class ActionForm(RecordForm):
    action = text_field("What must be done", max_length=2000, required=True, message="Say what must be done")
    owner = forms.TypedChoiceField(
        label="Who will do it", coerce=int, required=False, widget=forms.Select, empty_value=None
    )
    due_date = GovukDateField(label="Due by", past_only=False)

    def __init__(self, *args, owners=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = [("", "Not yet decided")] + [(w.pk, w.full_name) for w in owners]
        self.fields["owner"].error_messages["invalid_choice"] = "Choose someone from the list"


class ActionDoneForm(RecordForm):
    done_on = GovukDateField(label="Date done")
    note = forms.CharField(
        label="What was done",
        max_length=500,
        required=False,
        error_messages={"max_length": "What was done must be 500 characters or fewer (it has %(show_value)d)"},
    )


class ProgrammeForm(RecordForm):
    title = forms.CharField(
        label="Title", max_length=120, error_messages={"required": "Enter the programme's title",
                                                       "max_length": "The title must be 120 characters or fewer"}
    )  # fmt: skip
    theme = forms.CharField(
        label="Theme", max_length=80, required=False,
        error_messages={"max_length": "The theme must be 80 characters or fewer"},
    )  # fmt: skip
    month = GovukDateField(label="Month of the programme (any day in it)", past_only=False)
    rule = forms.ChoiceField(
        label="Which children",
        choices=SampleRule.choices,
        widget=GovukRadios,
        error_messages={"required": "Choose which children to draw from", "invalid_choice": "Choose a rule"},
    )
    sample_size = forms.IntegerField(
        label="How many children", min_value=1, max_value=500,
        error_messages={"required": "Enter how many children to draw", "invalid": "Enter a whole number",
                        "min_value": "Draw at least 1 child", "max_value": "Draw at most 500 children"},
    )  # fmt: skip
    per_team_minimum = forms.IntegerField(
        label="At least this many from each team", min_value=0, max_value=50, required=False,
        error_messages={"invalid": "Enter a whole number", "min_value": "Enter 0 or more",
                        "max_value": "Enter at most 50"},
    )  # fmt: skip
    seed = forms.IntegerField(
        label="Draw number", min_value=0, max_value=2_000_000_000, required=False,
        help_text="The same number draws the same children again; leave blank for a new draw",
        error_messages={"invalid": "Enter a whole number", "min_value": "Enter 0 or more",
                        "max_value": "Enter a smaller number"},
    )  # fmt: skip
