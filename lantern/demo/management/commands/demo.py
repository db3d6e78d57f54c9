"""`lantern demo --size small --seed 1` (used by `make demo`): generate the demo authority if the database has
no children yet, then print the demo sign-ins. Fast when the data is already there."""

from django.core.management.base import BaseCommand, CommandParser

from lantern.accounts.models import User
from lantern.core.services import local_today
from lantern.demo.figures import SIZES
from lantern.demo.generator import generate
from lantern.demo.users import DEMO_LOGINS, DEMO_PASSWORD
from lantern.people.models import Child
from lantern.timescales.store import refresh_all

ADDRESS = "http://127.0.0.1:8000"


class Command(BaseCommand):
    help = "Make sure the demo authority exists, and show how to sign in."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--size", choices=list(SIZES), default="small")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, size: str, seed: int, **options) -> None:
        if Child.objects.exists():
            self.stdout.write("Demo data is already in place; generating nothing.")
        else:
            self.stdout.write(f"No children yet: generating the {size} demo authority (seed {seed}).")
            generate(size=size, seed=seed, stdout=self.stdout)
            # Written in bulk, without the signals that keep the service views' stored open clocks up to date.
            refresh = refresh_all(as_of=local_today())
            self.stdout.write(f"Worked out {refresh.clocks:,} open clocks for the service views ({refresh.seconds} s).")
        present = set(
            User.objects.filter(username__in=[d.username for d in DEMO_LOGINS]).values_list("username", flat=True)
        )
        width = max(len(d.role.value) for d in DEMO_LOGINS)
        self.stdout.write("")
        self.stdout.write(f"{'Role':<{width}}  {'Username':<16}  Password")
        for login in DEMO_LOGINS:
            note = "" if login.username in present else "  (missing: run `lantern generate --force`)"
            self.stdout.write(f"{login.role.value:<{width}}  {login.username:<16}  {DEMO_PASSWORD}{note}")
        self.stdout.write("")
        # This command only builds and lists: `make demo` (or `make serve`) starts the server after it.
        self.stdout.write(self.style.SUCCESS("The demo authority is ready."))
        self.stdout.write(f"With the server running (`make serve`), open {ADDRESS} and sign in as any user above.")
