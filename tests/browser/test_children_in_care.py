"""A social worker moves a child's placement to Folkestone, 35.8 miles from home: the record and the team
manager's children-in-care list show the distance and the out-of-area flag. In Chromium, with axe on each page."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from lantern.accounts.roles import Role
from lantern.core.services import local_today
from tests.browser.test_every_page_axe import live_server_screenshot
from tests.factories import AllocationFactory, CareEpisodeFactory, ChildFactory, UserFactory, WorkerFactory

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "a-long-test-password"


def sign_in(page, username):
    expect(page.get_by_role("heading", name="Sign in to Lantern")).to_be_visible()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_a_move_35_miles_away_shows_on_the_record_and_in_the_children_in_care_list(page, live_server, axe_violations):
    today = local_today()
    user = UserFactory(username="priya.shah", first_name="Priya", last_name="Shah", roles=[Role.SOCIAL_WORKER])
    worker = WorkerFactory(user=user, first_name="Priya", last_name="Shah")
    manager = UserFactory(username="tom.manager", roles=[Role.TEAM_MANAGER])
    WorkerFactory(user=manager, team=worker.team, role="team_manager", first_name="Tom", last_name="Manager")
    child = ChildFactory(first_name="Maisie", last_name="Okafor", la_child_id="C4400123")
    AllocationFactory(child=child, worker=worker, start_date=today - timedelta(days=90))
    # In foster care in Walderslade, 4.1 miles from her home in Chatham, since 60 days ago.
    CareEpisodeFactory(period__child=child, period__start_date=today - timedelta(days=60))

    page.goto(live_server.url + "/children/C4400123/")
    sign_in(page, "priya.shah")
    placement = page.get_by_test_id("placement")
    expect(placement).to_contain_text("4.1 miles")
    expect(placement).to_contain_text("(in area)")

    page.get_by_role("link", name="Record a change of placement or legal status").click()
    expect(page.get_by_role("heading", name="Record a change of placement or legal status")).to_be_visible()
    assert axe_violations(page) == []
    moved = today - timedelta(days=3)
    page.locator("#id_change_date-day").fill(str(moved.day))
    page.locator("#id_change_date-month").fill(str(moved.month))
    page.locator("#id_change_date-year").fill(str(moved.year))
    page.get_by_label("P: Change of placement and carer(s) only").check()
    page.get_by_label("New placement type").select_option("K2")
    page.get_by_label("Placement provider").select_option("PR4")
    page.get_by_label("New placement postcode").fill("ZZ9 9ZZ")
    page.get_by_label("Ofsted URN of the new placement").fill("SC654321")
    page.get_by_label("Reason for the move").select_option("CREQB")
    page.get_by_role("button", name="Save").click()
    # A postcode that does not exist is refused, naming it; nothing is saved.
    expect(page.locator(".govuk-error-summary")).to_contain_text("Placement postcode ZZ9 9ZZ does not exist")
    assert axe_violations(page) == []
    page.screenshot(path=str(live_server_screenshot("care-change-refused")), full_page=True)
    page.get_by_label("New placement postcode").fill("CT20 1JT")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_text("Change of placement or legal status recorded")).to_be_visible()
    placement = page.get_by_test_id("placement")
    expect(placement).to_contain_text("35.8 miles")
    expect(placement).to_contain_text("CT20 1JT (out of area)")
    expect(page.locator("#care ~ p").first).to_contain_text("Out of area")
    expect(page.locator("#care ~ p").first).to_contain_text("Over 20 miles from home")
    assert axe_violations(page) == []
    page.screenshot(path=str(live_server_screenshot("care-record")), full_page=True)

    page.context.clear_cookies()
    page.goto(live_server.url + "/children-in-care/")
    sign_in(page, "tom.manager")
    expect(page.get_by_role("heading", name="Children in care", level=1)).to_be_visible()
    page.get_by_label("In or out of area").select_option("out")
    page.get_by_role("button", name="Apply filters").click()
    row = page.get_by_test_id("children-in-care").get_by_role("row").filter(has_text="Maisie Okafor")
    expect(row).to_contain_text("35.8 miles")
    expect(row).to_contain_text("Out of area")
    expect(row).to_contain_text("Over 20 miles")
    expect(page.get_by_test_id("count")).to_have_text(
        re.compile(r"Showing 1 of 1: 1 placed more than 20 miles from home, 1 out of area\.")
    )
    assert axe_violations(page) == []
    page.screenshot(path=str(live_server_screenshot("children-in-care")), full_page=True)

    page.get_by_role("link", name="The permanence tracker").click()
    expect(page.get_by_role("heading", name="Permanence tracker", level=1)).to_be_visible()
    expect(page.get_by_test_id("permanence")).to_contain_text("Maisie Okafor")
    assert axe_violations(page) == []
    page.screenshot(path=str(live_server_screenshot("permanence")), full_page=True)
