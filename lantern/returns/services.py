"""Writes for return runs: asking for one (by an analyst). How a run goes is recorded by the job itself
(`lantern.returns.jobs`)."""

from datetime import date

from lantern.core.writing import service
from lantern.returns.models import ReturnJob


@service
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


def return_job_again(*, by, job: ReturnJob) -> ReturnJob:
    """Start a failed run again with the same return and period (a new run: the failed one stays as it was)."""
    return return_job_request(by=by, kind=job.kind, year=job.year, as_of=job.as_of)
