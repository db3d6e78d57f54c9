import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from lantern.accounts.roles import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _second_factor_on(settings):
    settings.LANTERN_REQUIRE_2FA = True


def code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def sign_in(client, username):
    return client.post(reverse("login"), {"username": username, "password": "a-long-test-password"})


def test_a_manager_must_set_up_an_authenticator_before_any_page(client):
    UserFactory(username="tina", roles=[Role.TEAM_MANAGER])
    sign_in(client, "tina")
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor_setup"))
    page = client.get(response["Location"])
    assert "Set up two-factor authentication" in page.content.decode()
    assert 'src="data:image/svg+xml;base64,' in page.content.decode()


def test_a_wrong_code_is_refused_with_a_message_and_a_right_one_lets_the_manager_in(client):
    user = UserFactory(username="tina", roles=[Role.TEAM_MANAGER])
    sign_in(client, "tina")
    client.get(reverse("two_factor_setup"))
    device = TOTPDevice.objects.get(user=user)
    refused = client.post(reverse("two_factor_setup"), {"code": "12345"})
    assert refused.status_code == 400
    assert "Enter the 6-digit code shown in your authenticator app" in refused.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    accepted = client.post(reverse("two_factor_setup"), {"code": code_for(device), "next": "/children/"})
    assert accepted["Location"] == "/children/"
    assert client.get(reverse("home")).status_code == 200


def test_next_time_the_manager_enters_a_code_after_the_password(client, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # the wrong code would otherwise delay the next try by a second
    user = UserFactory(username="tina", roles=[Role.TEAM_MANAGER])
    device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    sign_in(client, "tina")
    response = client.get(reverse("home"))
    assert response["Location"].startswith(reverse("two_factor_verify"))
    wrong = client.post(reverse("two_factor_verify"), {"code": "000000" if code_for(device) != "000000" else "111111"})
    assert "That code did not match" in wrong.content.decode()
    client.post(reverse("two_factor_verify"), {"code": code_for(device)})
    assert client.get(reverse("home")).status_code == 200


@pytest.mark.parametrize("role", [Role.SERVICE_MANAGER, Role.DIRECTOR, Role.INSPECTOR, Role.ADMINISTRATOR])
def test_every_role_that_needs_it_is_stopped(client, role):
    UserFactory(username="someone", roles=[role])
    sign_in(client, "someone")
    for url in [reverse("home"), reverse("search"), "/api/openapi.json"]:
        assert client.get(url)["Location"].startswith(reverse("two_factor_setup"))


def test_a_social_worker_signs_in_with_a_password_alone(client):
    UserFactory(username="sam", roles=[Role.SOCIAL_WORKER])
    sign_in(client, "sam")
    assert client.get(reverse("home")).status_code == 200


def test_an_off_site_next_is_ignored(client):
    user = UserFactory(username="tina", roles=[Role.TEAM_MANAGER])
    device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    sign_in(client, "tina")
    response = client.post(reverse("two_factor_verify"), {"code": code_for(device), "next": "https://evil.example/"})
    assert response["Location"] == "/"
