"""The monthly RAG snapshot (django-tasks, run by `lantern db_worker`)."""

from datetime import date

from django_tasks import task

from lantern.improvement.services import snapshot_rags


@task()
def snapshot_month(as_of: str) -> int:
    """Keep every action's RAG for the month of `as_of` (ISO date)."""
    return snapshot_rags(as_of=date.fromisoformat(as_of))
