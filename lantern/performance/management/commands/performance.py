"""`lantern performance snapshot [--as-of DATE] [--weeks N]`: keep every measure's value for the week ending on
the date (and for each of the N-1 weeks before it, to back-fill a trend)."""

import time
from datetime import date

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lantern.core.dates import day_option
from lantern.core.services import local_today
from lantern.performance.selectors import pack_date_problem
from lantern.performance.services import snapshot_measures, week_ends


class Command(BaseCommand):
    help = "Keep every performance measure's value for the week ending on a date (the pack's trends read these)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["snapshot"], help="what to do")
        parser.add_argument("--as-of", type=day_option, default=None, help="the last day of the week (default today)")
        parser.add_argument("--weeks", type=int, default=1, help="how many weeks back to keep, ending on --as-of")

    def handle(self, *args, action: str, as_of: date | None, weeks: int, **options) -> None:
        as_of = as_of or local_today()
        if weeks < 1 or weeks > 520:
            raise CommandError("--weeks must be between 1 and 520")
        days = week_ends(as_of, weeks)
        for day in (days[0], days[-1]):
            problem = pack_date_problem(day)
            if problem:
                raise CommandError(problem)
        started = time.monotonic()
        for day in days:
            snapshot_measures(as_of=day)
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Kept {weeks} week(s) of snapshots to {as_of:%d/%m/%Y} in {elapsed:.1f} s "
                f"({elapsed / weeks:.2f} s a week)."
            )
        )
