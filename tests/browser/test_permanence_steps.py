"""A team manager follows the permanence tracker's row to the placement order page, is refused an order dated
before its application, records it, and sees it on the tracker. In Chromium, with axe on each page."""

import pytest
from playwright.sync_api import expect

from lantern.accounts.roles import Role
from lantern.care import services
from lantern.core.services import local_today
from lantern.workingdays.calendar import add_months
from tests.browser.test_care_health import fill_date, sign_in
from tests.browser.test_every_page_axe import live_server_screenshot
from tests.factories import AllocationFactory, CareEpisodeFactory, ChildFactory, UserFactory, WorkerFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_manager_records_a_placement_order_from_the_permanence_tracker(page, live_server, axe_violations):
    today = local_today()
    manager = UserFactory(username="tom.manager", first_name="Tom", last_name="Manager", roles=[Role.TEAM_MANAGER])
    worker = WorkerFactory(user=manager, role="team_manager", first_name="Tom", last_name="Manager")
    child = ChildFactory(first_name="Maisie", last_name="Okafor", la_child_id="C4400123")
    AllocationFactory(child=child, worker=worker, start_date=add_months(today, -12))
    CareEpisodeFactory(period__child=child, period__start_date=add_months(today, -10))
    services.adoption_decision_record(by=manager, child=child, decided_on=add_months(today, -6))

    page.goto(live_server.url + "/children-in-care/permanence/")
    sign_in(page, "tom.manager")
    row = page.get_by_test_id("permanence").get_by_role("row").filter(has_text="Maisie Okafor")
    row.get_by_role("link", name="Placement order for Maisie Okafor").click()
    expect(page.get_by_role("heading", name="Record the placement order")).to_be_visible()
    fill_date(page, "Date the placement order was applied for", add_months(today, -4))
    fill_date(page, "Date the court made the placement order", add_months(today, -5))
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Date of the placement order must be the same as or after the date of the application"
    )
    assert axe_violations(page) == []
    page.screenshot(path=str(live_server_screenshot("care-placement-order-refused")), full_page=True)
    fill_date(page, "Date the court made the placement order", add_months(today, -2))
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_text("Placement order recorded")).to_be_visible()
    expect(page.get_by_role("heading", name="Permanence tracker")).to_be_visible()
    order = add_months(today, -2)
    row = page.get_by_test_id("permanence").get_by_role("row").filter(has_text="Maisie Okafor")
    expect(row).to_contain_text(f"{order.day} {order:%b %Y}")
    assert axe_violations(page) == []
    page.screenshot(path=str(live_server_screenshot("care-permanence-tracker")), full_page=True)
