"""The background task behind a return run (django-tasks, run by `lantern db_worker`)."""

from django_tasks import task

from lantern.returns.jobs import run_job


@task()
def run_return(job_id: int) -> None:
    """Run the return job with this id; the job row, not the task's result, is what the Returns page reads."""
    run_job(job_id)
