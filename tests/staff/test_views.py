"""Joiners, movers and leavers, password links and access reviews, as an administrator and a team manager do them."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from lantern.accounts.models import AccountEvent, User
from lantern.staff.models import AccessReview
from lantern.workforce.access import visible_children
from lantern.workforce.models import Worker

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(client, people):
    client.force_login(people["admin"])
    return people["admin"]


def text(response) -> str:
    return response.content.decode()


def test_an_administrator_creates_a_joiner_in_a_team_and_gives_a_password_link(client, admin, people):
    team = people["team"]
    data = {
        "username": "newbie",
        "first_name": "Nia",
        "last_name": "Newman",
        "email": "nia@example.gov.uk",
        "roles": ["Social worker"],
        "team": str(team.pk),
        "reason": "Starter, ticket 7",
    }
    response = client.post(reverse("staff:new"), data)
    assert response.status_code == 302 and response["Location"] == reverse("staff:edit", args=["newbie"])
    nia = User.objects.get(username="newbie")
    assert not nia.has_usable_password()
    assert Worker.objects.get(user=nia).team == team
    assert set(visible_children(nia).values_list("la_child_id", flat=True)) == {"A1"}
    page = text(client.get(response["Location"]))
    assert "Account created" in page and "Roles: Social worker; team: Team A" in page
    made = client.post(response["Location"], {"action": "password", "password-reason": "First password"})
    link = re.search(r'<code class="lantern-key">(http[^<]+)</code>', text(client.get(made["Location"]))).group(1)
    visitor = Client()
    form = visitor.get(link, follow=True)
    assert "Set your password" in text(form)
    done = visitor.post(
        form.redirect_chain[-1][0], {"new_password1": "a-brand-new-pass-99", "new_password2": "a-brand-new-pass-99"}
    )
    assert done.status_code == 302
    nia.refresh_from_db()
    assert nia.check_password("a-brand-new-pass-99")
    assert "This link no longer works" in text(Client().get(link, follow=True))


def test_a_joiner_with_a_team_role_and_no_team_is_refused_naming_the_field(client, admin):
    data = {"username": "x1", "first_name": "X", "last_name": "Y", "email": "x@example.gov.uk"}
    response = client.post(reverse("staff:new"), data | {"roles": ["Team manager"], "reason": "r"})
    assert response.status_code == 400
    assert "Select the team: a team manager reads their team&#x27;s records" in text(response)
    refused = client.post(reverse("staff:new"), data | {"roles": ["Team manager"], "team": "", "reason": ""})
    assert "Enter the reason" in text(refused)
    assert not User.objects.filter(username="x1").exists()


def test_a_mover_to_another_team_reads_that_teams_children_instead(client, admin, people):
    alice = people["alice"]
    other = Worker.objects.get(user=people["carl"]).team
    url = reverse("staff:edit", args=["alice"])
    response = client.post(
        url,
        {"action": "change", "change-roles": ["Social worker"], "change-team": str(other.pk), "change-reason": "Moved"},
    )
    assert response.status_code == 302
    assert set(visible_children(User.objects.get(pk=alice.pk)).values_list("la_child_id", flat=True)) == set()
    assert "team: Team A → Team C" in text(client.get(url))


def test_a_leaver_is_disabled_with_a_reason_and_signed_out_at_once(client, admin, people):
    theirs = Client()
    theirs.force_login(people["alice"])
    assert theirs.get(reverse("home")).status_code == 200
    url = reverse("staff:edit", args=["alice"])
    refused = client.post(url, {"action": "leave", "leave-reason": ""})
    assert refused.status_code == 400 and "Enter the reason" in text(refused)
    assert User.objects.get(username="alice").is_active
    client.post(url, {"action": "leave", "leave-reason": "Left the council"})
    assert not User.objects.get(username="alice").is_active
    assert theirs.get(reverse("home"))["Location"].startswith(reverse("login"))
    event = AccountEvent.objects.get(user__username="alice", kind="disabled")
    assert (event.by, event.reason, event.detail) == (admin, "Left the council", "1 session(s) ended")


def test_an_administrator_cannot_disable_themselves(client, admin):
    response = client.post(reverse("staff:edit", args=["admin"]), {"action": "leave", "leave-reason": "oops"})
    assert response.status_code == 400 and "You cannot disable your own account" in text(response)


def test_a_team_manager_confirms_who_has_access_and_the_report_shows_it(client, people):
    client.force_login(people["tina"])
    team = people["team"]
    page = text(client.get(reverse("staff:access_review", args=[team.pk])))
    assert "Who can open Team A" in page and "alice" in page and "Social worker" in page
    # Another team's review is not theirs.
    other = Worker.objects.get(user=people["carl"]).team
    assert client.get(reverse("staff:access_review", args=[other.pk])).status_code == 404
    client.post(reverse("staff:access_review", args=[team.pk]), {"note": "All correct"})
    review = AccessReview.objects.get()
    assert review.confirmed_by == people["tina"] and "alice: Social worker" in review.members
    client.force_login(people["admin"])
    report = text(client.get(reverse("staff:access_reviews")))
    assert "Tina Tanner" in report and "1 team is due" in report  # Team C has never been reviewed


def test_a_signed_in_user_changes_their_password_with_the_old_one(client, people):
    client.force_login(people["alice"])
    wrong = client.post(
        reverse("password_change"),
        {"old_password": "nope", "new_password1": "a-brand-new-pass-99", "new_password2": "a-brand-new-pass-99"},
    )
    assert wrong.status_code == 200 and "Your old password was entered incorrectly" in text(wrong)
    done = client.post(
        reverse("password_change"),
        {
            "old_password": "a-long-test-password",
            "new_password1": "a-brand-new-pass-99",
            "new_password2": "a-brand-new-pass-99",
        },
    )
    assert done.status_code == 302
    assert User.objects.get(username="alice").check_password("a-brand-new-pass-99")
    assert AccountEvent.objects.filter(user__username="alice", kind="password_changed").exists()


def test_only_administrators_manage_accounts(client, people):
    client.force_login(people["tina"])
    assert client.get(reverse("staff:new")).status_code == 403
    assert (
        client.post(reverse("staff:edit", args=["alice"]), {"action": "leave", "leave-reason": "x"}).status_code == 403
    )
    assert User.objects.get(username="alice").is_active
