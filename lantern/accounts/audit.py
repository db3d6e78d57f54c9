"""The access log's hash chain: appending under one lock, verifying, and pruning past the retention period.

Each AccessEvent carries `sequence` (1, 2, 3, ... with no gaps) and `chain_hash`, SHA-256 over a canonical JSON of
the row's fields and the previous row's hash. A row deleted or changed with SQL, behind Lantern, breaks the link at
that row or the next. The head of the chain (AccessLogChain, one row) is the lock every writer takes: on
PostgreSQL `select_for_update` holds the row until commit; on SQLite every transaction begins IMMEDIATE (settings),
which takes the database's write lock before the head is read. Either way two requests cannot both read the same
head and fork the chain.

Anyone who can write the database can also rewrite the whole chain; `audit verify` prints the head's hash so that
it can be kept somewhere else (a ticket, a daily report) and compared later.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from lantern.accounts.models import AccessEvent, AccessLogChain

HASHED_FIELDS = ("user_id", "action", "object_type", "object_id", "detail", "path", "remote_addr", "status")
# Written into every hash, so that a later change to the serialisation can be told apart from tampering.
CHAIN_VERSION = "lantern-access-log-1"
HEAD_PK = 1


def link_hash(fields: dict, *, sequence: int, at: datetime, previous: str) -> str:
    """SHA-256 (hex) of one row: its number, time, fields and the previous row's hash, as sorted compact JSON."""
    body = {name: fields[name] for name in HASHED_FIELDS}
    body.update(v=CHAIN_VERSION, sequence=sequence, at=at.astimezone(UTC).isoformat(), previous=previous)
    text = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def row_hash(event, previous: str) -> str:
    """The hash `event` (a model instance, live or historical) should carry after `previous`."""
    fields = {name: getattr(event, name) for name in HASHED_FIELDS}
    return link_hash(fields, sequence=event.sequence, at=event.at, previous=previous)


def _head_for_update() -> AccessLogChain:
    # The migration makes the head; a flushed test database or a fresh table may not have one yet.
    head = AccessLogChain.objects.select_for_update().filter(pk=HEAD_PK).first()
    if head is None:
        AccessLogChain.objects.get_or_create(pk=HEAD_PK)
        head = AccessLogChain.objects.select_for_update().get(pk=HEAD_PK)
    return head


def _normalised(event: AccessEvent) -> None:
    """Give the fields the values the database will hand back, so that the hash checks out when read again."""
    if event.remote_addr:
        event.remote_addr = AccessEvent._meta.get_field("remote_addr").get_prep_value(event.remote_addr)
    for name in ("object_type", "object_id", "detail", "path"):
        field = AccessEvent._meta.get_field(name)
        # PostgreSQL refuses a NUL in text; a longer value would be cut or refused by the database.
        setattr(event, name, str(getattr(event, name) or "").replace("\x00", "")[: field.max_length])


def chain_append(events: list[AccessEvent]) -> list[AccessEvent]:
    """Write `events` to the access log in order, each linked to the one before, in one transaction."""
    if not events:
        return events
    with transaction.atomic():
        head = _head_for_update()
        # The time is taken under the lock so that `at` never runs backwards along the chain.
        now = timezone.now()
        for event in events:
            if event.pk is not None or event.chain_hash:
                raise ValueError("An access log entry is written once, by the chain")
            _normalised(event)
            event.at = now
            event.sequence = head.sequence + 1
            event.chain_hash = row_hash(event, head.hash)
            head.sequence, head.hash = event.sequence, event.chain_hash
        AccessEvent.objects.all()._insert_chained(events)
        head.save(update_fields=["sequence", "hash"])
    return events


def access_refusal_record(request: HttpRequest, *, status: int) -> AccessEvent:
    """Log a refused request (403, or 404 on a record) by the signed-in user: the path without its query string."""
    return AccessEvent.objects.create(
        user=request.user,
        action=AccessEvent.Action.REFUSED,
        path=request.path,
        status=status,
        remote_addr=request.META.get("REMOTE_ADDR") or None,
    )


@dataclass(frozen=True)
class Verdict:
    rows: int
    broken: AccessEvent | None = None
    reason: str = ""
    head_hash: str = ""

    @property
    def intact(self) -> bool:
        return not self.reason

    def __str__(self) -> str:
        if self.intact:
            return f"intact, {self.rows} row{'s' if self.rows != 1 else ''}"
        if self.broken is None:
            return f"broken: {self.reason}"
        at = self.broken.at.astimezone(UTC)
        return f"broken at row id {self.broken.pk} ({at:%Y-%m-%d %H:%M:%S} UTC): {self.reason}"


def verify() -> Verdict:
    """Walk the chain from the checkpoint (or its start) and report the first broken link, or that it is intact."""
    head = AccessLogChain.objects.filter(pk=HEAD_PK).first() or AccessLogChain(pk=HEAD_PK)
    previous, expected, rows, last = head.checkpoint_hash, head.checkpoint_sequence + 1, 0, None
    for event in AccessEvent.objects.order_by("sequence").iterator(chunk_size=2000):
        if event.sequence != expected:
            if event.sequence < expected:
                reason = f"its number {event.sequence} is before the chain's start at {expected}"
            elif expected == event.sequence - 1:
                reason = f"the row before it (number {expected}) has been deleted"
            else:
                reason = f"the rows before it (numbers {expected} to {event.sequence - 1}) have been deleted"
            return Verdict(rows, event, reason, head.hash)
        if row_hash(event, previous) != event.chain_hash:
            return Verdict(rows, event, "it has been changed since it was written: its hash does not match", head.hash)
        previous, expected, rows, last = event.chain_hash, expected + 1, rows + 1, event
    if (expected - 1, previous) != (head.sequence, head.hash):
        missing = head.sequence - (expected - 1)
        if missing > 0:
            reason = f"the newest {missing} row{'s' if missing != 1 else ''} after it (up to number {head.sequence}) "
            reason += "have been deleted" if missing != 1 else "has been deleted"
        else:
            reason = "the chain's head does not match its last row"
        return Verdict(rows, last, reason, head.hash)
    return Verdict(rows, None, "", head.hash)


def retention_cutoff(*, now: datetime | None = None) -> datetime:
    """Rows written before this are past the council's retention period (LANTERN_ACCESS_LOG_RETENTION_DAYS)."""
    days = settings.LANTERN_ACCESS_LOG_RETENTION_DAYS
    if days < 1:
        raise ValueError(f"LANTERN_ACCESS_LOG_RETENTION_DAYS must be at least 1 day, not {days}")
    return (now or timezone.now()) - timedelta(days=days)


@dataclass(frozen=True)
class Pruned:
    rows: int
    checkpoint_sequence: int


class ChainBroken(Exception):
    """Pruning refused: the chain is already broken, and deleting would destroy the evidence."""


def prune(*, now: datetime | None = None) -> Pruned:
    """Delete the rows older than the retention period, oldest first and without gaps, leaving a checkpoint.

    The checkpoint is the last deleted row's number and hash, so the rows kept still verify. Pruning stops at the
    first row inside the period: a row kept is never left after a gap. A broken chain is not pruned.
    """
    cutoff = retention_cutoff(now=now)
    # Checked before the lock is taken, so that writers are not held up while the whole log is read.
    verdict = verify()
    if not verdict.intact:
        raise ChainBroken(str(verdict))
    with transaction.atomic():
        head = _head_for_update()
        first_kept = AccessEvent.objects.filter(at__gte=cutoff).order_by("sequence").values_list("sequence", flat=True)
        through = first_kept.first()
        through = head.sequence if through is None else through - 1
        last = AccessEvent.objects.filter(sequence=through).first()
        if last is None:  # nothing older than the period (or already pruned)
            return Pruned(0, head.checkpoint_sequence)
        deleted, _ = AccessEvent.objects.filter(sequence__lte=through).delete()
        head.checkpoint_sequence, head.checkpoint_hash, head.checkpoint_at = last.sequence, last.chain_hash, last.at
        head.pruned_on = timezone.now()
        head.save(update_fields=["checkpoint_sequence", "checkpoint_hash", "checkpoint_at", "pruned_on"])
    return Pruned(deleted, through)
