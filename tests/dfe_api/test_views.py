"""The analyst's DfE API page: pending counts, failures, last sends; who may send."""

import time_machine
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from lantern.accounts.roles import Role
from lantern.dfe_api.services import dfe_api_send
from lantern.dfe_api.tracking import refresh_states
from tests.dfe_api.conftest import TODAY
from tests.factories import UserFactory

URL = reverse("dfe_api:index")


def signed_in(client, role):
    client.force_login(UserFactory(roles=[role]))
    return client


@time_machine.travel("2026-12-04 12:00Z", tick=False)
def test_the_first_look_of_the_day_queues_the_working_out_once(client, in_care, dfe):
    analyst = signed_in(client, Role.ANALYST)
    for _ in range(2):
        page = analyst.get(URL).content.decode()
        assert "Lantern is working out every child’s record for today in the background" in page
    assert DBTaskResult.objects.get().task_path == "lantern.dfe_api.tasks.work_out_payloads"


@time_machine.travel("2026-12-04 12:00Z", tick=False)
def test_the_analyst_sees_who_is_pending_and_why(client, in_care, dfe):
    refresh_states(TODAY)
    page = signed_in(client, Role.ANALYST).get(URL).content.decode()
    assert "2 pending children, by LA child id" in page
    assert "BEN1" in page and "CARA1" in page and "OLD1" not in page
    assert "Send the pending children now" in page


@time_machine.travel("2026-12-04 12:00Z", tick=False)
def test_a_failed_send_shows_each_child_and_the_run(client, in_care, dfe):
    dfe.script = [413]
    dfe_api_send(today=TODAY, delays=(0, 0, 0))
    page = signed_in(client, Role.ANALYST).get(URL).content.decode()
    assert "2 children whose last attempt failed" in page
    assert page.count("the DfE answered HTTP 413") >= 3  # each child's row on both lists, and the run
    assert "Failed" in page


@time_machine.travel("2026-12-04 12:00Z", tick=False)
def test_sending_starts_a_background_job_for_the_analyst_only(client, in_care, dfe):
    refresh_states(TODAY)
    director = signed_in(client, Role.DIRECTOR)
    assert "Send the pending children now" not in director.get(URL).content.decode()
    assert director.post(URL).status_code == 403
    assert DBTaskResult.objects.count() == 0
    analyst = signed_in(client, Role.ANALYST)
    response = analyst.post(URL)
    assert response.status_code == 302
    assert "A send is already under way" in analyst.post(URL, follow=True).content.decode()
    assert DBTaskResult.objects.get().task_path == "lantern.dfe_api.tasks.send_to_dfe"


def test_without_credentials_the_page_says_what_to_set_and_sends_nothing(client, in_care):
    analyst = signed_in(client, Role.ANALYST)
    page = analyst.get(URL).content.decode()
    assert "Sending is not set up. Set LANTERN_DFE_API_URL, LANTERN_DFE_API_TOKEN_URL" in page
    assert "Send the pending children now" not in page
    response = analyst.post(URL, follow=True)
    assert "Nothing was sent. Set LANTERN_DFE_API_URL" in response.content.decode()
    assert not DBTaskResult.objects.filter(task_path="lantern.dfe_api.tasks.send_to_dfe").exists()


def test_casework_roles_may_not_see_it(client, in_care):
    for role in (Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.QA, Role.INSPECTOR):
        assert signed_in(client, role).get(URL).status_code == 403
