"""Signing in and out, and the base page every other page extends."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "a long enough passphrase"
GENERIC_ERROR = "Enter a correct username and password"


@pytest.fixture
def alice():
    return get_user_model().objects.create_user(
        username="alice.mensah", password=PASSWORD, first_name="Alice", last_name="Mensah"
    )


def sign_in(client, username, password, **extra):
    return client.post(reverse("login"), {"username": username, "password": password, **extra})


def test_it_shows_the_sign_in_page(client):
    response = client.get(reverse("login"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Sign in to Lantern" in page
    assert "<title>Sign in – Lantern</title>" in page
    assert 'autocomplete="username"' in page
    assert 'autocomplete="current-password"' in page
    assert "There is a problem" not in page


def test_it_refuses_a_wrong_password_with_a_generic_message(client, alice):
    response = sign_in(client, "alice.mensah", "not the passphrase")

    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert f'<a href="#id_username">{GENERIC_ERROR}</a>' in page
    assert "<title>Error: Sign in – Lantern</title>" in page
    assert "_auth_user_id" not in client.session


def test_it_gives_the_same_message_for_an_unknown_username(client, alice):
    wrong_password = sign_in(client, "alice.mensah", "not the passphrase").context["form"].errors
    unknown_user = sign_in(client, "nobody.here", "not the passphrase").context["form"].errors

    assert unknown_user == wrong_password == {"__all__": [GENERIC_ERROR]}


def test_it_asks_for_missing_fields_at_each_field(client):
    page = sign_in(client, "", "").content.decode()

    assert '<a href="#id_username">Enter your username</a>' in page
    assert '<a href="#id_password">Enter your password</a>' in page
    assert 'class="govuk-input govuk-input--width-20 govuk-input--error" id="id_username"' in page
    assert 'aria-describedby="id_password-error"' in page


def test_it_signs_in_with_a_correct_password(client, alice):
    response = sign_in(client, "alice.mensah", PASSWORD, next="/children/?q=1")

    assert response.status_code == 302
    assert response.url == "/children/?q=1"
    assert client.session["_auth_user_id"] == str(alice.pk)


def test_it_sends_a_signed_in_person_to_the_home_page(client, alice):
    response = sign_in(client, "alice.mensah", PASSWORD)

    assert response.status_code == 302
    assert response.url == reverse("home") == "/"
    # Alice has no role yet: the home page says so rather than listing children.
    home = client.get(response.url)
    assert home.status_code == 200
    assert "Your role does not include reading children's records." in home.content.decode()


def test_it_ignores_a_next_address_on_another_site(client, alice, settings):
    # A stand-in landing page, so that this test does not depend on the home page existing.
    settings.LOGIN_REDIRECT_URL = "/landing/"

    response = sign_in(client, "alice.mensah", PASSWORD, next="https://example.com/")

    assert response.status_code == 302
    assert response.url == "/landing/"


def test_it_signs_out_by_post(client, alice):
    client.force_login(alice)

    response = client.post(reverse("logout"))

    assert response.status_code == 302
    assert response.url == reverse("login")
    assert "_auth_user_id" not in client.session
    assert "You have signed out" in client.get(response.url).content.decode()


def test_it_does_not_sign_out_on_get(client, alice):
    client.force_login(alice)

    response = client.get(reverse("logout"))

    assert response.status_code == 405
    assert client.session["_auth_user_id"] == str(alice.pk)


def test_it_sends_a_csp_nonce_that_the_inline_scripts_carry(client):
    response = client.get(reverse("login"))

    policy = response["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", policy).group(1)
    scripts = re.findall(r"<script\b[^>]*>", response.content.decode())
    assert scripts, "the page has no script tags"
    assert all(f'nonce="{nonce}"' in tag for tag in scripts)
    assert "style-src 'self'" in policy
    assert "style=" not in response.content.decode()


def test_it_shows_who_is_signed_in_and_a_sign_out_form(alice):
    request = RequestFactory().get("/")
    request.user = alice

    page = render_to_string("base.html", request=request)

    assert "Alice Mensah" in page
    assert "Demo Council" in page
    assert f'<form method="post" action="{reverse("logout")}" class="lantern-account__form">' in page
    assert 'name="csrfmiddlewaretoken"' in page


def test_it_paginates_keeping_the_other_query_parameters():
    request = RequestFactory().get("/children/", {"q": "smith & co", "page": "3"})
    request.user = AnonymousUser()
    page_obj = Paginator(range(200), 10).page(3)

    html = render_to_string("components/pagination.html", {"page_obj": page_obj}, request=request)

    assert 'href="?q=smith+%26+co&amp;page=2" rel="prev"' in html
    assert 'href="?q=smith+%26+co&amp;page=4" rel="next"' in html
    assert 'aria-label="Page 3" aria-current="page"' in html
    assert "govuk-pagination__item--ellipsis" in html
    assert 'aria-label="Page 20"' in html


def test_an_administrators_home_links_to_users_once_and_keeps_a_plain_title(client, people, settings):
    settings.LANTERN_REQUIRE_2FA = False
    client.force_login(people["admin"])
    page = client.get(reverse("home")).content.decode()
    assert "<title>Home – Lantern</title>" in page
    assert page.count(f'href="{reverse("users")}">Users</a>: find an account') == 1
