"""The 403, 404 and 500 pages as a person meets them (lantern/pages/errors.py): header, what happened, where next."""

import pytest
from django.test import Client
from django.urls import path, reverse

from lantern.urls import urlpatterns as lantern_urls

pytestmark = pytest.mark.django_db


def broken_view(request):
    raise RuntimeError("Amy Adams's record could not be read")


urlpatterns = [*lantern_urls, path("broken/", broken_view)]
handler500 = "lantern.pages.errors.server_error"


def test_a_social_worker_refused_the_returns_page_is_told_why_and_where_to_go(client, people):
    client.force_login(people["alice"])
    response = client.get(reverse("returns:index"))
    assert response.status_code == 403
    page = response.content.decode()
    assert '<h1 class="govuk-heading-l">You cannot open this page</h1>' in page
    assert "govuk-service-navigation" in page and people["alice"].display_name in page
    assert f'href="{reverse("home")}"' in page and f'href="{reverse("search")}"' in page


def test_the_administrator_is_not_offered_a_search_they_cannot_use(client, people):
    client.force_login(people["admin"])
    page = client.get(reverse("returns:index")).content.decode()
    assert "You cannot open this page" in page
    assert f'href="{reverse("search")}"' not in page and f'href="{reverse("home")}"' in page


def test_a_missing_page_says_so_and_a_visitor_is_offered_sign_in(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Page not found" in page and "check it is correct" in page
    assert "tried" not in page and "no-such-page" not in page  # not the resolver's internals
    assert f'href="{reverse("login")}"' in page


def test_a_record_outside_the_users_access_is_a_plain_not_found(client, people):
    client.force_login(people["alice"])
    page = client.get(reverse("child", args=["NOBODY"])).content.decode()
    assert "Page not found" in page and "outside the records you can open" in page


@pytest.mark.urls("tests.test_error_pages")
def test_a_server_error_is_a_styled_page_that_shows_nothing_of_the_error(people):
    client = Client(raise_request_exception=False)
    client.force_login(people["alice"])
    response = client.get("/broken/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Sorry, there is a problem with Lantern" in page and "may not have been saved" in page
    assert "Amy" not in page and "RuntimeError" not in page and "Traceback" not in page
