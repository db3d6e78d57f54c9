"""A team manager sees whose supervision is due, records one, and reads the team's vacancy and agency rates.

In Chromium, with axe on each page; screenshots go to test-results/ for a person to look at.
"""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from lantern.accounts.roles import Role
from lantern.core.services import local_today
from lantern.workforce.models import Post, Supervision, Worker
from tests.browser.test_every_page_axe import live_server_screenshot
from tests.factories import AllocationFactory, ChildFactory, TeamFactory, UserFactory, WorkerFactory, make

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "a-long-test-password"


def test_a_team_manager_records_a_due_supervision_and_reads_the_teams_rates(page, live_server, axe_violations):
    today = local_today()
    team = TeamFactory(name="Safeguarding East")
    user = UserFactory(username="tess", first_name="Tess", last_name="Manager", roles=[Role.TEAM_MANAGER])
    tess = WorkerFactory(user=user, team=team, role="team_manager", first_name="Tess", last_name="Manager")
    priya = WorkerFactory(team=team, first_name="Priya", last_name="Shah", start_date=date(2024, 1, 8))
    agent = WorkerFactory(team=team, first_name="Ade", last_name="Agent", employment=Worker.Employment.AGENCY)
    child = ChildFactory(first_name="Maisie", last_name="Okafor", la_child_id="C4400123")
    AllocationFactory(child=child, worker=priya, start_date=today - timedelta(days=90))
    make(Supervision, worker=priya, supervisor=tess, held_on=today - timedelta(days=40))
    make(Supervision, worker=agent, supervisor=tess, held_on=today - timedelta(days=3))
    make(Supervision, worker=tess, held_on=today - timedelta(days=3))
    for holder in (tess, priya, agent):
        make(Post, team=team, grade=holder.role, fte=Decimal(1), worker=holder)
    make(Post, team=team, grade="social_worker", fte=Decimal(1), vacant_since=today - timedelta(days=100))

    page.goto(live_server.url + "/workforce/")
    expect(page.get_by_role("heading", name="Sign in to Lantern")).to_be_visible()
    page.get_by_label("Username").fill("tess")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_role("heading", name="Workforce: Safeguarding East", level=1)).to_be_visible()
    rates = page.get_by_test_id("rates")
    # 2 of 4 posts have no permanent holder (one vacant, one agency-covered); 1 of 3 filled is agency.
    expect(rates).to_contain_text("50.0% (2 of 4 FTE posts without a permanent holder)")
    expect(rates).to_contain_text("33.3% (1 of 3 FTE in post are agency)")
    due = page.get_by_test_id("supervision-due")
    expect(due.get_by_role("row").filter(has_text="Priya Shah")).to_contain_text("Overdue")
    expect(due).not_to_contain_text("Ade Agent")
    assert axe_violations(page) == []
    page.screenshot(path=str(live_server_screenshot("workforce-team")), full_page=True)

    due.get_by_role("link", name=re.compile("^Record supervision")).click()
    expect(page.get_by_role("heading", name="Record supervision of Priya Shah")).to_be_visible()
    held = page.get_by_role("group", name="Date of the supervision")
    held.get_by_label("Day").fill(str(today.day))
    held.get_by_label("Month").fill(str(today.month))
    held.get_by_label("Year").fill(str(today.year))
    expect(page.get_by_label("Supervisor")).to_have_value(str(tess.pk))
    page.locator("#id_child_1").select_option(label="Maisie Okafor (C4400123)")
    page.locator("#id_child_1_decision").fill("Convene a core group before the review")
    page.locator("#id_child_1_reflection").fill("Challenged the drift since the conference")
    page.locator("#id_child_1_action").fill("See Maisie alone at school")
    page.locator("#id_child_1_action_owner").select_option(label="Priya Shah")
    # An action due before the supervision is refused, naming the field; nothing is saved.
    before = today - timedelta(days=1)
    action_due = page.get_by_role("group", name="Date the action is due").first
    action_due.get_by_label("Day").fill(str(before.day))
    action_due.get_by_label("Month").fill(str(before.month))
    action_due.get_by_label("Year").fill(str(before.year))
    page.get_by_role("button", name="Save supervision").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Date the action is due must be the same as or after the date of the supervision"
    )
    assert axe_violations(page) == []
    page.screenshot(path=str(live_server_screenshot("supervision-refused")), full_page=True)
    later = today + timedelta(days=14)
    action_due = page.get_by_role("group", name="Date the action is due").first
    action_due.get_by_label("Day").fill(str(later.day))
    action_due.get_by_label("Month").fill(str(later.month))
    action_due.get_by_label("Year").fill(str(later.year))
    page.get_by_role("button", name="Save supervision").click()

    expect(page.get_by_text("Supervision of Priya Shah recorded")).to_be_visible()
    expect(page.get_by_test_id("supervision-due")).to_have_count(0)
    expect(page.get_by_text("No worker's supervision is due or overdue.")).to_be_visible()
    expect(page.get_by_test_id("rates")).to_contain_text("50.0% (2 of 4 FTE posts")
