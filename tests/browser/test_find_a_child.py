"""A social worker signs in, finds a child by name and reads the record, in Chromium, with axe on each page."""

from datetime import date

import pytest
from playwright.sync_api import expect

from lantern.accounts.roles import Role
from lantern.journey.models import Visit
from tests.factories import AllocationFactory, ChildFactory, ReferralFactory, UserFactory, VisitFactory, WorkerFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_worker_signs_in_searches_and_opens_a_record(page, live_server, axe_violations):
    user = UserFactory(username="priya.shah", first_name="Priya", last_name="Shah", roles=[Role.SOCIAL_WORKER])
    worker = WorkerFactory(user=user, first_name="Priya", last_name="Shah")
    child = ChildFactory(
        first_name="Maisie", last_name="Okafor", la_child_id="C4400123", date_of_birth=date(2014, 2, 3)
    )
    AllocationFactory(child=child, worker=worker, start_date=date(2025, 2, 10))
    ReferralFactory(child=child, referral_date=date(2025, 2, 7), referral_source="2A")
    VisitFactory(
        child=child, kind=Visit.Kind.CIN, visit_date=date(2025, 3, 4), seen=True, seen_alone=True, worker=worker
    )

    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", name="Sign in to Lantern")).to_be_visible()
    page.get_by_label("Username").fill("priya.shah")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_role("heading", name="My children")).to_be_visible()
    expect(page.get_by_role("link", name="Maisie Okafor")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_label("Find a child").fill("okafor")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_text("1 children found")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Maisie Okafor").click()
    expect(page.get_by_role("heading", name="Maisie Okafor", level=1)).to_be_visible()
    expect(page.get_by_text("Open referral")).to_be_visible()
    chronology = page.locator("table.lantern-chronology tbody tr")
    expect(chronology).to_have_count(3)
    # Newest first: the visit, then the allocation, then the referral that began it.
    expect(chronology.nth(0)).to_contain_text("Child seen alone by Priya Shah")
    expect(chronology.nth(2)).to_contain_text("7 Feb 2025")
    assert axe_violations(page) == []
