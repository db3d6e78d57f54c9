"""Sessions end after LANTERN_IDLE_MINUTES without a request, and at the latest LANTERN_SESSION_SECONDS after
sign-in; a form posted after the idle limit keeps what was typed and is saved when the same user signs in again."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from lantern.journey.models import Visit

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
IDLE_MESSAGE = "You were signed out after 30 minutes without activity. Anything you had not saved is not saved."
KEPT_MESSAGE = "What you entered has been kept: sign in again to save it."


def at(minutes: float):
    return time_machine.travel(START + timedelta(minutes=minutes), tick=False)


def signed_in(client, user):
    with at(0):
        client.force_login(user)


def visit_form(amy, **changes) -> dict[str, str]:
    return {
        "visit_date-day": "27",
        "visit_date-month": "2",
        "visit_date-year": "2026",
        "kind": "cin",
        "seen": "yes",
        "seen_alone": "no",
    } | changes


def test_a_page_within_the_idle_limit_keeps_the_session_going(client, people):
    signed_in(client, people["alice"])
    for minutes in (29, 58, 87):  # each request restarts the idle clock
        with at(minutes):
            assert client.get(reverse("home")).status_code == 200


def test_after_the_idle_limit_the_next_page_goes_to_sign_in_and_says_why(client, people):
    signed_in(client, people["alice"])
    with at(31):
        response = client.get(reverse("worklists:my_work") + "?x=1")
        assert response.status_code == 302
        assert response["Location"] == reverse("login") + "?next=%2Fwork%2F%3Fx%3D1"
        page = client.get(response["Location"]).content.decode()
        assert IDLE_MESSAGE in page
        assert client.get(reverse("home")).status_code == 302  # the session has ended


def test_the_idle_limit_is_a_setting_and_the_message_says_it(client, people, settings):
    settings.LANTERN_IDLE_MINUTES = 5
    signed_in(client, people["alice"])
    with at(6):
        response = client.get(reverse("home"), follow=True)
    assert "You were signed out after 5 minutes without activity." in response.content.decode()


def test_a_page_refreshing_itself_is_not_activity(client, people):
    signed_in(client, people["alice"])
    for minutes in (10, 20, 29):
        with at(minutes):
            assert client.get(reverse("home"), headers={"HX-Request": "true"}).status_code == 200
    with at(31):
        assert client.get(reverse("home")).status_code == 302


def test_a_busy_session_still_ends_after_its_lifetime(client, people, settings):
    settings.SESSION_COOKIE_AGE = 2 * 60 * 60
    signed_in(client, people["alice"])
    for minutes in range(20, 120, 20):
        with at(minutes):
            assert client.get(reverse("home")).status_code == 200
    with at(121):
        assert client.get(reverse("home")).status_code == 302


def test_a_form_posted_after_the_idle_limit_is_kept_and_saved_when_the_same_user_signs_in(client, people):
    amy = people["amy"]
    url = reverse("journey:visit", args=[amy.la_child_id])
    signed_in(client, people["alice"])
    with at(45):  # the worker typed for 45 minutes, then pressed Save
        response = client.post(url, visit_form(amy))
        assert response["Location"] == reverse("login") + "?next=" + url.replace("/", "%2F")
        assert not Visit.objects.exists()
        assert KEPT_MESSAGE in client.get(response["Location"]).content.decode()
        signed = client.post(response["Location"], {"username": "alice", "password": PASSWORD}, follow=True)
    page = signed.content.decode()
    assert "Visit recorded" in page
    visit = Visit.objects.get()
    assert (visit.child, visit.visit_date.isoformat(), visit.seen, visit.seen_alone) == (amy, "2026-02-27", True, False)


def test_a_kept_form_with_a_mistake_comes_back_with_the_entries_and_the_error(client, people):
    amy = people["amy"]
    url = reverse("journey:visit", args=[amy.la_child_id])
    signed_in(client, people["alice"])
    with at(45):
        response = client.post(url, visit_form(amy, **{"visit_date-month": "13"}))
        page = client.post(response["Location"], {"username": "alice", "password": PASSWORD}, follow=True)
    text = page.content.decode()
    assert "There is a problem" in text
    assert "Date of visit must be a real date" in text
    assert 'value="13"' in text and 'value="27"' in text
    assert not Visit.objects.exists()


def test_someone_else_signing_in_on_the_same_browser_never_sees_or_saves_the_kept_form(client, people):
    amy = people["amy"]
    url = reverse("journey:visit", args=[amy.la_child_id])
    signed_in(client, people["alice"])
    with at(45):
        response = client.post(url, visit_form(amy))
        page = client.post(response["Location"], {"username": "carl", "password": PASSWORD}, follow=True)
    assert page.status_code == 404  # Amy is not in Carl's records, and nothing was posted for him
    assert not Visit.objects.exists()


def test_a_kept_form_still_goes_where_the_page_was_asked_to_go_next(client, people):
    amy = people["amy"]
    url = reverse("journey:visit", args=[amy.la_child_id]) + "?next=/work/"
    signed_in(client, people["alice"])
    with at(45):
        response = client.post(url, visit_form(amy))
        page = client.post(response["Location"], {"username": "alice", "password": PASSWORD}, follow=True)
    assert page.redirect_chain[-1][0] == "/work/"
    assert Visit.objects.count() == 1


def test_a_part_of_a_page_refreshing_itself_after_the_limit_sends_the_whole_page_to_sign_in(client, people):
    signed_in(client, people["alice"])
    with at(31):
        response = client.get(
            reverse("home"), headers={"HX-Request": "true", "HX-Current-URL": "http://testserver/work/?x=1"}
        )
    assert response.status_code == 200
    assert response["HX-Redirect"] == reverse("login") + "?next=%2Fwork%2F%3Fx%3D1"


def test_a_kept_form_is_forgotten_once_the_user_goes_elsewhere_first(client, people):
    amy = people["amy"]
    url = reverse("journey:visit", args=[amy.la_child_id])
    signed_in(client, people["alice"])
    with at(45):
        client.post(url, visit_form(amy))
        client.post(reverse("login"), {"username": "alice", "password": PASSWORD})  # no next: goes home
        assert client.get(reverse("home")).status_code == 200
        page = client.get(url)
    assert page.status_code == 200
    assert "There is a problem" not in page.content.decode()
    assert not Visit.objects.exists()


def test_signing_out_after_the_idle_limit_just_signs_out(client, people):
    signed_in(client, people["alice"])
    with at(45):
        response = client.post(reverse("logout"))
        assert response["Location"] == reverse("login")
        assert IDLE_MESSAGE in client.get(response["Location"]).content.decode()


def test_a_kept_form_waits_for_the_second_factor_then_is_saved(client, people, settings):
    # A team manager signs in with a password and a code; the kept post is made once both are given.
    settings.LANTERN_REQUIRE_2FA = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    manager = people["tina"]
    device = TOTPDevice.objects.create(user=manager, name="Authenticator app", confirmed=True)
    amy = people["amy"]
    url = reverse("journey:visit", args=[amy.la_child_id])
    with at(0):
        client.post(reverse("login"), {"username": "tina", "password": PASSWORD})
        code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
        client.post(reverse("two_factor_verify"), {"code": code})
        assert client.get(url).status_code == 200
    with at(45):
        response = client.post(url, visit_form(amy))
        signed = client.post(response["Location"], {"username": "tina", "password": PASSWORD})
        to_code = client.get(signed["Location"])  # the form's page asks for the code first
        assert to_code["Location"].startswith(reverse("two_factor_verify"))
        assert not Visit.objects.exists()
        code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
        page = client.post(to_code["Location"], {"code": code}, follow=True)
    assert "Visit recorded" in page.content.decode()
    assert Visit.objects.count() == 1
