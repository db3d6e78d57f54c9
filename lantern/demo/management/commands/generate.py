"""`lantern generate --size small|large --seed N [--today YYYY-MM-DD] [--force]`: build a synthetic authority."""

import time
from datetime import date

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from lantern.core.dates import day_option
from lantern.core.services import local_today
from lantern.core.writing import writing
from lantern.demo.figures import SIZES
from lantern.demo.generator import generate, wipe
from lantern.people.models import Child
from lantern.timescales.store import refresh_all


class Command(BaseCommand):
    help = "Generate a synthetic council's children's social care record (deterministic per seed)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--size", choices=list(SIZES), default="small", help="tiny, small (Medway) or large")
        parser.add_argument("--seed", type=int, default=1, help="the same seed gives the same authority")
        parser.add_argument("--today", type=day_option, default=None, help="the story's last day (default: today)")
        parser.add_argument(
            "--force", action="store_true", help="delete the existing generated data first (same transaction)"
        )

    def handle(self, *args, size: str, seed: int, today: date | None, force: bool, **options) -> None:
        children = Child.objects.count()
        if children and not force:
            raise CommandError(
                f"The database already has {children} children, so nothing was generated. "
                "Run again with --force to delete the generated data and generate afresh."
            )
        started = time.monotonic()
        with writing("demo generator"), transaction.atomic():
            if children:
                deleted = wipe()
                self.stdout.write(f"Deleted {sum(deleted.values())} generated rows.")
            counts = generate(size=size, seed=seed, today=today, stdout=self.stdout)
        elapsed = time.monotonic() - started
        width = max(len(name) for name in counts)
        self.stdout.write("")
        self.stdout.write(f"{'table':<{width}}  {'rows':>10}")
        for name, rows in counts.items():
            self.stdout.write(f"{name:<{width}}  {rows:>10,}")
        self.stdout.write(f"{'total':<{width}}  {sum(counts.values()):>10,}")
        self.stdout.write(self.style.SUCCESS(f"Generated the {size} authority (seed {seed}) in {elapsed:.1f} s."))
        # The generator writes in bulk, without the signals that keep the stored open clocks up to date.
        refresh = refresh_all(as_of=local_today())
        self.stdout.write(
            f"Worked out {refresh.clocks:,} open clocks of {refresh.children:,} children for the service views "
            f"in {refresh.seconds:.1f} s."
        )
