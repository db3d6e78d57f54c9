"""Joiners, movers and leavers seen from the person whose account it is: what they can open, and their sessions."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from lantern.accounts.roles import Role
from lantern.staff.models import AccessReview
from lantern.workforce.models import Worker
from tests.factories import (
    AllocationFactory,
    ChildFactory,
    ServiceFactory,
    TeamFactory,
    UserFactory,
    WorkerFactory,
)

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"


@pytest.fixture(autouse=True)
def _password_only(settings):
    settings.LANTERN_REQUIRE_2FA = False


@pytest.fixture
def admin(client, people):
    client.force_login(people["admin"])
    return client


def test_a_team_manager_moved_to_another_team_opens_that_teams_children_and_no_longer_their_old_ones(admin, people):
    carl_worker = Worker.objects.get(user=people["carl"])
    cara = AllocationFactory(worker=carl_worker, child=ChildFactory(first_name="Cara", la_child_id="C1")).child
    tina = Client()
    tina.force_login(people["tina"])
    assert tina.get(reverse("child", args=["A1"])).status_code == 200
    assert tina.get(reverse("child", args=[cara.la_child_id])).status_code == 404
    moved = admin.post(
        reverse("staff:edit", args=["tina"]),
        {
            "action": "change",
            "change-roles": ["Team manager"],
            "change-team": str(carl_worker.team_id),
            "change-reason": "Moved to Team C, ticket 9",
        },
    )
    assert moved.status_code == 302
    # The same session, the next request: what she can open has followed her.
    assert tina.get(reverse("child", args=[cara.la_child_id])).status_code == 200
    assert tina.get(reverse("child", args=["A1"])).status_code == 404
    history = admin.get(reverse("staff:edit", args=["tina"])).content.decode()
    assert "team: Team A → Team C" in history and "Moved to Team C, ticket 9" in history


def test_a_leaver_is_signed_out_everywhere_and_cannot_sign_in_again(admin, people):
    phone, desk = Client(), Client()
    for client in (phone, desk):
        assert client.post(reverse("login"), {"username": "alice", "password": PASSWORD}).status_code == 302
    refused = admin.post(reverse("staff:edit", args=["alice"]), {"action": "leave", "leave-reason": " "})
    assert refused.status_code == 400
    assert "Enter the reason" in refused.content.decode()
    assert phone.get(reverse("home")).status_code == 200  # nothing changed
    admin.post(reverse("staff:edit", args=["alice"]), {"action": "leave", "leave-reason": "Left the council"})
    for client in (phone, desk):
        assert client.get(reverse("child", args=["A1"]))["Location"].startswith(reverse("login"))
    again = Client().post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert again.status_code == 200 and "Enter a correct username and password" in again.content.decode()


def test_changing_ones_password_ends_ones_other_sessions_but_not_this_one(people):
    here, elsewhere = Client(), Client()
    for client in (here, elsewhere):
        client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    new = "a-brand-new-pass-99"
    done = here.post(reverse("password_change"), {"old_password": PASSWORD, "new_password1": new, "new_password2": new})
    assert done.status_code == 302
    assert here.get(reverse("home")).status_code == 200
    assert elsewhere.get(reverse("home"))["Location"].startswith(reverse("login"))


def test_a_team_manager_finds_the_access_review_in_the_navigation(people):
    tina = Client()
    tina.force_login(people["tina"])
    home = tina.get(reverse("home")).content.decode()
    assert f'href="{reverse("staff:access_reviews")}"' in home
    reviews = tina.get(reverse("staff:access_reviews")).content.decode()
    assert "Team A" in reviews and "Team C" not in reviews
    alice = Client()
    alice.force_login(people["alice"])
    assert f'href="{reverse("staff:access_reviews")}"' not in alice.get(reverse("home")).content.decode()


def test_the_access_review_also_names_who_outside_the_team_can_open_its_records(client, people):
    team = people["team"]
    smith = UserFactory(username="smith", first_name="Sue", last_name="Smith", roles=[Role.SERVICE_MANAGER])
    WorkerFactory(user=smith, team=TeamFactory(name="Team S", service=team.service), role=Worker.Role.SERVICE_MANAGER)
    elsewhere = UserFactory(username="elsewhere", roles=[Role.SERVICE_MANAGER])
    WorkerFactory(
        user=elsewhere,
        team=TeamFactory(name="Team X", service=ServiceFactory(name="Leaving care")),
        role=Worker.Role.SERVICE_MANAGER,
    )
    client.force_login(people["tina"])
    page = client.get(reverse("staff:access_review", args=[team.pk])).content.decode()
    outside = page.split("outside the team who can also open its records")[1]
    assert "Sue Smith (smith)" in outside and escape(f"Reads all of {team.service.name}") in outside
    assert "(director)" in outside and "Reads the whole authority" in outside
    assert "(carl)" not in page and "(elsewhere)" not in page and "(admin)" not in outside
    client.post(reverse("staff:access_review", args=[team.pk]), {"note": ""})
    members = AccessReview.objects.get(team=team).members
    assert "alice: Social worker" in members
    assert "(outside the team) smith: Service manager; reads all of" in members
    client.force_login(people["admin"])
    report = client.get(reverse("staff:access_reviews")).content.decode()
    row = report.split(f'href="{reverse("staff:access_review", args=[team.pk])}"')[1].split("</tr>")[0]
    assert "by Tina Tanner" in row and "Due" not in row


def test_a_password_link_stops_working_when_the_account_is_disabled(admin, people):
    url = reverse("staff:edit", args=["alice"])
    made = admin.post(url, {"action": "password", "password-reason": "Forgot it, ticket 3"})
    link = re.search(r'<code class="lantern-key">(http[^<]+)</code>', admin.get(made["Location"]).content.decode())[1]
    admin.post(url, {"action": "leave", "leave-reason": "Left the council"})
    page = Client().get(link, follow=True).content.decode()
    assert "This link no longer works" in page and "new_password1" not in page
