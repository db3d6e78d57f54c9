"""Writes for return runs: asking for one (by an analyst), and the worker recording how it goes."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from lantern.returns.models import ReturnJob


@transaction.atomic
def return_job_request(*, by, kind: str, year: int | None = None, as_of: date | None = None) -> ReturnJob:
    """Record the run and queue it for a worker; both land together or not at all (the queue is in the same
    database, so a worker never sees a task whose job row was rolled back)."""
    from lantern.returns.tasks import run_return

    job = ReturnJob(
        requested_by=by,
        kind=kind,
        year=year if kind != ReturnJob.Kind.ANNEX_A else None,
        as_of=as_of if kind == ReturnJob.Kind.ANNEX_A else None,
        stage="Waiting for a worker to pick it up",
    )
    job.full_clean()
    job.save()
    result = run_return.enqueue(job.pk)
    job.task_id = str(result.id)
    job.save(update_fields=["task_id"])
    return job


# The worker's writes: each is one UPDATE committed at once, so that the polling page sees it straight away.


def return_job_start(job: ReturnJob) -> None:
    job.status = ReturnJob.Status.RUNNING
    job.started_at = timezone.now()
    job.save(update_fields=["status", "started_at"])


def return_job_progress(job: ReturnJob, *, stage: str, percent: int) -> None:
    job.stage = stage
    job.percent = max(job.percent, min(percent, 100))
    job.save(update_fields=["stage", "percent"])


def return_job_finish(job: ReturnJob, *, file_path: str, export_summary: dict, validation: dict) -> None:
    job.status = ReturnJob.Status.DONE
    job.stage = "Finished"
    job.percent = 100
    job.file_path = file_path
    job.export_summary = export_summary
    job.validation = validation
    job.finished_at = timezone.now()
    job.save()


def return_job_fail(job: ReturnJob, *, error: str) -> None:
    job.status = ReturnJob.Status.FAILED
    job.error = error[:300]
    job.file_path = ""
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "error", "file_path", "finished_at"])
