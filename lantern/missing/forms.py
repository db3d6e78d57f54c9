"""Forms for missing episodes, built from the shared GOV.UK fields in `lantern.pages.forms`."""

from lantern.pages.forms import GovukDateTimeField, RecordForm, YesNoField


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

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("offered"):
            self.require("accepted", "Select yes if the child accepted the interview")
        elif cleaned.get("accepted") is None:
            cleaned["accepted"] = False
        return cleaned
