"""A social worker's case note survives leaving the page mid-typing; a team manager's oversight decision starts its
clock on the record. In Chromium, with axe on each page and screenshots to look at (test-results/)."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from lantern.accounts.roles import Role
from lantern.core.services import local_today
from lantern.workforce.models import Worker
from tests.browser.test_every_page_axe import live_server_screenshot
from tests.factories import AllocationFactory, ChildFactory, UserFactory, WorkerFactory

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "a-long-test-password"


def sign_in(page, username):
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


@pytest.fixture
def maisie():
    user = UserFactory(username="priya", first_name="Priya", last_name="Shah", roles=[Role.SOCIAL_WORKER])
    worker = WorkerFactory(user=user, first_name="Priya", last_name="Shah")
    manager = UserFactory(username="tom", first_name="Tom", last_name="Reyes", roles=[Role.TEAM_MANAGER])
    WorkerFactory(user=manager, team=worker.team, role=Worker.Role.TEAM_MANAGER, first_name="Tom", last_name="Reyes")
    child = ChildFactory(first_name="Maisie", last_name="Okafor", la_child_id="C4400123")
    AllocationFactory(child=child, worker=worker, start_date=local_today() - timedelta(days=60))
    return child


def test_a_case_note_draft_is_there_when_the_worker_comes_back(page, live_server, axe_violations, maisie):
    today = local_today()
    page.goto(f"{live_server.url}/children/C4400123/")
    sign_in(page, "priya")
    expect(page.get_by_role("heading", name="Maisie Okafor", level=1)).to_be_visible()
    page.get_by_role("link", name="Write a case note").first.click()
    expect(page.get_by_role("heading", name="Write a case note")).to_be_visible()
    assert axe_violations(page) == []
    when = page.get_by_role("group", name="Date and time of the event")
    when.get_by_label("Day").fill(str(today.day))
    when.get_by_label("Month").fill(str(today.month))
    when.get_by_label("Year").fill(str(today.year))
    when.get_by_label("Time").fill("00:05")
    page.get_by_label("Direct work").check()
    page.get_by_label("Who was seen").fill("Maisie")
    page.get_by_label("Case note").fill(
        "We made a three houses drawing. Maisie put her nan in the house of good things"
    )
    expect(page.get_by_role("status")).to_contain_text("Draft saved at")
    page.screenshot(path=str(live_server_screenshot("case-note-typing")), full_page=True)

    # She goes to My work mid-sentence, then comes back to the record and the note.
    page.get_by_role("link", name="My work").click()
    expect(page.get_by_role("heading", name="My work", level=1)).to_be_visible()
    page.goto(f"{live_server.url}/children/C4400123/")
    page.get_by_role("link", name="Write a case note").first.click()
    expect(page.get_by_text("We kept what you were writing")).to_be_visible()
    expect(page.get_by_label("Case note")).to_have_value(re.compile("house of good things$"))
    expect(page.get_by_label("Direct work")).to_be_checked()
    page.screenshot(path=str(live_server_screenshot("case-note-restored")), full_page=True)
    assert axe_violations(page) == []
    page.get_by_label("Case note").press("Control+End")
    page.get_by_label("Case note").press_sequentially(".")
    page.get_by_role("button", name="Save the case note").click()

    expect(page.get_by_text("Case note saved")).to_be_visible()
    chronology = page.get_by_role("table", name=re.compile("events?, newest first"))
    expect(chronology.get_by_role("row").nth(1)).to_contain_text("Case note: direct work")
    expect(chronology).to_contain_text("house of good things.")
    page.screenshot(path=str(live_server_screenshot("record-with-note")), full_page=True)
    assert axe_violations(page) == []


def test_a_team_manager_records_oversight_and_sees_its_clock(page, live_server, axe_violations, maisie):
    today = local_today()
    review = today + timedelta(days=14)
    page.goto(f"{live_server.url}/children/C4400123/")
    sign_in(page, "tom")
    page.get_by_role("link", name="Record an oversight decision").click()
    expect(page.get_by_role("heading", name="Record a management oversight decision")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Decision", exact=True).fill("Increase visits to weekly until the review.")
    page.get_by_label("Reason for the decision").fill("School reports Maisie arriving hungry.")
    when = page.get_by_role("group", name="Next review date")
    when.get_by_label("Day").fill(str(review.day))
    when.get_by_label("Month").fill(str(review.month))
    when.get_by_label("Year").fill(str(review.year))
    page.get_by_role("button", name="Save the decision").click()

    expect(page.get_by_text("Oversight decision recorded")).to_be_visible()
    clocks = page.get_by_role("table", name=re.compile("running"))
    row = clocks.get_by_role("row").filter(has_text="Management oversight review")
    expect(row).to_contain_text(f"{review.day} {review:%b %Y}")
    expect(row.get_by_role("link", name=re.compile("^Record an oversight decision"))).to_be_visible()
    page.screenshot(path=str(live_server_screenshot("record-with-oversight")), full_page=True)
    assert axe_violations(page) == []
