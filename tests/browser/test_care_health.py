"""A social worker records a review health assessment and a PEP review for a child in care from My work, and sees
both clocks stop. In Chromium, with axe on each form."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from lantern.accounts.roles import Role
from lantern.care.models import HealthAssessment, PersonalEducationPlan
from lantern.core.services import local_today
from tests.browser.test_every_page_axe import live_server_screenshot
from tests.factories import AllocationFactory, CareEpisodeFactory, ChildFactory, UserFactory, WorkerFactory, make

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "a-long-test-password"


def sign_in(page, username):
    expect(page.get_by_role("heading", name="Sign in to Lantern")).to_be_visible()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def fill_date(page, group: str, day) -> None:
    dates = page.get_by_role("group", name=group)
    dates.get_by_label("Day").fill(str(day.day))
    dates.get_by_label("Month").fill(str(day.month))
    dates.get_by_label("Year").fill(str(day.year))


def test_a_worker_records_a_review_health_assessment_and_a_pep_from_my_work(page, live_server, axe_violations):
    today = local_today()
    user = UserFactory(username="priya.shah", first_name="Priya", last_name="Shah", roles=[Role.SOCIAL_WORKER])
    worker = WorkerFactory(user=user, first_name="Priya", last_name="Shah")
    child = ChildFactory(first_name="Maisie", last_name="Okafor", la_child_id="C4400123")
    AllocationFactory(child=child, worker=worker, start_date=today - timedelta(days=500))
    # Looked after for 14 months; the initial health assessment and the first PEP 13 months ago: both reviews overdue.
    CareEpisodeFactory(period__child=child, period__start_date=today - timedelta(days=430))
    make(HealthAssessment, child=child, kind="initial", assessment_date=today - timedelta(days=400))
    make(PersonalEducationPlan, child=child, plan_date=today - timedelta(days=400))

    page.goto(live_server.url + "/work/")
    sign_in(page, "priya.shah")
    clocks = page.get_by_role("table", name=re.compile("clocks?, overdue first"))
    overdue = clocks.locator('tr[data-status="overdue"]')
    health_row = overdue.filter(has_text="Review health assessment")
    expect(health_row).to_have_count(1)
    expect(overdue.filter(has_text="PEP review")).to_have_count(1)

    health_row.get_by_role("link", name=re.compile("^Record the health assessment")).click()
    expect(page.get_by_role("heading", name="Record a health assessment")).to_be_visible()
    expect(page.get_by_label("Review health assessment")).to_be_checked()
    fill_date(page, "Date of the assessment", today + timedelta(days=2))
    page.get_by_role("button", name="Save").click()
    # A date in the future is refused, naming the field; nothing is saved.
    expect(page.locator(".govuk-error-summary")).to_contain_text("Date of the assessment must be today or in the past")
    assert axe_violations(page) == []
    fill_date(page, "Date of the assessment", today - timedelta(days=1))
    page.screenshot(path=str(live_server_screenshot("care-health-assessment")), full_page=True)
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_role("heading", name="My work", level=1)).to_be_visible()
    expect(page.get_by_text("Health assessment recorded")).to_be_visible()
    expect(overdue.filter(has_text="Review health assessment")).to_have_count(0)

    overdue.filter(has_text="PEP review").get_by_role("link", name=re.compile("^Record the PEP")).click()
    expect(page.get_by_role("heading", name="Record a personal education plan")).to_be_visible()
    assert axe_violations(page) == []
    fill_date(page, "Date of the PEP meeting", today)
    page.screenshot(path=str(live_server_screenshot("care-pep")), full_page=True)
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_text("Personal education plan recorded")).to_be_visible()
    expect(overdue.filter(has_text="PEP review")).to_have_count(0)
    page.screenshot(path=str(live_server_screenshot("care-my-work-after")), full_page=True)
    assert HealthAssessment.objects.filter(kind="review").count() == 1
    assert PersonalEducationPlan.objects.count() == 2
