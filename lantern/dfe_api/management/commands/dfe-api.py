"""`lantern dfe-api preview --child ID`, `lantern dfe-api pending [--json]`, `lantern dfe-api send [--dry-run]`."""

import json
import time
from datetime import date

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lantern.core.dates import day_option
from lantern.core.services import local_today


class Command(BaseCommand):
    help = "The DfE's daily child-level API: preview a child's payload, list who is pending and why, send them."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        preview = sub.add_parser("preview", help="print one child's full payload as JSON")
        preview.add_argument("--child", required=True, help="the LA child id")
        listing = sub.add_parser("pending", help="who would be sent and why, field by field")
        listing.add_argument("--json", action="store_true", help='a JSON list of {"la_child_id", "reason"}')
        send = sub.add_parser("send", help="send every pending child to the DfE (batches of 100)")
        send.add_argument("--dry-run", action="store_true", help="work out who is pending, send nothing")
        for each in (preview, listing, send):
            each.add_argument("--today", type=day_option, default=None, help="the day to build for (default today)")

    def handle(self, *args, action: str, today: date | None, **options) -> None:
        today = today or local_today()
        if action == "preview":
            self._preview(options["child"])
        elif action == "pending":
            self._pending(today, as_json=options["json"])
        else:
            self._send(today, dry_run=options["dry_run"])

    def _preview(self, la_child_id: str) -> None:
        from lantern.dfe_api.selectors import payloads
        from lantern.people.models import Child

        child = Child.objects.filter(la_child_id=la_child_id).first()
        if child is None:
            raise CommandError(f"No child with LA child id {la_child_id!r}")
        [(_, payload)] = list(payloads([child.pk]))
        self.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False))

    def _pending(self, today: date, *, as_json: bool) -> None:
        from lantern.dfe_api.tracking import pending

        started = time.monotonic()
        items = pending(today)
        if as_json:
            self.stdout.write(json.dumps([{"la_child_id": p.la_child_id, "reason": p.reason} for p in items]))
            return
        for item in items:
            self.stdout.write(f"{item.la_child_id}  {item.reason}")
            for change in item.changes:
                self.stdout.write(f"    {change}")
            if item.last_error:
                self.stdout.write(f"    last attempt failed: {item.last_error}")
        by_reason = {reason: sum(p.reason == reason for p in items) for reason in ("new", "changed", "purge")}
        summary = ", ".join(f"{count} {reason}" for reason, count in by_reason.items())
        self.stderr.write(f"{len(items)} pending ({summary}) in {time.monotonic() - started:.1f} s")

    def _send(self, today: date, *, dry_run: bool) -> None:
        from lantern.dfe_api.services import dfe_api_send
        from lantern.dfe_api.wire import ApiNotConfigured

        started = time.monotonic()
        try:
            run = dfe_api_send(today=today, dry_run=dry_run)
        except ApiNotConfigured as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"{run.get_status_display()}: {run.pending} pending, {run.sent} sent, {run.failed} failed, "
            f"{run.batches} batches, {run.requests} requests, {time.monotonic() - started:.1f} s"
        )
        if run.error:
            self.stdout.write(f"Error: {run.error}")
        if run.status in ("failed", "partly"):
            raise CommandError("Some records were not sent: they stay pending")
