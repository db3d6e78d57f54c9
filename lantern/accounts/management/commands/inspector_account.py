"""`lantern inspector_account --username U --email E --days N`: an inspector's time-limited, read-only account."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from lantern.accounts.services import inspector_account_grant


class Command(BaseCommand):
    help = (
        "Create an inspector's account, or extend one, so that its access ends N days from now (at most "
        "LANTERN_INSPECTOR_MAX_DAYS). After that the inspector cannot sign in and any session they have is ended."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", required=True)
        parser.add_argument("--email", required=True)
        parser.add_argument(
            "--days", type=int, required=True, help=f"days from now (at most {settings.LANTERN_INSPECTOR_MAX_DAYS})"
        )

    def handle(self, *args, username: str, email: str, days: int, **options) -> None:
        try:
            user = inspector_account_grant(username=username, email=email, days=days)
        except ValidationError as refusal:
            problems = [
                f"--{field}: {message}" for field, messages in refusal.message_dict.items() for message in messages
            ]
            raise CommandError("\n".join(problems)) from None
        ends = timezone.localtime(user.access_expires_at)
        self.stdout.write(f"{user.username}'s access as an inspector ends at {ends:%H:%M on %-d %B %Y} ({ends:%Z}).")
        if not user.has_usable_password():
            self.stdout.write(f"Set a password before they sign in: lantern changepassword {user.username}")
        self.stdout.write("They set up two-factor sign-in (an authenticator app) the first time they sign in.")
