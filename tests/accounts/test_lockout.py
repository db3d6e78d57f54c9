import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def sign_in(client, username, password, address="10.0.0.1"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def test_it_locks_out_after_five_failures_even_with_the_right_password(client):
    UserFactory(username="dana")
    for _ in range(4):
        assert sign_in(client, "dana", "wrong password").status_code == 200
    assert sign_in(client, "dana", "wrong password").status_code == 429  # the fifth failure locks
    response = sign_in(client, "dana", "a-long-test-password")
    assert response.status_code == 429
    assert "Too many attempts to sign in" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_unknown_username_is_locked_out_the_same_way(client):
    for _ in range(5):
        sign_in(client, "nobody-here", "wrong password")
    response = sign_in(client, "nobody-here", "wrong password")
    assert response.status_code == 429
    assert "Too many attempts to sign in" in response.content.decode()


def test_a_lockout_from_one_address_does_not_lock_the_user_out_elsewhere(client):
    UserFactory(username="dana")
    for _ in range(5):
        sign_in(client, "dana", "wrong password", address="10.0.0.66")
    response = sign_in(client, "dana", "a-long-test-password", address="10.0.0.2")
    assert response.status_code == 302
