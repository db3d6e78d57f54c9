"""The scheduled snapshot job (django-tasks, run by `lantern db_worker`)."""

from datetime import date

from django_tasks import task

from lantern.performance.services import snapshot_measures


@task()
def snapshot_week(as_of: str) -> int:
    """Keep every measure's value for the week (and its other periods) ending on `as_of` (ISO date)."""
    return snapshot_measures(as_of=date.fromisoformat(as_of))
