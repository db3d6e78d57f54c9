"""Inspectors' time-limited accounts: the end date, signing in after it, a session that outlives it, and the
`lantern inspector_account` command."""

from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from lantern.accounts.models import User
from lantern.accounts.roles import Role
from lantern.accounts.sessions import ACCESS_ENDED
from tests.factories import ChildFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"
GENERIC_ERROR = "Enter a correct username and password"
MONDAY = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


@pytest.fixture
def inspector():
    with time_machine.travel(MONDAY, tick=False):
        return UserFactory(username="ofsted.1", roles=[Role.INSPECTOR], access_expires_at=MONDAY + timedelta(days=7))


def sign_in(client, username: str, password: str = PASSWORD):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_an_inspector_signs_in_before_the_end_date(client, inspector):
    with time_machine.travel(MONDAY + timedelta(days=6, hours=23), tick=False):
        response = sign_in(client, "ofsted.1")
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_an_inspector_cannot_sign_in_after_the_end_date_and_is_told_why(client, inspector):
    with time_machine.travel(MONDAY + timedelta(days=7, seconds=1), tick=False):
        response = sign_in(client, "ofsted.1")
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert ACCESS_ENDED in page
    assert "_auth_user_id" not in client.session


def test_a_wrong_password_for_an_ended_account_says_only_what_it_says_for_anyone(client, inspector):
    # The reason is given only to someone who knows the password, so it tells no one that the username exists.
    with time_machine.travel(MONDAY + timedelta(days=8), tick=False):
        ended = sign_in(client, "ofsted.1", "wrong password").content.decode()
        unknown = sign_in(client, "nobody.here", "wrong password").content.decode()
    assert GENERIC_ERROR in ended and GENERIC_ERROR in unknown
    assert ACCESS_ENDED not in ended


def test_an_inspector_without_an_end_date_cannot_sign_in(client):
    user = UserFactory(username="ofsted.2", roles=[Role.INSPECTOR])
    User.objects.filter(pk=user.pk).update(access_expires_at=None)
    response = sign_in(client, "ofsted.2")
    assert ACCESS_ENDED in response.content.decode()


def test_other_roles_need_no_end_date_but_one_that_has_passed_ends_their_access(client):
    UserFactory(username="sw.1", roles=[Role.SOCIAL_WORKER])
    assert sign_in(client, "sw.1").status_code == 302
    client.logout()
    UserFactory(username="sw.2", roles=[Role.SOCIAL_WORKER], access_expires_at=timezone.now() - timedelta(hours=1))
    assert ACCESS_ENDED in sign_in(client, "sw.2").content.decode()


def test_a_session_is_ended_on_the_next_request_after_the_end_date(client, inspector):
    with time_machine.travel(MONDAY + timedelta(days=7, hours=-1), tick=False):
        client.force_login(inspector)
        assert client.get(reverse("home")).status_code == 200
    with time_machine.travel(MONDAY + timedelta(days=7, minutes=1), tick=False):
        response = client.get(reverse("worklists:my_work"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login") + "?next=")
        page = client.get(response["Location"]).content.decode()
        assert ACCESS_ENDED in page
        assert client.get(reverse("home")).status_code == 302


def test_the_api_answers_401_once_access_has_ended(client, inspector):
    child = ChildFactory(la_child_id="A1")
    url = reverse("api-1:child_timescales_api", kwargs={"la_child_id": child.la_child_id})
    with time_machine.travel(MONDAY + timedelta(days=7, hours=-1), tick=False):
        client.force_login(inspector)
        # An inspector reads any child, outside their own work: the API asks why, as the record page does.
        assert client.get(url, {"reason": "Inspection case sample"}).status_code == 200
    with time_machine.travel(MONDAY + timedelta(days=7, minutes=1), tick=False):
        assert client.get(url).status_code == 401


# The command ---------------------------------------------------------------------------------------------------


def run(*args: str) -> str:
    out = StringIO()
    call_command("inspector_account", *args, stdout=out)
    return out.getvalue()


def test_the_command_creates_an_inspector_and_prints_when_access_ends(settings):
    with time_machine.travel(MONDAY, tick=False):
        printed = run("--username", "ofsted.3", "--email", "lead@ofsted.example", "--days", "14")
    user = User.objects.get(username="ofsted.3")
    assert user.roles == {Role.INSPECTOR.value}
    assert user.email == "lead@ofsted.example"
    assert user.access_expires_at == MONDAY + timedelta(days=14)
    assert not user.has_usable_password()
    assert "ofsted.3's access as an inspector ends at 12:00 on 16 March 2026 (GMT)" in printed
    assert "lantern changepassword ofsted.3" in printed


def test_the_command_extends_an_existing_inspector(inspector):
    with time_machine.travel(MONDAY + timedelta(days=5), tick=False):
        printed = run("--username", "ofsted.1", "--email", "new@ofsted.example", "--days", "28")
    inspector.refresh_from_db()
    assert inspector.access_expires_at == MONDAY + timedelta(days=33)
    assert inspector.has_usable_password()
    assert "4 April 2026" in printed
    assert "changepassword" not in printed


def test_the_command_refuses_more_days_than_the_maximum(settings):
    settings.LANTERN_INSPECTOR_MAX_DAYS = 10
    with pytest.raises(CommandError, match="--days: An inspector's access can be given for at most 10 days"):
        run("--username", "ofsted.4", "--email", "a@ofsted.example", "--days", "11")
    assert not User.objects.filter(username="ofsted.4").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--username", "ofsted.5", "--email", "not an address", "--days", "7"], "--email: Enter an email address"),
        (["--username", "ofsted.5", "--email", "a@ofsted.example", "--days", "0"], "--days: Give the account at least"),
        (["--username", "bad name!", "--email", "a@ofsted.example", "--days", "7"], "--username: Enter a username"),
    ],
)
def test_the_command_refuses_bad_input_naming_the_option(args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)
    assert not User.objects.filter(username__in=["ofsted.5", "bad name!"]).exists()


def test_the_command_will_not_turn_someone_else_into_an_inspector():
    UserFactory(username="sw.3", roles=[Role.SOCIAL_WORKER])
    with pytest.raises(CommandError, match="--username: sw.3 is not an inspector's account"):
        run("--username", "sw.3", "--email", "a@council.example", "--days", "7")
    assert User.objects.get(username="sw.3").access_expires_at is None
