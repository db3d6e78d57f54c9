"""Reads for the Returns page: recent runs, and one run's summary as a given viewer may see it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone

from lantern.people.models import Child
from lantern.returns.models import ReturnJob
from lantern.workforce.access import visible_children

RECENT_RUNS = 20
# How long a run may wait in the queue before the page says that no worker seems to be running.
WORKER_HINT_AFTER = timedelta(seconds=30)


def recent_jobs(limit: int = RECENT_RUNS, *, kind: str | None = None) -> list[ReturnJob]:
    """The latest runs by anyone (analysts share the returns), newest first; each unfinished run whose task the
    queue says failed (a worker killed mid-run) carries `gave_up`. Two queries in all."""
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    runs = ReturnJob.objects.select_related("requested_by")
    if kind is not None:
        runs = runs.filter(kind=kind)
    jobs = list(runs.order_by("-created_at", "-pk")[:limit])
    unfinished = [job.task_id for job in jobs if not job.is_finished and job.task_id]
    failed = set()
    if unfinished:
        rows = DBTaskResult.objects.filter(id__in=unfinished, status=TaskResultStatus.FAILED).values_list("id")
        failed = {str(task_id) for (task_id,) in rows}
    for job in jobs:
        job.gave_up = job.task_id in failed
    return jobs


def job_by_id(pk: int) -> ReturnJob | None:
    return ReturnJob.objects.select_related("requested_by").filter(pk=pk).first()


def worker_gave_up(job: ReturnJob) -> bool:
    """The queue says the task ended in failure though the job row never heard (the worker was killed mid-run)."""
    if job.is_finished or not job.task_id:
        return False
    from django_tasks import TaskResultStatus
    from django_tasks.exceptions import TaskResultDoesNotExist

    from lantern.returns.tasks import run_return

    try:
        result = run_return.get_result(job.task_id)
    except TaskResultDoesNotExist:
        return False
    return result.status == TaskResultStatus.FAILED


def waiting_too_long(job: ReturnJob) -> bool:
    return job.status == ReturnJob.Status.QUEUED and timezone.now() - job.created_at > WORKER_HINT_AFTER


@dataclass
class ChildIssues:
    la_child_id: str
    child: Child | None  # None: not a record this viewer may open (restricted, or not in their scope)
    issues: list[dict] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for issue in self.issues if issue["severity"] == "error")

    @property
    def queries(self) -> int:
        return sum(1 for issue in self.issues if issue["severity"] == "query")


def issues_by_child(entries: list[dict], user) -> list[ChildIssues]:
    """Each child's issues (entries from the job's validation JSON, e.g. one page of them), with the child's record
    only where this viewer may open it (one query in all)."""
    ids = [entry["child"] for entry in entries]
    readable = {child.la_child_id: child for child in visible_children(user).filter(la_child_id__in=ids)}
    return [ChildIssues(entry["child"], readable.get(entry["child"]), entry["issues"]) for entry in entries]
