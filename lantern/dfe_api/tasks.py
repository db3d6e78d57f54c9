"""The daily send as a background task (django-tasks, run by `lantern db_worker`; scheduled by the council's cron
or the platform's scheduler as `lantern dfe-api send`)."""

from django_tasks import task

from lantern.core.services import local_today


@task()
def send_to_dfe() -> int:
    from lantern.dfe_api.services import dfe_api_send

    return dfe_api_send(today=local_today()).pk
