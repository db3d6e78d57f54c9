from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator

from lantern.accounts.sessions import ACCESS_ENDED


class SignInForm(AuthenticationForm):
    """Django's sign-in form with GOV.UK wording.

    One message for a wrong password and an unknown username, so the form does not tell anyone
    which usernames exist.
    """

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Enter a correct username and password",
        "inactive": "Enter a correct username and password",
        "access_ended": ACCESS_ENDED,
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"
        # Django sets the username's max_length after the field is made, so nothing checks it: a 10,000-character
        # username reached django-axes, whose record of failed sign-ins PostgreSQL refuses (varchar 255).
        most = self.fields["username"].max_length or 150
        self.fields["username"].validators.append(
            MaxLengthValidator(most, message=f"Username must be {most} characters or fewer")
        )

    def confirm_login_allowed(self, user) -> None:
        super().confirm_login_allowed(user)
        # Said only to someone who gave the right password, so it tells no one else that the username exists.
        if user.access_has_ended():
            raise forms.ValidationError(self.error_messages["access_ended"], code="access_ended")
