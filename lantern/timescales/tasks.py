"""Rebuilding the stored open clocks in the background (django-tasks, run by `lantern db_worker`).

A rebuild is queued when a setting that moves due dates changes, and when a service view finds that the last
rebuild is from an earlier day (the nightly `lantern timescales --refresh` did not run). One is queued at a time.
"""

from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from lantern.core.services import local_today


@task()
def rebuild_open_clocks() -> int:
    from lantern.timescales.store import refresh_all

    return refresh_all(as_of=local_today()).clocks


def rebuild_queued() -> bool:
    path = rebuild_open_clocks.module_path
    waiting = (TaskResultStatus.READY, TaskResultStatus.RUNNING)
    return DBTaskResult.objects.filter(task_path=path, status__in=waiting).exists()


def queue_rebuild() -> bool:
    """Queue a rebuild unless one is waiting or running; True if this call queued it."""
    if rebuild_queued():
        return False
    rebuild_open_clocks.enqueue()
    return True
