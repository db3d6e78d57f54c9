"""`lantern improvement snapshot [--as-of DATE]`: keep every action's RAG for the month of the date (once a month;
run again within the month, it replaces that month's)."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lantern.core.dates import day_option
from lantern.core.services import local_today
from lantern.improvement.services import snapshot_rags


class Command(BaseCommand):
    help = "Keep every improvement plan action's RAG for the month of a date (the action page's history)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["snapshot"], help="what to do")
        parser.add_argument("--as-of", type=day_option, default=None, help="a day of the month (default today)")

    def handle(self, *args, action: str, as_of: date | None, **options) -> None:
        as_of = as_of or local_today()
        if as_of > local_today():
            raise CommandError(f"{as_of:%d/%m/%Y} is in the future: a RAG is kept for today or before")
        kept = snapshot_rags(as_of=as_of)
        self.stdout.write(self.style.SUCCESS(f"Kept the RAG of {kept} actions for {as_of:%B %Y}."))
