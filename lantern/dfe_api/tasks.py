"""The DfE API's background tasks (django-tasks, run by `lantern db_worker`): the daily send (scheduled by the
council's cron or platform as `lantern dfe-api send`, or started from the page) and the working-out of every
cohort child's payload that the page queues when today has none yet. One of each is queued at a time."""

from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from lantern.core.services import local_today

WAITING = (TaskResultStatus.READY, TaskResultStatus.RUNNING)


@task()
def send_to_dfe() -> int:
    from lantern.dfe_api.services import dfe_api_send

    return dfe_api_send(today=local_today()).pk


@task()
def work_out_payloads() -> int:
    from lantern.dfe_api.tracking import refresh_states

    return refresh_states(local_today()).children


def queued(which) -> bool:
    return DBTaskResult.objects.filter(task_path=which.module_path, status__in=WAITING).exists()


def queue(which) -> bool:
    """Queue the task unless one is waiting or running; True if this call queued it."""
    if queued(which):
        return False
    which.enqueue()
    return True
