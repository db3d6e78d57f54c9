from django import forms

from lantern.pages.forms import GovukDateField, RecordForm
from lantern.people.models import Child
from lantern.workforce.models import Worker

# A supervision discusses up to this many children on one page; another supervision record takes more.
CHILD_SLOTS = 3
TEXT_LIMIT = 5000


class SupervisionForm(RecordForm):
    """A case supervision: the date, the supervisor, and for each child discussed the decision, one action with its
    owner and due date, and the reflection."""

    held_on = GovukDateField(label="Date of the supervision")
    supervisor = forms.ChoiceField(label="Supervisor", error_messages={"required": "Select the supervisor"})

    def __init__(self, *args, children: list[Child] = (), staff: list[Worker] = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.children = {str(c.pk): c for c in children}
        self.staff = {str(w.pk): w for w in staff}
        self.fields["supervisor"].choices = [("", "Choose the supervisor")] + [
            (pk, w.full_name) for pk, w in self.staff.items()
        ]
        child_choices = [("", "No child")] + [
            (pk, f"{c.full_name} ({c.la_child_id})") for pk, c in self.children.items()
        ]
        owner_choices = [("", "Choose who owns it")] + [(pk, w.full_name) for pk, w in self.staff.items()]
        for n in range(1, CHILD_SLOTS + 1):
            self.fields[f"child_{n}"] = forms.ChoiceField(
                label=f"Child {n} discussed", choices=child_choices, required=False
            )
            self.fields[f"child_{n}_decision"] = forms.CharField(
                label="Management decision", required=False, max_length=TEXT_LIMIT, widget=forms.Textarea
            )
            self.fields[f"child_{n}_reflection"] = forms.CharField(
                label="Reflection", required=False, max_length=TEXT_LIMIT, widget=forms.Textarea
            )
            self.fields[f"child_{n}_action"] = forms.CharField(
                label="Action", required=False, max_length=TEXT_LIMIT, widget=forms.Textarea
            )
            self.fields[f"child_{n}_action_owner"] = forms.ChoiceField(
                label="Who owns the action", choices=owner_choices, required=False
            )
            self.fields[f"child_{n}_action_due_date"] = GovukDateField(
                label="Date the action is due", past_only=False, required=False
            )

    def slots(self) -> list[dict]:
        return [
            {
                "n": n,
                "child": self[f"child_{n}"],
                "decision": self[f"child_{n}_decision"],
                "reflection": self[f"child_{n}_reflection"],
                "action": self[f"child_{n}_action"],
                "owner": self[f"child_{n}_action_owner"],
                "due": self[f"child_{n}_action_due_date"],
            }
            for n in range(1, CHILD_SLOTS + 1)
        ]

    def clean(self):
        data = super().clean()
        for n in range(1, CHILD_SLOTS + 1):
            answered = any(data.get(f"child_{n}_{part}") for part in ("decision", "reflection", "action"))
            if answered and not data.get(f"child_{n}"):
                self.add_error(f"child_{n}", f"Select child {n}, or clear the decision, reflection and action below")
            if data.get(f"child_{n}_action") and not data.get(f"child_{n}_action_owner"):
                self.add_error(f"child_{n}_action_owner", "Select who owns the action")
            if data.get(f"child_{n}_action"):
                self.require(f"child_{n}_action_due_date", "Enter the date the action is due")
        if not any(data.get(f"child_{n}") for n in range(1, CHILD_SLOTS + 1)) and not self.errors:
            self.add_error("child_1", "Select at least one child discussed")
        return data
