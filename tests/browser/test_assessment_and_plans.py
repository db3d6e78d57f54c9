"""A social worker records an assessment (the child seen, in their own words); a team manager authorises it; a CP
plan's first core group is overdue on My work and its link records it. In Chromium, with axe on each page and
screenshots to look at (test-results/)."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from lantern.accounts.roles import Role
from lantern.core.services import local_today
from lantern.journey.models import Assessment, ChildProtectionConference, CPPlan
from lantern.workforce.models import Worker
from tests.browser.test_every_page_axe import live_server_screenshot
from tests.factories import AllocationFactory, ChildFactory, ReferralFactory, UserFactory, WorkerFactory, make

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "a-long-test-password"


def sign_in(page, username):
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def fill_date(page, group: str, day) -> None:
    when = page.get_by_role("group", name=group)
    when.get_by_label("Day").fill(str(day.day))
    when.get_by_label("Month").fill(str(day.month))
    when.get_by_label("Year").fill(str(day.year))


@pytest.fixture
def jayden():
    user = UserFactory(username="priya", first_name="Priya", last_name="Shah", roles=[Role.SOCIAL_WORKER])
    worker = WorkerFactory(user=user, first_name="Priya", last_name="Shah")
    manager = UserFactory(username="tom", first_name="Tom", last_name="Reyes", roles=[Role.TEAM_MANAGER])
    WorkerFactory(user=manager, team=worker.team, role=Worker.Role.TEAM_MANAGER, first_name="Tom", last_name="Reyes")
    child = ChildFactory(first_name="Jayden", last_name="Brooks", la_child_id="C4400777")
    AllocationFactory(child=child, worker=worker, start_date=local_today() - timedelta(days=60))
    return child


def test_an_assessment_is_recorded_by_the_worker_and_authorised_by_the_manager(
    page, live_server, axe_violations, jayden
):
    referred = local_today() - timedelta(days=3)
    ReferralFactory(child=jayden, referral_date=referred)
    page.goto(f"{live_server.url}/children/C4400777/")
    sign_in(page, "priya")
    page.get_by_role("link", name="Record the assessment", exact=True).click()
    expect(page.get_by_role("heading", name="Start a child and family assessment")).to_be_visible()
    fill_date(page, "Date the assessment started", referred)
    fill_date(page, "Date the child was seen", referred)
    page.get_by_label("The child’s own words and wishes").fill("I want to stay with my nan. Mum shouts.")
    page.get_by_label("How the child’s views were gathered").fill("Seen alone at school, with a three houses drawing")
    page.get_by_label("Impact on siblings").fill("His sister Mia (4) hears the arguments at night.")
    page.screenshot(path=str(live_server_screenshot("assessment-start")), full_page=True)
    assert axe_violations(page) == []
    page.get_by_role("button", name="Start assessment").click()
    expect(page.get_by_text("Assessment started", exact=True)).to_be_visible()

    page.get_by_role("link", name="Record the assessment", exact=True).click()
    expect(page.get_by_role("heading", name="Record the child and family assessment")).to_be_visible()
    expect(page.get_by_role("button", name="Authorise assessment")).to_have_count(0)
    page.get_by_label("concerns about the parent(s) or carer(s)").first.check()  # alcohol misuse: the parents
    page.get_by_label("Child in need plan").check()
    page.screenshot(path=str(live_server_screenshot("assessment-record")), full_page=True)
    assert axe_violations(page) == []
    page.get_by_role("button", name="Save the assessment").click()
    expect(page.get_by_text("Assessment saved: a team manager authorises it", exact=True)).to_be_visible()

    page.context.clear_cookies()
    page.goto(f"{live_server.url}/children/C4400777/")
    sign_in(page, "tom")
    page.get_by_role("link", name="Record the assessment", exact=True).click()
    expect(page.get_by_role("heading", name="Authorise the child and family assessment")).to_be_visible()
    expect(page.get_by_text("I want to stay with my nan. Mum shouts.")).to_be_visible()
    fill_date(page, "Date authorised", local_today())
    page.get_by_role("group", name="Was the child assessed as needing children’s social care support?").get_by_label(
        "Yes"
    ).check()
    page.screenshot(path=str(live_server_screenshot("assessment-authorise")), full_page=True)
    assert axe_violations(page) == []
    page.get_by_role("button", name="Authorise assessment").click()
    expect(page.get_by_role("alert", name="Success")).to_contain_text("Assessment authorised")
    assessment = Assessment.objects.get()
    assert assessment.authorised_by.username == "tom"
    assert list(assessment.factors.values_list("code", flat=True)) == ["1B"]


def test_a_cp_plans_core_group_clock_shows_on_my_work_and_its_link_records_it(
    page, live_server, axe_violations, jayden
):
    icpc = local_today() - timedelta(days=21)
    referral = ReferralFactory(child=jayden, referral_date=icpc - timedelta(days=30))
    plan = make(CPPlan, referral=referral, child=jayden, start_date=icpc, initial_category="EMO", latest_category="EMO")
    make(
        ChildProtectionConference,
        referral=referral,
        child=jayden,
        kind="initial",
        cp_plan=plan,
        held_on=icpc,
        plan_made=True,
    )
    page.goto(f"{live_server.url}/work/")
    sign_in(page, "priya")
    expect(page.get_by_role("heading", name="My work", level=1)).to_be_visible()
    row = page.get_by_role("row").filter(has_text="First core group")
    expect(row).to_contain_text("Overdue")
    page.screenshot(path=str(live_server_screenshot("my-work-core-group-overdue")), full_page=True)
    row.get_by_role("link", name=re.compile("^Record the core group")).click()
    expect(page.get_by_role("heading", name="Record a core group")).to_be_visible()
    assert axe_violations(page) == []
    fill_date(page, "Date of the core group", icpc - timedelta(days=1))
    page.get_by_role("button", name="Record the core group").click()
    expect(
        page.get_by_role("link", name=re.compile("must be the same as or after the initial child protection"))
    ).to_be_visible()
    fill_date(page, "Date of the core group", icpc + timedelta(days=7))
    page.get_by_role("button", name="Record the core group").click()
    expect(page.get_by_role("heading", name="My work", level=1)).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="First core group")).to_have_count(0)
    page.screenshot(path=str(live_server_screenshot("my-work-after-core-group")), full_page=True)
    expect(page.get_by_role("row").filter(has_text="Core group")).to_contain_text("Not due")

    page.goto(f"{live_server.url}/cp-plans/{plan.pk}/")
    expect(page.get_by_role("heading", name="Child protection plan")).to_be_visible()
    page.screenshot(path=str(live_server_screenshot("cp-plan")), full_page=True)
    assert axe_violations(page) == []
