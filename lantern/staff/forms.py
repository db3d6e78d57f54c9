"""The staff pages' forms: they check that answers were given; the services check what they say."""

from django import forms
from django.contrib.auth.validators import UnicodeUsernameValidator

from lantern.accounts.roles import Role
from lantern.pages.forms import GovukCheckboxes, GovukRadios
from lantern.workforce.models import Team

NO_TEAM = ""
REASON_HELP = "For the account's history: a ticket number, or who asked and why"


def _team_choices() -> list[tuple[str, str]]:
    return [(NO_TEAM, "No team (an authority-wide role)")] + [
        (str(t.pk), f"{t.name} ({t.service.name})") for t in Team.objects.select_related("service").order_by("name")
    ]


class RolesAndTeam(forms.Form):
    roles = forms.MultipleChoiceField(
        label="Roles",
        choices=[(r.value, r.value) for r in Role],
        widget=GovukCheckboxes,
        help_text="Select all that apply",
        error_messages={"required": "Select at least one role"},
    )
    team = forms.ChoiceField(label="Team", widget=GovukRadios, required=False)
    reason = forms.CharField(
        label="Reason", help_text=REASON_HELP, max_length=200, error_messages={"required": "Enter the reason"}
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = _team_choices()

    def clean_team(self) -> Team | None:
        chosen = self.cleaned_data.get("team") or NO_TEAM
        return None if chosen == NO_TEAM else Team.objects.get(pk=int(chosen))

    def chosen_roles(self) -> list[Role]:
        return [Role(value) for value in self.cleaned_data["roles"]]


class Joiner(RolesAndTeam):
    username = forms.CharField(
        label="Username",
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        error_messages={"required": "Enter a username", "invalid": "Use letters, numbers and @ . + - _ only"},
    )
    first_name = forms.CharField(label="First name", max_length=150, error_messages={"required": "Enter a first name"})
    last_name = forms.CharField(label="Last name", max_length=150, error_messages={"required": "Enter a last name"})
    email = forms.EmailField(
        label="Work email address",
        error_messages={
            "required": "Enter a work email address",
            "invalid": "Enter an email address in the correct format, like name@example.gov.uk",
        },
    )
    field_order = ["username", "first_name", "last_name", "email", "roles", "team", "reason"]


class Reason(forms.Form):
    reason = forms.CharField(
        label="Reason", help_text=REASON_HELP, max_length=200, error_messages={"required": "Enter the reason"}
    )


class Review(forms.Form):
    note = forms.CharField(
        label="Anything to put right? (optional)",
        help_text="For example: who should no longer have access, and that you have asked for it to be removed",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
