"""An analyst runs the CIN census from the Returns page in Chromium; the page follows the run by itself until the
summary appears; axe-core finds nothing on the way.

The worker is the real `db_worker --batch`, run in the test's own thread once the run is queued, while the browser
keeps polling: the live server shares this thread's database connection (in-memory SQLite), so a worker in another
thread or process could not see the queued task at all.
"""

from datetime import date

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from lantern.accounts.roles import Role
from lantern.core.models import AuthoritySettings
from tests.factories import ChildFactory, ReferralFactory, UserFactory
from tests.returns.worker import run_worker

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _returns_in_tmp(settings, tmp_path):
    settings.VAR_DIR = tmp_path


def test_an_analyst_runs_the_cin_census_and_the_page_follows_it(page, live_server, axe_violations):
    AuthoritySettings.current()
    UserFactory(username="ana", first_name="Ana", last_name="Lyst", roles=[Role.ANALYST])
    child = ChildFactory(la_child_id="C4400123", first_name="Maisie", last_name="Okafor")
    ReferralFactory(child=child, referral_date=date(2025, 9, 1))  # in 2025/26; no UPN, no assessment: issues to show

    page.goto(live_server.url + reverse("login"))
    page.get_by_label("Username").fill("ana")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign in").click()
    page.goto(live_server.url + reverse("returns:index"))
    expect(page.get_by_role("heading", name="Statutory returns", level=1)).to_be_visible()
    assert axe_violations(page) == []

    year = page.get_by_label("CIN census collection year")
    year.fill("twenty")
    page.get_by_role("button", name="Run the CIN census").click()
    expect(page.get_by_role("alert")).to_contain_text("CIN census collection year must be a year with 4 numbers")
    assert axe_violations(page) == []

    page.get_by_label("CIN census collection year").fill("2026")
    page.get_by_role("button", name="Run the CIN census").click()
    expect(page.get_by_role("heading", name="CIN census 2025/26", level=1)).to_be_visible()
    status = page.get_by_role("status")
    expect(status).to_have_text("Waiting to start.")
    assert axe_violations(page) == []
    page.evaluate("() => { window.lanternSamePage = true }")  # gone if the page were reloaded

    run_worker()

    expect(status).to_contain_text("Finished:", timeout=15_000)
    assert page.evaluate("() => window.lanternSamePage") is True  # updated in place by htmx, not reloaded
    expect(page.get_by_role("link", name="Maisie Okafor")).to_be_visible()
    expect(page.get_by_role("table", name="Queries by rule")).to_contain_text("8770Q")
    expect(page.get_by_role("button", name="Download cin-census-2026.xml")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("link", name="All returns").click()
    expect(page.get_by_role("table", name="The latest 1 run, newest first")).to_contain_text("Finished")


def test_the_page_follows_the_run_under_the_content_security_policy(browser, live_server):
    # The `page` fixture bypasses the CSP (to inject axe); here the policy is enforced, so a blocked script or style
    # (htmx's own, or one of ours) would show as a console error, or the page would never update.
    UserFactory(username="ana", roles=[Role.ANALYST])
    context = browser.new_context(locale="en-GB", timezone_id="Europe/London")
    context.set_default_timeout(10_000)
    console = []
    try:
        page = context.new_page()
        page.on("console", lambda message: console.append(message.text))
        page.goto(live_server.url + reverse("login"))
        page.get_by_label("Username").fill("ana")
        page.get_by_label("Password").fill("a-long-test-password")
        page.get_by_role("button", name="Sign in").click()
        page.goto(live_server.url + reverse("returns:index"))
        page.get_by_label("Day").fill("31")
        page.get_by_label("Month").fill("1")
        page.get_by_label("Year", exact=True).fill("2026")
        page.get_by_role("button", name="Run the Ofsted Annex A").click()
        status = page.get_by_role("status")
        expect(status).to_have_text("Waiting to start.")
        run_worker()
        expect(status).to_have_text("Finished: Sheets and headers as expected. The results are below.", timeout=15_000)
        expect(page.get_by_role("table", name="Sheets and column headers")).to_contain_text("List 1 - Contacts")
    finally:
        context.close()
    assert [text for text in console if "Content Security Policy" in text] == []
