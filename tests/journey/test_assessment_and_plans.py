"""Assessments (child seen, the child's voice, factors, a manager's authorisation) and plans (actions, core groups,
CIN plan reviews, the lead practitioner): what each page saves, the clocks it starts and stops, what it refuses."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from lantern.journey import plan_services, services
from lantern.journey.models import (
    Assessment,
    AuthorisationDelegation,
    ChildProtectionConference,
    CINPlan,
    CINPlanReview,
    CoreGroup,
    CPPlan,
    PlanAction,
)
from lantern.timescales.rules import REGISTRY
from lantern.timescales.selectors import child_timescales
from lantern.worklists.links import action_for
from tests.factories import ReferralFactory, fixture_writes, make
from tests.journey.test_views import a_date, assert_refused, text_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_monday")]
TODAY = date(2026, 3, 2)  # a Monday


def clocks(child, rule_id: str) -> list:
    return [c for c in child_timescales(child=child, as_of=TODAY) if c.rule.id == rule_id]


@pytest.fixture
def referral(people):
    return ReferralFactory(child=people["amy"], referral_date=date(2026, 1, 5), referral_source="6")


@pytest.fixture
def assessment(referral):
    return make(Assessment, referral=referral, child=referral.child, start_date=date(2026, 1, 6))


@pytest.fixture
def tina(client, people):
    client.force_login(people["tina"])
    return client


@pytest.fixture
def cp_plan(referral):
    plan = make(
        CPPlan,
        referral=referral,
        child=referral.child,
        start_date=date(2026, 2, 2),
        initial_category="NEG",
        latest_category="NEG",
    )
    make(
        ChildProtectionConference,
        referral=referral,
        child=referral.child,
        kind="initial",
        cp_plan=plan,
        held_on=date(2026, 2, 2),
        plan_made=True,
    )
    return plan


@pytest.fixture
def cin_plan(referral):
    return make(CINPlan, referral=referral, child=referral.child, start_date=date(2025, 11, 3))


# Assessments ----------------------------------------------------------------------------------------------------


def test_a_social_worker_records_the_child_seen_and_their_words(alice, assessment):
    url = reverse("journey:assessment", args=[assessment.referral_id])
    page = text_of(alice.get(url))
    assert "Record the child and family assessment" in page
    assert "Alcohol misuse" in page and "Other factors" in page  # the factors grouped as the DfE groups them
    response = alice.post(
        url,
        a_date("child_seen_date", date(2026, 1, 8))
        | {"child_words": "I want my dad to stop shouting.", "how_gathered": "Seen alone at school", "factors": ["3B"]},
    )
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.child_seen_date == date(2026, 1, 8)
    assert assessment.child_words == "I want my dad to stop shouting."
    assert assessment.authorised_date is None
    assert list(assessment.factors.values_list("code", flat=True)) == ["3B"]
    (seen,) = clocks(assessment.child, "assessment_child_seen")
    assert (seen.due_date, seen.done_date) == (date(2026, 1, 12), date(2026, 1, 8))


def test_the_child_seen_clock_shows_overdue_until_the_child_is_seen(alice, assessment):
    (seen,) = clocks(assessment.child, "assessment_child_seen")
    assert seen.status == "overdue"
    assert action_for(seen, "A1").url == reverse("journey:assessment", args=[assessment.referral_id])


def test_it_refuses_a_child_seen_before_the_referral(alice, assessment):
    response = alice.post(
        reverse("journey:assessment", args=[assessment.referral_id]), a_date("child_seen_date", date(2026, 1, 2))
    )
    assert_refused(
        response,
        link="id_child_seen_date-day",
        message="Date the child was seen must be the same as or after the referral date, 5 January 2026",
    )
    assessment.refresh_from_db()
    assert assessment.child_seen_date is None


def test_it_refuses_a_100000_character_text_naming_the_field(alice, assessment):
    response = alice.post(reverse("journey:assessment", args=[assessment.referral_id]), {"child_words": "x" * 100_000})
    assert_refused(
        response,
        link="id_child_words",
        message="The child’s own words and wishes must be 20,000 characters or fewer: it has 100,000",
    )
    assessment.refresh_from_db()
    assert assessment.child_words == ""


def test_a_social_worker_is_not_offered_the_authorisation_and_the_service_refuses_them(alice, people, assessment):
    page = text_of(alice.get(reverse("journey:assessment", args=[assessment.referral_id])))
    assert "Authorise assessment" not in page
    with pytest.raises(ValidationError) as refused:
        services.assessment_authorise(
            by=people["alice"], assessment=assessment, authorised_date=date(2026, 2, 20), factors=["21"]
        )
    assert refused.value.message_dict["authorised_date"] == [
        "Authorising an assessment is a team manager’s decision: ask your team manager to authorise it"
    ]
    assessment.refresh_from_db()
    assert assessment.authorised_date is None


def test_a_council_may_delegate_authorising_to_social_workers(alice, people, assessment):
    with fixture_writes():
        AuthorisationDelegation.objects.create(id=1, social_workers_may_authorise=True)
    page = text_of(alice.get(reverse("journey:assessment", args=[assessment.referral_id])))
    assert "Authorise the child and family assessment" in page


def test_a_team_manager_authorises_with_the_outcome_and_the_decision_is_theirs(tina, people, assessment):
    with fixture_writes():
        assessment.child_words = "I like my nan’s house."
        assessment.save()
    url = reverse("journey:assessment", args=[assessment.referral_id])
    page = text_of(tina.get(url))
    assert "I like my nan’s house." in page
    response = tina.post(
        url,
        a_date("authorised_date", date(2026, 2, 20))
        | {"factors": ["16A"], "requires_support": "yes", "outcome": "cin_plan"},
    )
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.authorised_by == people["tina"]
    assert assessment.get_outcome_display() == "Child in need plan"


def test_a_new_assessment_keeps_the_childs_voice(alice, referral):
    response = alice.post(
        reverse("journey:assessment", args=[referral.pk]),
        a_date("start_date", date(2026, 1, 6)) | {"child_words": "Nothing", "sibling_impact": "Her brother is scared"},
    )
    assert response.status_code == 302
    assert Assessment.objects.get().sibling_impact == "Her brother is scared"


# Plans ----------------------------------------------------------------------------------------------------------


def test_a_core_group_stops_the_first_core_group_clock_and_starts_the_next(alice, cp_plan):
    first, *_ = clocks(cp_plan.child, "core_group_first")
    assert (first.due_date, first.status) == (date(2026, 2, 16), "overdue")
    response = alice.post(reverse("journey:core_group", args=[cp_plan.pk]), a_date("held_on", date(2026, 2, 12)))
    assert response.status_code == 302
    (first,) = clocks(cp_plan.child, "core_group_first")
    assert first.done_date == date(2026, 2, 12)
    (following,) = clocks(cp_plan.child, "core_group")
    assert following.due_date == date(2026, 3, 26)  # six weeks after, the local interval
    assert "Core group held" in text_of(alice.get(reverse("child", args=["A1"])))  # in the chronology


def test_it_refuses_a_core_group_before_the_icpc(alice, cp_plan):
    response = alice.post(reverse("journey:core_group", args=[cp_plan.pk]), a_date("held_on", date(2026, 1, 30)))
    assert_refused(
        response,
        link="id_held_on-day",
        message="Date of the core group must be the same as or after the initial child protection conference, "
        "2 February 2026",
    )
    assert not CoreGroup.objects.exists()


def test_a_plan_action_starts_a_clock_and_recording_it_done_stops_it(alice, cp_plan):
    posted = {"outcome": "Amy is safe at home", "action": "Mum attends the parenting course", "owner": "Mum"}
    response = alice.post(
        reverse("journey:cp_plan_action_new", args=[cp_plan.pk]), posted | a_date("due_date", date(2026, 3, 20))
    )
    assert response.status_code == 302
    action = PlanAction.objects.get()
    (clock,) = clocks(cp_plan.child, "plan_action")
    assert (clock.due_date, clock.done_date) == (date(2026, 3, 20), None)
    assert action_for(clock, "A1").url == reverse("journey:plan_action_done", args=[action.pk])
    assert "Mum attends the parenting course" in text_of(alice.get(reverse("journey:cp_plan", args=[cp_plan.pk])))
    alice.post(reverse("journey:plan_action_done", args=[action.pk]), a_date("done_on", date(2026, 3, 2)))
    (clock,) = clocks(cp_plan.child, "plan_action")
    assert clock.done_date == date(2026, 3, 2)


def test_it_refuses_a_plan_action_due_before_the_plan(alice, cp_plan):
    posted = {"outcome": "Safe", "action": "Visit", "owner": "Social worker"}
    response = alice.post(
        reverse("journey:cp_plan_action_new", args=[cp_plan.pk]), posted | a_date("due_date", date(2026, 1, 20))
    )
    assert_refused(
        response,
        link="id_due_date-day",
        message="Date the action is due must be the same as or after the start of the plan, 2 February 2026",
    )
    assert not PlanAction.objects.exists()


def test_the_lead_child_protection_practitioner_is_named_on_the_plan(alice, people, cp_plan):
    url = reverse("journey:cp_plan", args=[cp_plan.pk])
    assert "Not named" in text_of(alice.get(url))
    response = alice.post(url, {"lead_practitioner": people["alice_worker"].pk}, follow=True)
    assert response.status_code == 200
    cp_plan.refresh_from_db()
    assert cp_plan.lead_practitioner == people["alice_worker"]
    assert "Alice Archer" in text_of(alice.get(url))


def test_a_cin_plan_review_stops_its_clock_and_can_end_the_plan(alice, cin_plan):
    (overdue, *_) = clocks(cin_plan.child, "cin_plan_review")
    assert (overdue.due_date, overdue.status) == (date(2026, 2, 3), "overdue")
    response = alice.post(
        reverse("journey:cin_plan_review", args=[cin_plan.pk]),
        a_date("held_on", date(2026, 2, 27)) | {"outcome": "Step down to Family Help", "continues": "no"},
    )
    assert response.status_code == 302
    assert CINPlanReview.objects.get().outcome == "Step down to Family Help"
    cin_plan.refresh_from_db()
    assert cin_plan.end_date == date(2026, 2, 27)
    assert clocks(cin_plan.child, "cin_plan_review")[0].done_date == date(2026, 2, 27)


def test_my_work_links_the_core_group_clock_to_its_form(alice, cp_plan):
    page = text_of(alice.get(reverse("worklists:my_work")))
    assert "First core group" in page
    assert reverse("journey:core_group", args=[cp_plan.pk]) in page


def test_every_clock_added_is_in_the_registry_with_its_source():
    sources = {rule_id: REGISTRY[rule_id].source for rule_id in REGISTRY}
    assert sources["core_group_first"] == "Working Together to Safeguard Children 2023"
    assert REGISTRY["core_group_first"].statutory
    for local in ("assessment_child_seen", "core_group", "cin_plan_review", "plan_action"):
        assert not REGISTRY[local].statutory
        assert sources[local].startswith("Local standard")


def test_the_core_group_service_refuses_a_date_after_the_plan_ended(people, cp_plan):
    with fixture_writes():
        cp_plan.end_date = date(2026, 2, 20)
        cp_plan.save()
    with pytest.raises(ValidationError) as refused:
        plan_services.core_group_record(by=people["alice"], plan=cp_plan, held_on=date(2026, 2, 25))
    assert "held_on" in refused.value.message_dict
