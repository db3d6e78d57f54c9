"""Forms for care leavers, built from the shared GOV.UK fields in `lantern.pages.forms`."""

from lantern.core import codes
from lantern.leaving_care.models import EntitlementKind
from lantern.pages.forms import GovukDateField, RecordForm, code_field


class CareLeaverContactForm(RecordForm):
    contact_date = GovukDateField(label="Date of contact")
    in_touch = code_field(
        codes.IN_TOUCH,
        label="Is the young person in touch?",
        required_message="Select whether the young person is in touch",
        with_code=True,
    )
    activity = code_field(
        codes.CARE_LEAVER_ACTIVITY,
        label="What are they doing?",
        required_message="Select what the young person is doing",
        with_code=True,
        required=False,
    )
    accommodation = code_field(
        codes.CARE_LEAVER_ACCOMMODATION,
        label="Where are they living, and is it suitable?",
        required_message="Select where the young person is living",
        with_code=True,
        required=False,
    )

    def clean(self):
        data = super().clean()
        # Activity and accommodation are what the young person told us: only asked when they are in touch.
        if data.get("in_touch") == "YES":
            for field in ("activity", "accommodation"):
                if not data.get(field) and field not in self.errors:
                    self.add_error(field, self.fields[field].error_messages["required"])
        elif "in_touch" in data:
            for field in ("activity", "accommodation"):
                self._errors.pop(field, None)
                data[field] = ""
        return data


class EntitlementsForm(RecordForm):
    """One date per entitlement, each optional: a blank leaves what is recorded."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for kind in EntitlementKind:
            self.fields[kind.value] = GovukDateField(label=kind.label, required=False)
