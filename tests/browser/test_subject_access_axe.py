"""The data protection officer's pages (finding a child, the access log, change history, subject access) pass
axe-core, with and without errors shown, in Chromium."""

from datetime import date

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from lantern.accounts.roles import Role
from lantern.journey.models import Visit
from lantern.journey.services import visit_record
from tests.factories import AllocationFactory, ChildFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_data_protection_officers_pages_pass_axe(page, live_server, axe_violations):
    UserFactory(username="dana", first_name="Dana", last_name="Protector", roles=[Role.DATA_PROTECTION])
    child = ChildFactory(la_child_id="A1", date_of_birth=date(2014, 5, 1))
    allocation = AllocationFactory(child=child)
    visit_record(
        by=None,
        child=child,
        kind=Visit.Kind.OTHER,
        visit_date=date(2025, 1, 7),
        seen=True,
        seen_alone=False,
        worker=allocation.worker,
    )

    page.goto(live_server.url + reverse("login"))
    page.get_by_label("Username").fill("dana")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    failures = {}

    def check(name: str) -> None:
        violations = axe_violations(page)
        if violations:
            failures[name] = violations

    check("home with the find form")
    page.get_by_role("button", name="Find").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    check("find: no ID")
    page.get_by_label("Find a child's access log").fill("A1")
    page.get_by_role("button", name="Find").click()
    expect(page.get_by_role("heading", name="Who has opened this record")).to_be_visible()
    check("access log")
    page.get_by_role("link", name="Change history of this record").click()
    expect(page.get_by_role("heading", name="Change history")).to_be_visible()
    check("change history")
    page.goto(live_server.url + reverse("subject_access", args=["A1"]))
    page.get_by_role("button", name="Log the request").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    check("subject access: errors")
    page.get_by_label("Request reference").fill("SAR-2026-001")
    page.get_by_label("Redact family members and other people on the record").check()
    page.get_by_role("button", name="Log the request").click()
    expect(page.get_by_role("link", name="Download the file for request SAR-2026-001 (zip)")).to_be_visible()
    check("subject access: request logged")
    assert failures == {}
