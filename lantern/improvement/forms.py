"""Forms of the improvement plan, from the shared GOV.UK fields. A target of a percentage is typed as a
percentage (75 for 75%) and kept as a share; every check of the record itself is the service's."""

from django import forms

from lantern.improvement.models import EvidenceKind, Rag, Status, Theme
from lantern.pages.forms import GovukDateField, GovukRadios, RecordForm
from lantern.performance.definitions import MEASURE_LIST


def _text(label: str, max_length: int, *, required: bool = False, message: str = "", rows: int = 3):
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "required": message or f"Enter {label.lower()}",
            "max_length": f"{label} must be {max_length:,} characters or fewer (it has %(show_value)d)",
        },
    )


def _number(label: str, help_text: str = "") -> forms.FloatField:
    return forms.FloatField(
        label=label,
        required=False,
        help_text=help_text,
        min_value=-1_000_000,
        max_value=1_000_000,
        error_messages={
            "invalid": f"{label} must be a number, like 75",
            "min_value": f"{label} is too small",
            "max_value": f"{label} is too large",
        },
    )


class ActionForm(RecordForm):
    theme = forms.ChoiceField(
        label="Theme",
        widget=GovukRadios,
        error_messages={"required": "Choose the theme", "invalid_choice": "Choose a theme"},
    )
    ref = forms.CharField(
        label="Reference",
        max_length=20,
        error_messages={
            "required": "Enter the action's reference, like QP1",
            "max_length": "The reference must be 20 characters or fewer",
        },
    )
    text = _text("Action", 2000, required=True, message="Say what the action is")
    recommendation = _text("The inspection recommendation it answers", 2000)
    owner = forms.TypedChoiceField(
        label="Owner",
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.Select,
        error_messages={"invalid_choice": "Choose an owner from the list"},
    )
    owner_name = forms.CharField(
        label="Or the owner's name, if they do not use Lantern",
        max_length=120,
        required=False,
        error_messages={"max_length": "The name must be 120 characters or fewer"},
    )
    start_date = GovukDateField(label="Start date", past_only=False)
    due_date = GovukDateField(label="Due date", past_only=False)
    status = forms.ChoiceField(
        label="Status",
        choices=Status.choices,
        widget=GovukRadios,
        error_messages={"required": "Choose the status", "invalid_choice": "Choose a status"},
    )
    measure_id = forms.ChoiceField(
        label="Measure it is judged by",
        required=False,
        widget=forms.Select,
        error_messages={"invalid_choice": "Choose a measure from the list"},
    )
    baseline = _number("Baseline", "The measure's value when the action started; a percentage as a number, like 62")
    target = _number("Target", "By the due date; a percentage as a number, like 80. Blank: the pack's target")

    def __init__(self, *args, owners=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [(t.key, t.title) for t in Theme.objects.all()]
        self.fields["owner"].choices = [("", "Not a Lantern user")] + [
            (u.pk, u.get_full_name() or u.get_username()) for u in owners
        ]
        self.fields["measure_id"].choices = [("", "None: the RAG is set by hand")] + [
            (m.id, m.title) for m in MEASURE_LIST
        ]


class MilestoneForm(RecordForm):
    text = forms.CharField(
        label="Milestone",
        max_length=300,
        error_messages={
            "required": "Say what the milestone is",
            "max_length": "The milestone must be 300 characters or fewer",
        },
    )
    due_date = GovukDateField(label="Date", past_only=False)


class EvidenceForm(RecordForm):
    kind = forms.ChoiceField(
        label="What is the evidence?",
        choices=EvidenceKind.choices,
        widget=GovukRadios,
        error_messages={"required": "Choose what the evidence is", "invalid_choice": "Choose what the evidence is"},
    )
    title = forms.CharField(
        label="Document title",
        max_length=200,
        required=False,
        error_messages={"max_length": "The title must be 200 characters or fewer"},
    )
    url = forms.URLField(
        label="Link to the document",
        max_length=500,
        required=False,
        assume_scheme="https",
        error_messages={
            "invalid": "Enter the link as a web address, like https://…",
            "max_length": "The link must be 500 characters or fewer",
        },
    )
    audit_id = forms.IntegerField(
        label="Case audit number",
        required=False,
        min_value=1,
        max_value=2_000_000_000,
        error_messages={
            "invalid": "Enter the audit's number, like 42",
            "min_value": "Enter the audit's number, like 42",
            "max_value": "Enter the audit's number, like 42",
        },
    )
    la_child_id = forms.CharField(
        label="LA child ID",
        max_length=40,
        required=False,
        error_messages={"max_length": "The LA child ID must be 40 characters or fewer"},
    )
    note = _text("Note", 4000)


class RagForm(RecordForm):
    rag = forms.ChoiceField(
        label="RAG",
        choices=Rag.choices,
        widget=GovukRadios,
        error_messages={"required": "Choose red, amber or green", "invalid_choice": "Choose red, amber or green"},
    )
    reason = _text(
        "Why", 2000, required=True, message="Say why the action is this RAG: a RAG set by hand needs its reason"
    )
