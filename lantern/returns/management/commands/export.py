"""`lantern export cin-census|ssda903 --year 2026 -o PATH` and `lantern export annex-a --as-of DATE -o FILE.xlsx`."""

import time
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lantern.care.services import collection_year_of
from lantern.core.dates import day_option
from lantern.core.services import local_today

RETURNS = ("cin-census", "ssda903", "annex-a")
RETURNS += ("ssd",)  # the Standard Safeguarding Dataset: `lantern export ssd DIR`


class Command(BaseCommand):
    help = "Export a statutory return: the CIN census (XML), the SSDA903 (CSV files) or Ofsted Annex A (xlsx)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("return_name", choices=RETURNS, help="which return")
        parser.add_argument(
            "--year", type=int, default=None, help="collection year, named by its 31 March (2026 = 2025/26)"
        )
        parser.add_argument(
            "--as-of", type=day_option, default=None, help="Annex A: the inspection date (default today)"
        )
        parser.add_argument("-o", "--output", default=None, help="the file to write (a directory for ssda903)")
        parser.add_argument("directory", nargs="?", default=None, help="ssd: the directory to write the CSVs into")

    def handle(self, *args, return_name: str, year: int | None, as_of: date | None, output: str, **options) -> None:
        started = time.monotonic()
        output = output or options.get("directory")
        if not output:
            raise CommandError("Give the file or directory to write (-o PATH)")
        if return_name == "ssd":
            from lantern.ssd.exporting import export_ssd

            counts = export_ssd(output)
            for what, n in counts.items():
                self.stdout.write(f"  {what:<32} {n:>8,}")
            self.stdout.write(self.style.SUCCESS(f"Wrote the SSD to {output} in {time.monotonic() - started:.1f} s."))
            return
        target = Path(output)
        if return_name == "annex-a":
            from lantern.returns.annex_a import export_annex_a

            with target.open("wb") as stream:
                summary = export_annex_a(as_of or local_today(), stream)
        else:
            # By default the last complete year: on 24 November 2026 that is 2025/26 (collection year 2026).
            year = year or collection_year_of(local_today()) - 1
            if return_name == "cin-census":
                from lantern.returns.cin_census import export_cin_census

                with target.open("wb") as stream:
                    summary = export_cin_census(year, stream)
            else:
                from lantern.returns.ssda903 import export_ssda903

                if target.exists() and not target.is_dir():
                    raise CommandError(f"{target} is a file: the SSDA903 is written as CSV files into a directory")
                target.mkdir(parents=True, exist_ok=True)
                summary = export_ssda903(year, target)
        elapsed = time.monotonic() - started
        for what, n in summary.counts.items():
            self.stdout.write(f"  {what:<32} {n:>8,}")
        for warning in summary.warnings:
            self.stderr.write(f"  warning: {warning}")
        self.stdout.write(self.style.SUCCESS(f"Wrote {summary.name} to {target} in {elapsed:.1f} s."))
