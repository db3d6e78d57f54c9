"""The front door in Chromium: register a child (after seeing the near-match), log a contact, decide it as a
referral, find it on the queue's unallocated referrals, and allocate a worker. Axe on every page; screenshots in
test-results/ for a person to look at. Dates run from the real today (a decision cannot be in the future)."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from lantern.accounts.roles import Role
from lantern.core.services import local_today
from lantern.journey.models import NeedLevel
from lantern.workforce.models import Allocation
from tests.browser.test_every_page_axe import live_server_screenshot
from tests.factories import ChildFactory, TeamFactory, UserFactory, WorkerFactory, fixture_writes

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "a-long-test-password"


def fill_date(page, field: str, day: date, time: str = "") -> None:
    page.locator(f"#id_{field}-day").fill(str(day.day))
    page.locator(f"#id_{field}-month").fill(str(day.month))
    page.locator(f"#id_{field}-year").fill(str(day.year))
    if time:
        page.locator(f"#id_{field}-time").fill(time)


def look(page, axe_violations, name: str) -> None:
    page.screenshot(path=str(live_server_screenshot(f"front-door-{name}")), full_page=True)
    assert axe_violations(page) == [], name


def test_the_front_door_registers_a_child_logs_a_contact_refers_and_allocates(page, live_server, axe_violations):
    yesterday = local_today() - timedelta(days=1)
    with fixture_writes():
        # A transactional test empties the tables the migrations seeded: the levels are put back here.
        for position, name in enumerate(["Level 1: universal", "Level 2: additional needs",
                                         "Level 3: complex needs", "Level 4: acute needs"], 1):  # fmt: skip
            NeedLevel.objects.get_or_create(position=position, defaults={"name": name})
    team = TeamFactory(name="Riverside Safeguarding")
    bea = WorkerFactory(team=team, first_name="Bea", last_name="Brown")
    WorkerFactory(team=team, first_name="Gail", last_name="Gone", end_date=yesterday)
    ChildFactory(first_name="Amelia", last_name="Hughes", la_child_id="C5000001", date_of_birth=date(2016, 4, 3))
    UserFactory(username="fran", first_name="Fran", last_name="Door", roles=[Role.FRONT_DOOR])

    page.goto(live_server.url + "/front-door/")
    page.get_by_label("Username").fill("fran")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Front-door queue")
    look(page, axe_violations, "queue-empty")

    # Register: a near-match (Amelia Hughes, same birthday) is shown before anything is saved.
    page.get_by_role("link", name="Register a child").click()
    page.get_by_label("First name").fill("Amelia")
    page.get_by_label("Last name").fill("Hewes")
    fill_date(page, "date_of_birth", date(2016, 4, 3))
    page.get_by_label("Female").check()
    page.get_by_label("Ethnicity").select_option("WBRI")
    look(page, axe_violations, "register")
    page.get_by_role("button", name="Check and register").click()
    expect(page.get_by_role("heading", name="Is this child already known?")).to_be_visible()
    expect(page.get_by_role("row", name="Amelia Hughes (C5000001)")).to_contain_text(
        "A similar name and the same date of birth"
    )
    look(page, axe_violations, "register-possible-match")
    page.get_by_label("Why is this a different child?").fill("Different parents and school: checked with the GP")
    page.get_by_role("button", name="Register as a new child").click()

    # Log the contact.
    expect(page.get_by_role("heading", level=1)).to_have_text("Log a contact")
    expect(page.locator(".govuk-notification-banner--success, .govuk-notification-banner")).to_contain_text(
        "Amelia Hewes registered"
    )
    fill_date(page, "received_at", yesterday, "09:05")
    page.get_by_label("Source of the contact").select_option("3A")
    page.get_by_label("Who made the contact").fill("Jo Bloggs, designated safeguarding lead, Hill Primary")
    page.get_by_label("What are the concerns?").fill("Amelia said she is frightened to go home.")
    page.get_by_label("Yes, the family consented").check()
    look(page, axe_violations, "contact")
    page.get_by_role("button", name="Log the contact").click()

    # Decide it: a referral to children's social care, for the safeguarding team.
    expect(page.get_by_role("heading", level=1)).to_have_text("Record the decision on a contact")
    expect(page.locator("main")).to_contain_text("Amelia said she is frightened to go home.")
    page.get_by_label("Level 3: complex needs").check()
    page.get_by_label("Referral to children's social care").check()
    fill_date(page, "decision_at", yesterday, "10:30")
    page.get_by_label("Team to take the referral").select_option(label="Riverside Safeguarding")
    look(page, axe_violations, "decision")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("main")).to_contain_text("Contact decision recorded and referral opened")

    # On the queue: no contact waiting, the referral waiting for a worker.
    page.goto(live_server.url + "/front-door/")
    expect(page.locator("main")).to_contain_text("Referrals not yet allocated (1)")
    row = page.get_by_role("row", name="Amelia Hewes")
    expect(row).to_contain_text("Riverside Safeguarding")
    look(page, axe_violations, "queue-referral")
    row.get_by_role("link", name="Allocate").click()

    # Allocate: a leaver is refused by name; Bea is allocated.
    expect(page.get_by_role("heading", level=1)).to_have_text("Allocate a worker")
    look(page, axe_violations, "allocate")
    page.get_by_label("Worker", exact=True).select_option(label="Bea Brown, social worker, Riverside Safeguarding")
    fill_date(page, "start_date", local_today())
    page.get_by_role("button", name="Allocate").click()
    expect(page.locator("main")).to_contain_text("Amelia Hewes allocated to Bea Brown, Riverside Safeguarding")
    expect(page.locator("main")).to_contain_text("Referrals not yet allocated")
    expect(page.get_by_role("row", name="Amelia Hewes")).to_have_count(0)
    allocation = Allocation.objects.get(child__last_name="Hewes")
    assert (allocation.worker, allocation.team) == (bea, team)

    # The child's record shows who holds them now, in the history of workers.
    # Bea's now, so no longer the front door's own work: the reason for opening it is asked first.
    page.goto(live_server.url + f"/children/{allocation.child.la_child_id}/")
    page.locator("#reason").check()
    page.get_by_role("button", name="Open the record").click()
    page.get_by_text("History of workers (1)").click()
    expect(page.get_by_role("table", name="History of workers, newest first")).to_contain_text("Bea Brown")
    look(page, axe_violations, "record-history")
