import json

from django.core.management.base import BaseCommand, CommandError

from lantern.core.dates import day_option
from lantern.core.services import local_today
from lantern.people.models import Child
from lantern.timescales.selectors import child_timescales
from lantern.timescales.store import refresh_all


class Command(BaseCommand):
    help = (
        "Every clock for one child on a date: rule, started, due, done, status, working days elapsed. "
        "With --refresh, work out the open clocks of every child again for the service views (run it nightly)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--child", help="The child's LA child ID")
        parser.add_argument(
            "--refresh", action="store_true", help="Rebuild the stored open clocks of every child (nightly)"
        )
        parser.add_argument(
            "--as-of", type=day_option, default=None, help="The date to evaluate the clocks on (default today)"
        )
        parser.add_argument("--json", action="store_true", help="Print JSON instead of a table")
        parser.add_argument("--live", action="store_true", help="Only clocks still running")

    def handle(self, *args, **options):
        as_of = options["as_of"] or local_today()
        if options["refresh"]:
            refresh = refresh_all(as_of=as_of)
            self.stdout.write(
                f"Open clocks for {as_of}: {refresh.clocks} for {refresh.children} children in {refresh.seconds} s"
            )
            return
        if not options["child"]:
            raise CommandError("Give --child LA_CHILD_ID, or --refresh")
        child = Child.objects.filter(la_child_id=options["child"]).first()
        if child is None:
            raise CommandError(f"No child with LA child ID {options['child']!r}")
        clocks = [c for c in child_timescales(child=child, as_of=as_of) if c.live or not options["live"]]
        if options["json"]:
            payload = {
                "la_child_id": child.la_child_id,
                "as_of": as_of.isoformat(),
                "clocks": [c.as_dict() for c in clocks],
            }
            self.stdout.write(json.dumps(payload, indent=2))
            return
        for clock in clocks:
            done = clock.done_date.isoformat() if clock.done_date else "-"
            self.stdout.write(
                f"{clock.rule.id:<22} {clock.started_date} due {clock.due_date} done {done:<10} "
                f"{clock.status.value:<13} {clock.working_days_elapsed:>4} wd  {clock.subject}"
            )
