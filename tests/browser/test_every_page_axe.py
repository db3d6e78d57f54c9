"""Every page a service manager can open passes axe-core with no violations, in Chromium."""

import re
from datetime import UTC, date, datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from lantern.accounts.roles import Role
from lantern.casework.models import CaseNote, OversightDecision
from lantern.improvement import services as improvement_services
from lantern.improvement.models import Theme
from lantern.journey.models import Contact, CPPlan, Section47Enquiry, StrategyDiscussion
from lantern.missing.models import MissingEpisode
from tests.factories import (
    AllocationFactory,
    CareEpisodeFactory,
    ChildFactory,
    ReferralFactory,
    UserFactory,
    WorkerFactory,
    make,
)
from tests.journey.worlds import plan_page_kwargs

pytestmark = pytest.mark.django_db(transaction=True)


def test_every_page_passes_axe(page, live_server, axe_violations):
    user = UserFactory(username="sally", roles=[Role.SERVICE_MANAGER])
    worker = WorkerFactory(user=user, role="service_manager")
    child = ChildFactory(la_child_id="A1", date_of_birth=date(2014, 5, 1))
    AllocationFactory(child=child, worker=worker)
    contact = make(Contact, child=child, source="6", received_at=datetime(2026, 1, 5, 9, tzinfo=UTC))
    referral = ReferralFactory(child=child, referral_date=date(2026, 1, 6))
    discussion = make(
        StrategyDiscussion, referral=referral, child=child, threshold_decision_at=datetime(2026, 1, 7, 9, tzinfo=UTC)
    )
    enquiry = make(Section47Enquiry, referral=referral, child=child, start_date=date(2026, 1, 8))
    plan = make(
        CPPlan,
        referral=referral,
        child=child,
        start_date=date(2026, 1, 20),
        initial_category="NEG",
        latest_category="NEG",
    )
    CareEpisodeFactory(period__child=child, period__start_date=date(2026, 2, 2))
    episode = make(
        MissingEpisode,
        child=child,
        kind="M",
        started_at=datetime(2026, 3, 1, 20, tzinfo=UTC),
        returned_at=datetime(2026, 3, 2, 9, tzinfo=UTC),
    )

    note = make(
        CaseNote,
        child=child,
        event_at=datetime(2026, 3, 1, 9, tzinfo=UTC),
        kind="visit",
        text="Seen.",
        recorded_by=user,
    )
    decision = make(
        OversightDecision,
        child=child,
        decided_on=date(2026, 3, 1),
        decision="Continue.",
        reason="Progress.",
        next_review_on=date(2026, 4, 1),
        recorded_by=user,
    )
    improvement_services.themes_ensure()  # a transactional test flushes the migration's themes
    improvement_action = improvement_services.action_save(
        by=user, theme=Theme.objects.get(key="partnerships"), ref="PA1", text="Joint panel",
        start_date=date(2026, 1, 1), due_date=date(2026, 6, 30),
    )  # fmt: skip
    page.goto(live_server.url + reverse("login"))
    page.get_by_label("Username").fill("sally")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    urls = [
        reverse("home"),
        reverse("search") + "?q=A1",
        reverse("child", args=["A1"]),
        reverse("child_reason", args=["A1"]),
        reverse("child_access_log", args=["A1"]),
        reverse("journey:contact_decision", args=[contact.pk]),
        reverse("journey:assessment", args=[referral.pk]),
        reverse("journey:strategy_discussion_new", args=[referral.pk]),
        reverse("journey:strategy_discussion", args=[discussion.pk]),
        reverse("journey:icpc", args=[enquiry.pk]),
        reverse("journey:cp_review", args=[plan.pk]),
        reverse("journey:visit", args=["A1"]) + "?kind=cp",
        reverse("care:cla_review", args=["A1"]),
        reverse("liberty:order_new", args=["A1"]),
        reverse("sharing:decision_new", args=["A1"]),
        reverse("care:period_start", args=["A1"]),
        reverse("care:episode_change", args=["A1"]),
        reverse("care:period_end", args=["A1"]),
        reverse("care:health_assessment", args=["A1"]),
        reverse("care:dental_check", args=["A1"]),
        reverse("care:immunisation_check", args=["A1"]),
        reverse("care:sdq", args=["A1"]),
        reverse("care:pep", args=["A1"]),
        reverse("care:iro_contact", args=["A1"]),
        reverse("care:permanence_plan", args=["A1"]),
        reverse("care:adoption_decision", args=["A1"]),
        reverse("care:placement_order", args=["A1"]),
        reverse("care:adoption_match", args=["A1"]),
        reverse("care:adoption_reverse", args=["A1"]),
        reverse("care:children_in_care"),
        reverse("care:permanence"),
        reverse("leaving_care:contact", args=["A1"]),
        reverse("missing:return_interview", args=[episode.pk]),
        reverse("casework:case_notes", args=["A1"]),
        reverse("casework:case_note_new", args=["A1"]),
        reverse("casework:case_note", args=[note.pk]),
        reverse("casework:case_note_correct", args=[note.pk]),
        reverse("casework:oversight_new", args=["A1"]),
        reverse("casework:oversight", args=[decision.pk]),
        reverse("casework:oversight_correct", args=[decision.pk]),
        reverse("missing:return", args=[episode.pk]),
        reverse("missing:report", args=["A1"]),
        reverse("missing:screening", args=["A1"]),
        reverse("missing:safety_plan", args=["A1"]),
        reverse("missing:now"),
        reverse("missing:repeated"),
        reverse("leaving_care:entitlements", args=["A1"]),
        reverse("leaving_care:turning_18"),
        reverse("worklists:my_work"),
        reverse("worklists:team"),
        reverse("worklists:service"),
        reverse("worklists:clocks"),
        reverse("performance:pack"),
        reverse("performance:measure", args=["assessments_within_45_wd"]),
        reverse("two_factor_setup"),
        reverse("frontdoor:contact_new", args=["A1"]),
        reverse("frontdoor:allocate", args=["A1"]),
        reverse("frontdoor:allocation_end", args=[child.allocations.get().pk]),
        reverse("frontdoor:unallocated"),
        reverse("staffing:workforce"),
        reverse("staffing:workforce") + f"?team={worker.team_id}",
        reverse("staffing:census"),
        reverse("staffing:supervision_new", args=[worker.pk]),
        reverse("improvement:plan"),
        reverse("improvement:board"),
        reverse("improvement:action", args=[improvement_action.pk]),
        reverse("improvement:action_new"),
        reverse("improvement:action_edit", args=[improvement_action.pk]),
        reverse("improvement:milestone_new", args=[improvement_action.pk]),
        reverse("improvement:evidence_new", args=[improvement_action.pk]),
        reverse("improvement:rag", args=[improvement_action.pk]),
    ]
    urls += [reverse(name, kwargs=kw) for name, kw in plan_page_kwargs(referral=referral, cp_plan=plan).items()]
    failures = {}
    for url in urls:
        response = page.goto(live_server.url + url)
        assert response.status == 200, url
        violations = axe_violations(page)
        if violations:
            failures[url] = violations
    assert failures == {}


def test_the_administrators_account_pages_pass_axe(page, live_server, axe_violations, settings):
    settings.LANTERN_REQUIRE_2FA = False
    UserFactory(username="ada", roles=[Role.ADMINISTRATOR])
    UserFactory(username="tina", first_name="Tina", last_name="Manager", roles=[Role.TEAM_MANAGER])
    page.goto(live_server.url + reverse("login"))
    page.get_by_label("Username").fill("ada")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Users").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Users")
    assert axe_violations(page) == []
    page.get_by_role("link", name=re.compile("^Tina Manager")).click()
    page.locator("#issue-reason").fill("New starter, ticket 42")
    page.get_by_role("button", name="Issue a code").click()
    expect(page.locator(".govuk-panel__title")).to_have_text("Enrolment code")
    assert axe_violations(page) == []
    page.screenshot(path=str(live_server_screenshot("user-two-factor")), full_page=True)
    page.get_by_role("button", name="Remove apps and sign out").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the reason")
    assert axe_violations(page) == []


def live_server_screenshot(name: str):
    """Where a screenshot goes for a person to look at (test-results/, ignored by git)."""
    from pathlib import Path

    folder = Path(__file__).resolve().parents[2] / "test-results"
    folder.mkdir(exist_ok=True)
    return folder / f"{name}.png"


def test_the_staff_pages_pass_axe(page, live_server, axe_violations, settings):
    from tests.factories import TeamFactory

    settings.LANTERN_REQUIRE_2FA = False
    team = TeamFactory(name="Team A")
    UserFactory(username="ada", roles=[Role.ADMINISTRATOR])
    tina = UserFactory(username="tina", first_name="Tina", last_name="Manager", roles=[Role.TEAM_MANAGER])
    WorkerFactory(user=tina, team=team, role="team_manager")
    page.goto(live_server.url + reverse("login"))
    page.get_by_label("Username").fill("ada")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign in").click()
    for url in [reverse("staff:new"), reverse("staff:edit", args=["tina"]), reverse("staff:access_reviews")]:
        page.goto(live_server.url + url)
        assert axe_violations(page) == [], url
    page.goto(live_server.url + reverse("staff:new"))
    page.get_by_role("button", name="Create the account").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a username")
    assert axe_violations(page) == []
    page.screenshot(path=str(live_server_screenshot("staff-new-errors")), full_page=True)
    page.goto(live_server.url + reverse("staff:access_review", args=[team.pk]))
    assert axe_violations(page) == []
    page.goto(live_server.url + reverse("password_change"))
    assert axe_violations(page) == []
