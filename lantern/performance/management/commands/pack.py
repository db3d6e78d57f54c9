"""`lantern pack --as-of DATE -o FILE.xlsx`: the performance pack for a date, as the page's xlsx export."""

import time
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lantern.core.dates import day_option
from lantern.core.services import local_today
from lantern.performance.exports import write_pack
from lantern.performance.selectors import pack, pack_date_problem


class Command(BaseCommand):
    help = "Write the performance pack for a date as xlsx (one sheet per section, a row per measure)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as-of", type=day_option, default=None, help="the pack's date (default today)")
        parser.add_argument("-o", "--output", required=True, help="the .xlsx file to write")

    def handle(self, *args, as_of: date | None, output: str, **options) -> None:
        as_of = as_of or local_today()
        problem = pack_date_problem(as_of)
        if problem:
            raise CommandError(problem)
        started = time.monotonic()
        sections = pack(as_of)
        target = Path(output)
        with target.open("wb") as stream:
            write_pack(sections, stream, as_of=as_of)
        elapsed = time.monotonic() - started
        measures = sum(len(rows) for _, _, rows in sections)
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote the pack as at {as_of:%d/%m/%Y} ({measures} measures) to {target} in {elapsed:.1f} s."
            )
        )
