from django import forms

from lantern.pages.forms import GovukDateField, RecordForm


def _text(label: str, max_length: int, message: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        error_messages={"required": message, "max_length": f"{label} must be {max_length} characters or fewer"},
    )


class OrderForm(RecordForm):
    start_date = GovukDateField(label="Date the order started")
    end_date = GovukDateField(label="Date the order ended", required=False)
    court = _text("Court", 120, "Enter the court that made the order")
    accommodation = _text("The relevant accommodation", 200, "Enter the accommodation the order authorises")


class EndForm(RecordForm):
    end_date = GovukDateField(label="Date the order ended")
