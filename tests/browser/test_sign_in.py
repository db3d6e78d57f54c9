"""The sign-in page in a real browser: it renders with its styles, passes axe, and signs a person in."""

import re

import pytest
from playwright.sync_api import expect

SIGN_IN_PATH = "/sign-in/"
ASSET_TYPES = {"stylesheet", "script", "font", "image"}

# transaction=True: the live server answers from another thread, which must see the rows a test creates.
pytestmark = pytest.mark.django_db(transaction=True)


def test_sign_in_page_is_styled_and_accessible(page, live_server, axe_violations):
    failed = []

    def note_failure(response):
        if response.status >= 400 and response.request.resource_type in ASSET_TYPES:
            failed.append(f"{response.status} {response.url}")

    page.on("response", note_failure)

    page.goto(live_server.url + SIGN_IN_PATH)

    expect(page.get_by_role("heading", name="Sign in to Lantern")).to_be_visible()
    stylesheets = page.evaluate(
        "() => [...document.styleSheets].filter((sheet) => sheet.href).map((sheet) => sheet.href)"
    )
    assert any(href.endswith(".css") for href in stylesheets), "the page links no stylesheet"
    assert failed == [], "requests that failed (a missing `make assets`?)"
    assert axe_violations(page) == []


def test_signing_in_leaves_the_sign_in_page(page, live_server, django_user_model):
    django_user_model.objects.create_user(username="amara.osei", password="a long enough passphrase")

    page.goto(live_server.url + SIGN_IN_PATH)
    page.get_by_label("Username").fill("amara.osei")
    page.get_by_label("Password").fill("a long enough passphrase")
    page.get_by_role("button", name="Sign in").click()

    expect(page).not_to_have_url(re.compile(re.escape(SIGN_IN_PATH)))
    assert "sessionid" in {cookie["name"] for cookie in page.context.cookies()}
