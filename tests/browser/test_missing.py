"""A social worker reports a child missing, sees them on "Missing now", records their return, then the return home
interview from My work, and sees its clock stop. In Chromium, with axe on each page.

Dates are yesterday's evening, so that nothing is in the future whatever time the suite runs.
"""

import os
import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from lantern.accounts.roles import Role
from lantern.core.services import local_today
from tests.browser.test_my_work import PASSWORD, sign_in
from tests.factories import AllocationFactory, ChildFactory, UserFactory, WorkerFactory

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = os.environ.get("LANTERN_SCREENSHOTS")  # a folder, to look at the pages


def shot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def fill_moment(page, group: str, day, at: str) -> None:
    fields = page.get_by_role("group", name=group)
    fields.get_by_label("Day").fill(str(day.day))
    fields.get_by_label("Month").fill(str(day.month))
    fields.get_by_label("Year").fill(str(day.year))
    fields.get_by_label("Time").fill(at)


def test_a_child_reported_missing_returns_and_their_interview_stops_its_clock(page, live_server, axe_violations):
    yesterday = local_today() - timedelta(days=1)
    user = UserFactory(username="priya.shah", first_name="Priya", last_name="Shah", roles=[Role.SOCIAL_WORKER])
    assert PASSWORD
    worker = WorkerFactory(user=user, first_name="Priya", last_name="Shah")
    child = ChildFactory(first_name="Maisie", last_name="Okafor", la_child_id="C4400123")
    AllocationFactory(child=child, worker=worker, start_date=yesterday - timedelta(days=60))

    page.goto(live_server.url + "/children/C4400123/missing-episodes/new/")
    sign_in(page, "priya.shah")
    expect(page.get_by_role("heading", name="Report the child missing")).to_be_visible()
    page.get_by_role("group", name="Is the child missing").get_by_label("Missing", exact=True).check()
    page.get_by_role("group", name="Missing from").get_by_label("Home").check()
    fill_moment(page, "When did the child go missing?", yesterday, "19:30")
    assert axe_violations(page) == []
    shot(page, "missing-report")
    page.get_by_role("button", name="Report missing").click()
    expect(page.get_by_text("Missing episode reported")).to_be_visible()

    page.goto(live_server.url + "/missing/")
    missing = page.get_by_role("table", name=re.compile("missing now"))
    row = missing.get_by_role("row").filter(has_text="Maisie Okafor")
    expect(row).to_contain_text("Priya Shah")
    expect(row).to_contain_text("Missing, home")
    assert axe_violations(page) == []
    shot(page, "missing-now")
    row.get_by_role("link", name=re.compile("^Record the return")).click()

    expect(page.get_by_role("heading", name="Record the child’s return")).to_be_visible()
    fill_moment(page, "When did the child return?", yesterday, "23:10")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Return recorded")).to_be_visible()
    expect(page.get_by_role("table", name=re.compile("missing now"))).to_contain_text("No child is missing now")

    page.goto(live_server.url + "/work/")
    clocks = page.get_by_role("table", name=re.compile("clocks?, overdue first"))
    interview = clocks.get_by_role("row").filter(has_text="Return home interview")
    expect(interview).to_contain_text("Maisie Okafor")
    shot(page, "missing-my-work")
    interview.get_by_role("link", name=re.compile("^Record the interview")).click()

    expect(page.get_by_role("heading", name="Record the return home interview")).to_be_visible()
    page.get_by_role("group", name="Was the child offered a return home interview?").get_by_label("Yes").check()
    page.get_by_role("group", name="Did the child accept the interview?").get_by_label("Yes").check()
    fill_moment(page, "When was the interview held?", yesterday, "23:40")
    assert axe_violations(page) == []
    shot(page, "missing-interview")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_role("heading", name="My work", level=1)).to_be_visible()
    expect(page.get_by_text("Return home interview recorded")).to_be_visible()
    expect(clocks.get_by_role("row").filter(has_text="Return home interview")).to_have_count(0)
