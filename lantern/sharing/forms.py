from django import forms

from lantern.pages.forms import GovukDateField, RecordForm, YesNoField


class SharingDecisionForm(RecordForm):
    decided_on = GovukDateField(label="Date of the decision")
    information = forms.CharField(
        label="What information", max_length=300,
        error_messages={"required": "Say what information the decision is about",
                        "max_length": "What information must be 300 characters or fewer"},
    )  # fmt: skip
    shared_with = forms.CharField(
        label="With whom", max_length=200, help_text="The agency or person, for example “Medway Police, Public "
        "Protection Unit”",
        error_messages={"required": "Say who it was, or would have been, shared with",
                        "max_length": "With whom must be 200 characters or fewer"},
    )  # fmt: skip
    shared = YesNoField(label="Was it shared?", required_message="Say whether it was shared")
    reason_not_shared = forms.CharField(
        label="Why it was not shared", max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Why it was not shared must be 2,000 characters or fewer (it has "
                        "%(show_value)d)"},
    )  # fmt: skip

    def clean(self):
        data = super().clean()
        if data.get("shared") is False and not (data.get("reason_not_shared") or "").strip():
            self.add_error("reason_not_shared", "Say why the information was not shared: the duty to share asks for it")
        return data
