"""`lantern audit verify` checks the access log's hash chain; `lantern audit prune` removes rows past retention."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from lantern.accounts import audit
from lantern.accounts.models import AccessLogChain


class Command(BaseCommand):
    help = (
        "verify: walk the access log's hash chain and name the first broken link (a row deleted or changed outside "
        "Lantern), exiting non-zero; or say it is intact. prune: remove rows older than "
        "LANTERN_ACCESS_LOG_RETENTION_DAYS, keeping a checkpoint so that the rest still verifies."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify", "prune"])

    def handle(self, *args, action: str, **options) -> None:
        if action == "verify":
            verdict = audit.verify()
            if not verdict.intact:
                raise CommandError(f"The access log is {verdict}")
            self.stdout.write(f"The access log is {verdict}.")
            head = AccessLogChain.objects.filter(pk=audit.HEAD_PK).first()
            if head is not None and head.checkpoint_sequence:
                pruned_on = timezone.localtime(head.pruned_on)
                self.stdout.write(
                    f"Rows up to number {head.checkpoint_sequence} were pruned on {pruned_on:%-d %B %Y}; "
                    "the chain is checked from the last of them."
                )
            # Kept somewhere else, this shows later whether the whole chain was rewritten.
            self.stdout.write(f"Head of the chain: {verdict.head_hash or '(empty)'}")
            return
        try:
            cutoff = audit.retention_cutoff()
            pruned = audit.prune()
        except (audit.ChainBroken, ValueError) as refused:
            raise CommandError(f"Nothing pruned: {refused}") from None
        days = settings.LANTERN_ACCESS_LOG_RETENTION_DAYS
        before = timezone.localtime(cutoff)
        self.stdout.write(
            f"Removed {pruned.rows} access log row{'s' if pruned.rows != 1 else ''} written before "
            f"{before:%-d %B %Y %H:%M} ({days} days' retention); the chain now starts after row number "
            f"{pruned.checkpoint_sequence}."
        )
