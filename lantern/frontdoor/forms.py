"""Forms of the front door (registering a child, logging a contact) and of allocation."""

from django import forms

from lantern.core import codes
from lantern.journey.models import CONCERNS_MAX_LENGTH, Contact
from lantern.pages.forms import GovukDateField, GovukDateTimeField, GovukRadios, RecordForm, code_choices, code_field
from lantern.workforce.models import WORKER_CHANGE_REASONS, Allocation, Worker


def text(label: str, *, max_length: int, required: bool = False, required_message: str = "") -> forms.CharField:
    """A text answer refused (never cut short) past its limit, naming the field."""
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        error_messages={
            "required": required_message or f"Enter {label[:1].lower()}{label[1:]}",
            "max_length": f"{label} must be {max_length:,} characters or fewer: you entered %(show_value)s. "
            "Nothing was cut: shorten it and save again",
        },
    )


class ChildRegisterForm(RecordForm):
    first_name = text("First name", max_length=100, required=True, required_message="Enter the child’s first name")
    last_name = text("Last name", max_length=100, required=True, required_message="Enter the child’s last name")
    date_of_birth = GovukDateField(label="Date of birth", required=False)
    expected_date_of_birth = GovukDateField(label="Expected date of birth", required=False, past_only=False)
    sex = code_field(codes.SEX, label="Sex", required_message="Select the child’s sex, or ‘Unknown’")
    ethnicity = forms.ChoiceField(
        label="Ethnicity",
        choices=[("", "Select the child’s ethnicity")] + code_choices(codes.ETHNICITY),
        error_messages={
            "required": "Select the child’s ethnicity, or ‘Information not yet obtained’",
            "invalid_choice": "Ethnicity: “%(value)s” is not a recognised code",
        },
    )
    nhs_number = text("NHS number", max_length=12)
    upn = text("Unique pupil number (UPN)", max_length=13)
    la_child_id = text("LA child ID", max_length=20)
    new_child_reason = text("Why is this a different child?", max_length=500)


class ContactForm(RecordForm):
    received_at = GovukDateTimeField(label="Date and time the contact was received")
    source = forms.ChoiceField(
        label="Source of the contact",
        choices=[("", "Select the source")] + code_choices(codes.REFERRAL_SOURCE, with_code=True),
        error_messages={
            "required": "Select the source of the contact",
            "invalid_choice": "Source of the contact: “%(value)s” is not a recognised code",
        },
    )
    referrer = text("Who made the contact", max_length=200)
    concerns = forms.CharField(
        label="What are the concerns?",
        max_length=CONCERNS_MAX_LENGTH,
        error_messages={
            "required": "Enter the concerns, in the referrer’s words where you can",
            "max_length": f"The concerns must be {CONCERNS_MAX_LENGTH:,} characters or fewer: you entered "
            "%(show_value)s. Nothing was cut: shorten them and save again",
        },
    )
    consent = forms.ChoiceField(
        label="Did the family consent to the contact?",
        choices=Contact.Consent.choices,
        widget=GovukRadios,
        error_messages={
            "required": "Select whether the family consented to the contact",
            "invalid_choice": "Consent: “%(value)s” is not one of the choices",
        },
    )


class WorkerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Worker) -> str:
        return f"{obj.full_name}, {obj.get_role_display().lower()}, {obj.team.name}"


class AllocateForm(RecordForm):
    role = forms.ChoiceField(
        label="Allocate as",
        choices=Allocation.Role.choices,
        widget=GovukRadios,
        initial=Allocation.Role.SOCIAL_WORKER,
        error_messages={
            "required": "Select what the worker is allocated as",
            "invalid_choice": "Allocate as: “%(value)s” is not one of the choices",
        },
    )
    worker = WorkerChoiceField(
        label="Worker",
        queryset=Worker.objects.none(),
        empty_label="Select a worker",
        error_messages={
            "required": "Select the worker to allocate",
            "invalid_choice": "Select a worker from the list: that one is not a current worker",
        },
    )
    start_date = GovukDateField(label="Date of allocation")
    end_reason = forms.ChoiceField(
        label="Why is the current worker’s allocation ending?",
        choices=[("", "Select a reason")] + WORKER_CHANGE_REASONS,
        required=False,
        help_text="Only for a transfer. The reasons are the SSDA903 SW_REASON codes",
        error_messages={"invalid_choice": "Reason: “%(value)s” is not a recognised SW_REASON code"},
    )

    def __init__(self, *args, workers=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Every worker can be chosen (a leaver is refused by the service, saying so); current ones are offered.
        self.fields["worker"].queryset = Worker.objects.select_related("team")
        self.offered = list(workers) if workers is not None else []


class AllocationEndForm(RecordForm):
    end_date = GovukDateField(label="Date the allocation ended")
    end_reason = forms.ChoiceField(
        label="Why did the allocation end?",
        choices=[("", "Select a reason")] + WORKER_CHANGE_REASONS,
        error_messages={
            "required": "Select why the allocation ended",
            "invalid_choice": "Reason: “%(value)s” is not a recognised SW_REASON code",
        },
    )
