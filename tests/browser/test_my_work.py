"""A social worker clears an overdue visit from My work; a service manager reads the team and service views.

In Chromium, with axe on every worklist page. Dates run from the real today, since the visit form refuses a
visit in the future.
"""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from lantern.accounts.roles import Role
from lantern.core.services import local_today
from lantern.journey.models import Assessment, CPPlan
from tests.factories import AllocationFactory, ChildFactory, ReferralFactory, UserFactory, WorkerFactory, make

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "a-long-test-password"


def sign_in(page, username):
    expect(page.get_by_role("heading", name="Sign in to Lantern")).to_be_visible()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_a_worker_records_an_overdue_visit_from_my_work(page, live_server, axe_violations):
    today = local_today()
    user = UserFactory(username="priya.shah", first_name="Priya", last_name="Shah", roles=[Role.SOCIAL_WORKER])
    worker = WorkerFactory(user=user, first_name="Priya", last_name="Shah")
    manager = UserFactory(username="sam.manager", roles=[Role.SERVICE_MANAGER])
    WorkerFactory(user=manager, team=worker.team, role="service_manager", first_name="Sam", last_name="Manager")
    child = ChildFactory(first_name="Maisie", last_name="Okafor", la_child_id="C4400123")
    AllocationFactory(child=child, worker=worker, start_date=today - timedelta(days=60))
    referral = ReferralFactory(child=child, referral_date=today - timedelta(days=60))
    make(
        Assessment,
        referral=referral,
        child=child,
        start_date=today - timedelta(days=59),
        authorised_date=today - timedelta(days=50),
    )
    # No visit since the plan began five weeks ago: the 10-working-day visit is overdue.
    make(
        CPPlan,
        referral=referral,
        child=child,
        start_date=today - timedelta(days=35),
        initial_category="NEG",
        latest_category="NEG",
    )

    page.goto(live_server.url + "/work/")
    sign_in(page, "priya.shah")
    expect(page.get_by_role("heading", name="My work", level=1)).to_be_visible()
    clocks = page.get_by_role("table", name=re.compile("clocks?, overdue first"))
    visit_row = clocks.get_by_role("row").filter(has_text="Child protection visit")
    expect(visit_row).to_contain_text("Maisie Okafor")
    expect(visit_row).to_contain_text("Overdue")
    assert axe_violations(page) == []

    visit_row.get_by_role("link", name=re.compile("^Record a visit")).click()
    expect(page.get_by_role("heading", name="Record a visit")).to_be_visible()
    date_group = page.get_by_role("group", name="Date of visit")
    date_group.get_by_label("Day").fill(str(today.day))
    date_group.get_by_label("Month").fill(str(today.month))
    date_group.get_by_label("Year").fill(str(today.year))
    expect(page.get_by_label("Child protection visit")).to_be_checked()
    page.get_by_role("group", name="Was the child seen?", exact=True).get_by_label("Yes").check()
    page.get_by_role("group", name="Was the child seen alone?").get_by_label("Yes").check()
    page.get_by_role("button", name="Save").click()

    # Back on My work: the visit is recorded, and the next one runs from it.
    expect(page.get_by_role("heading", name="My work", level=1)).to_be_visible()
    expect(page.get_by_text("Visit recorded")).to_be_visible()
    visit_row = clocks.get_by_role("row").filter(has_text="Child protection visit")
    expect(visit_row).to_have_count(1)
    expect(visit_row).not_to_contain_text("Overdue")
    expect(visit_row).to_contain_text("Not due")
    # The plan's other clocks (its first core group, ...) stay overdue: only the visit was recorded.
    overdue = page.locator('tr[data-status="overdue"]')
    expect(overdue.filter(has_text="Child protection visit")).to_have_count(0)
    assert axe_violations(page) == []

    # A service manager's views of the same work.
    page.context.clear_cookies()
    page.goto(live_server.url + "/work/team/")
    sign_in(page, "sam.manager")
    expect(page.get_by_role("table", name="By worker")).to_contain_text("Priya Shah")
    assert axe_violations(page) == []

    page.get_by_role("link", name="Service", exact=True).click()
    expect(page.get_by_role("table", name="By team")).to_be_visible()
    assert axe_violations(page) == []

    page.goto(live_server.url + "/work/clocks/?status=not_due")
    expect(page.get_by_role("table", name=re.compile("clocks?, overdue first"))).to_contain_text("Maisie Okafor")
    assert axe_violations(page) == []
