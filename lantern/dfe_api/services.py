"""Sending to the DfE: each batch's outcome written per child, so a failure is kept where a person will see it."""

from datetime import date

import requests
from django.utils import timezone

from lantern.core.models import AuthoritySettings
from lantern.core.writing import service
from lantern.dfe_api.models import ChildSubmission, SendRun
from lantern.dfe_api.spec import BATCH_SIZE
from lantern.dfe_api.tracking import Pending, pending
from lantern.dfe_api.wire import RETRY_DELAYS, DfeClient, credentials

OUTCOME_FIELDS = [
    "attempted_at", "status", "error", "sent_at", "dfe_response", "purged", "sent_payload", "sent_hash", "mis_child_id",
]  # fmt: skip


def dfe_api_send(*, by=None, today: date, dry_run: bool = False, delays=RETRY_DELAYS) -> SendRun:
    """Send every pending child in batches of 100. Missing credentials raise `ApiNotConfigured` before anything
    is read or written; a dry run records how many would go and sends nothing."""
    creds = None if dry_run else credentials()
    items = pending(today)
    run = _run_start(by=by, pending=len(items), dry_run=dry_run)
    if dry_run or not items:
        return _run_finish(run=run, error="")
    client = DfeClient(creds, delays=delays)
    la_code = int(AuthoritySettings.current().lea_code)
    error = ""
    try:
        for start in range(0, len(items), BATCH_SIZE):
            batch = items[start : start + BATCH_SIZE]
            answer = client.send_batch(la_code, [p.payload for p in batch])
            _batch_outcome(run=run, batch=batch, responses=answer.responses, error=answer.error)
            run.requests = client.requests
    except requests.RequestException as exc:
        error = _reason(exc)
    run.requests = client.requests
    return _run_finish(run=run, error=error)


def _reason(exc: requests.RequestException) -> str:
    if isinstance(exc, requests.HTTPError):
        return str(exc)[:300]
    return f"could not reach the DfE ({type(exc).__name__})"


@service
def _run_start(*, by, pending: int, dry_run: bool) -> SendRun:
    status = SendRun.Status.DRY_RUN if dry_run else SendRun.Status.RUNNING
    return SendRun.objects.create(requested_by=by, pending=pending, status=status)


@service
def _run_finish(*, run: SendRun, error: str) -> SendRun:
    if run.status != SendRun.Status.DRY_RUN:
        if (error or run.failed) and not run.sent:
            run.status = SendRun.Status.FAILED
        elif error or run.failed:
            run.status = SendRun.Status.PARTLY
        else:
            run.status = SendRun.Status.DONE
    run.error = error
    run.finished_at = timezone.now()
    run.save()
    return run


@service
def _batch_outcome(*, run: SendRun, batch: list[Pending], responses: list[str], error: str) -> None:
    """One batch's answer, per child: accepted → the DfE now holds this payload; refused → the error is kept
    and the child stays pending (its last accepted payload is untouched)."""
    now = timezone.now()
    ids = [p.la_child_id for p in batch]
    existing = {s.la_child_id: s for s in ChildSubmission.objects.filter(la_child_id__in=ids)}
    rows = []
    for index, item in enumerate(batch):
        row = existing.get(item.la_child_id) or ChildSubmission(
            la_child_id=item.la_child_id, mis_child_id=item.payload["mis_child_id"]
        )
        row.attempted_at = now
        if error:
            row.status, row.error = ChildSubmission.Status.ERROR, error
        else:
            row.status, row.error = ChildSubmission.Status.SENT, ""
            row.sent_at, row.dfe_response = now, responses[index][:120]
            row.purged = item.reason == "purge"
            row.sent_payload = item.full
            row.sent_hash = item.full_hash
            row.mis_child_id = item.payload["mis_child_id"]
        rows.append(row)
    known = [row for row in rows if row.pk is not None]  # before bulk_create gives the new rows their ids
    ChildSubmission.objects.bulk_create([row for row in rows if row.pk is None])
    ChildSubmission.objects.bulk_update(known, OUTCOME_FIELDS)
    run.batches += 1
    if error:
        run.failed += len(batch)
    else:
        run.sent += len(batch)
    run.save()
