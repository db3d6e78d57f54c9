"""`lantern enrolment_code --username U --reason R`: a one-time code for setting up a first authenticator app."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from lantern.accounts.enrolment import enrolment_code_issue
from lantern.accounts.models import User


class Command(BaseCommand):
    help = (
        "Issue a one-time enrolment code so that the user can set up their first authenticator app (the password "
        "alone is not enough). Give it to them by a different route from their password: in person or by phone."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", required=True)
        parser.add_argument("--reason", required=True, help="why, for the account's history (e.g. a ticket number)")

    def handle(self, *args, username: str, reason: str, **options) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"--username: no account called {username!r}")
        try:
            code = enrolment_code_issue(user=user, by=None, reason=reason)
        except ValidationError as refusal:
            problems = [f"--{field}: {m}" for field, messages in refusal.message_dict.items() for m in messages]
            raise CommandError("\n".join(problems)) from None
        hours = settings.LANTERN_ENROLMENT_CODE_HOURS
        self.stdout.write(f"Enrolment code for {user.username}: {code}")
        self.stdout.write(f"It works once, for {hours} hours. Any earlier code for them no longer works.")
