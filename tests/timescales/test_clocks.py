"""Explicit cases for the registry's rules: due dates counted by hand, status on a given date."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lantern.care.models import CLAReview, PermanencePlan
from lantern.journey.models import (
    Assessment,
    ChildProtectionConference,
    Contact,
    CPPlan,
    Section47Enquiry,
    StrategyDiscussion,
    Visit,
)
from lantern.leaving_care.models import CareLeaver, Entitlement
from lantern.missing.models import MissingEpisode
from lantern.timescales.clocks import Status
from lantern.timescales.models import DriftSetting, TimescaleSetting
from lantern.timescales.selectors import child_timescales, children_clocks, supervision_clocks
from lantern.workforce.models import Supervision
from lantern.workingdays.calendar import invalidate_council_calendar
from lantern.workingdays.models import ClosureDay
from tests.factories import CareEpisodeFactory, ChildFactory, ReferralFactory, VisitFactory, WorkerFactory, make

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


@pytest.fixture(autouse=True)
def _fresh_calendar():
    invalidate_council_calendar()
    yield
    invalidate_council_calendar()


def clocks(child, as_of, rule_id):
    return [c for c in child_timescales(child=child, as_of=as_of) if c.rule.id == rule_id]


def only(child, as_of, rule_id):
    (clock,) = clocks(child, as_of, rule_id)
    return clock


def test_an_assessment_is_due_45_working_days_after_the_referral_over_christmas():
    referral = ReferralFactory(referral_date=date(2025, 12, 19))
    clock = only(referral.child, date(2026, 1, 5), "assessment")
    assert clock.due_date == date(2026, 2, 25)
    assert clock.status is Status.NOT_DUE
    assert clock.working_days_elapsed == 8  # 22, 23, 24, 29, 30, 31 Dec, 2 and 5 Jan
    assert only(referral.child, date(2026, 2, 18), "assessment").status is Status.DUE_SOON
    assert only(referral.child, date(2026, 2, 18), "assessment").working_days_remaining == 5
    overdue = only(referral.child, date(2026, 2, 26), "assessment")
    assert (overdue.status, overdue.working_days_remaining) == (Status.OVERDUE, -1)


@pytest.mark.parametrize(
    ("authorised", "status"), [(date(2026, 2, 25), "done on time"), (date(2026, 2, 26), "done late")]
)
def test_an_authorised_assessment_is_done_on_time_or_late(authorised, status):
    referral = ReferralFactory(referral_date=date(2025, 12, 19))
    make(Assessment, referral=referral, child=referral.child, start_date=date(2025, 12, 22), authorised_date=authorised)
    clock = only(referral.child, date(2026, 3, 31), "assessment")
    assert clock.status.value == status
    assert clock.done_date == authorised


def test_an_authorisation_after_the_as_of_date_does_not_count_yet():
    referral = ReferralFactory(referral_date=date(2025, 12, 19))
    make(
        Assessment,
        referral=referral,
        child=referral.child,
        start_date=date(2025, 12, 22),
        authorised_date=date(2026, 2, 20),
    )
    assert only(referral.child, date(2026, 2, 19), "assessment").status is Status.DUE_SOON


def test_a_council_closure_day_moves_the_due_date():
    ClosureDay.objects.create(date=date(2025, 12, 29), reason="Council closure")
    referral = ReferralFactory(referral_date=date(2025, 12, 19))
    assert only(referral.child, date(2026, 1, 5), "assessment").due_date == date(2026, 2, 26)


def test_a_referral_with_no_further_action_has_no_assessment_clock():
    referral = ReferralFactory(
        referral_date=date(2025, 12, 19), referral_nfa=True, closure_date=date(2025, 12, 19), reason_for_closure="RC7"
    )
    assert clocks(referral.child, date(2026, 3, 1), "assessment") == []
    assert only(referral.child, date(2026, 3, 1), "referral_decision").status is Status.DONE_ON_TIME


def test_a_referral_decision_is_due_the_next_working_day():
    referral = ReferralFactory(referral_date=date(2026, 4, 2))  # Thursday before Good Friday 2026
    make(StrategyDiscussion, referral=referral, child=referral.child, held_on=date(2026, 4, 7))
    clock = only(referral.child, date(2026, 4, 30), "referral_decision")
    assert clock.due_date == date(2026, 4, 7)  # Good Friday 3 Apr and Easter Monday 6 Apr skipped
    assert clock.status is Status.DONE_ON_TIME


def test_a_contact_decision_is_due_24_hours_after_receipt():
    child = ChildFactory()
    make(
        Contact,
        child=child,
        source="6",
        received_at=datetime(2026, 3, 2, 10, 0, tzinfo=LONDON),
        decision="NFA",
        decision_at=datetime(2026, 3, 3, 11, 0, tzinfo=LONDON),
    )
    clock = only(child, date(2026, 3, 4), "contact_decision")
    assert clock.due == datetime(2026, 3, 3, 10, 0, tzinfo=LONDON)
    assert clock.status is Status.DONE_LATE


def test_an_undecided_contact_is_overdue_the_day_after_it_was_due():
    child = ChildFactory()
    make(Contact, child=child, source="6", received_at=datetime(2026, 3, 2, 10, 0, tzinfo=LONDON))
    assert only(child, date(2026, 3, 3), "contact_decision").status is Status.DUE_SOON
    assert only(child, date(2026, 3, 4), "contact_decision").status is Status.OVERDUE


def test_an_icpc_is_due_15_working_days_after_the_strategy_discussion_over_easter():
    referral = ReferralFactory(referral_date=date(2024, 3, 25))
    discussion = make(StrategyDiscussion, referral=referral, child=referral.child, held_on=date(2024, 3, 28))
    enquiry = make(
        Section47Enquiry,
        referral=referral,
        child=referral.child,
        start_date=date(2024, 3, 28),
        strategy_discussion=discussion,
    )
    clock = only(referral.child, date(2024, 4, 10), "icpc")
    assert clock.due_date == date(2024, 4, 22)  # 28 Mar is day 0; Good Friday and Easter Monday skipped
    make(
        ChildProtectionConference,
        referral=referral,
        child=referral.child,
        kind="initial",
        section47=enquiry,
        held_on=date(2024, 4, 23),
        plan_made=True,
    )
    assert only(referral.child, date(2024, 5, 1), "icpc").status is Status.DONE_LATE


def test_an_enquiry_needing_no_conference_has_no_icpc_clock():
    referral = ReferralFactory(referral_date=date(2024, 3, 25))
    make(
        Section47Enquiry, referral=referral, child=referral.child, start_date=date(2024, 3, 28), icpc_not_required=True
    )
    assert clocks(referral.child, date(2024, 6, 1), "icpc") == []


def test_cp_reviews_run_three_months_then_six_from_the_review_held_with_month_end_clamping():
    referral = ReferralFactory(referral_date=date(2025, 8, 1))
    plan = make(
        CPPlan,
        referral=referral,
        child=referral.child,
        start_date=date(2025, 8, 29),
        initial_category="NEG",
        latest_category="NEG",
    )
    first = only(referral.child, date(2025, 9, 1), "cp_review_first")
    assert first.due_date == date(2025, 11, 29)
    make(
        ChildProtectionConference,
        referral=referral,
        child=referral.child,
        kind="review",
        cp_plan=plan,
        held_on=date(2025, 11, 30),
    )
    later = only(referral.child, date(2025, 12, 1), "cp_review")
    assert later.due_date == date(2026, 5, 30)  # six months from the review held, not from the due date
    assert only(referral.child, date(2025, 12, 1), "cp_review_first").status is Status.DONE_LATE


def test_cp_visits_repeat_every_10_working_days_from_the_last_visit():
    referral = ReferralFactory(referral_date=date(2025, 11, 1))
    make(
        CPPlan,
        referral=referral,
        child=referral.child,
        start_date=date(2025, 12, 1),
        initial_category="EMO",
        latest_category="EMO",
    )
    VisitFactory(child=referral.child, kind=Visit.Kind.CP, visit_date=date(2025, 12, 12))
    VisitFactory(child=referral.child, kind=Visit.Kind.CP, visit_date=date(2025, 12, 20), seen=False)
    visits = clocks(referral.child, date(2026, 1, 5), "cp_visit")
    assert [(c.due_date, c.status.value) for c in visits] == [
        (date(2025, 12, 15), "done on time"),
        (date(2025, 12, 30), "overdue"),  # the unseen visit on 20 Dec does not count
    ]


def test_a_clock_whose_plan_ended_before_it_was_due_disappears():
    referral = ReferralFactory(referral_date=date(2025, 11, 1))
    make(
        CPPlan,
        referral=referral,
        child=referral.child,
        start_date=date(2025, 12, 1),
        end_date=date(2025, 12, 10),
        initial_category="EMO",
        latest_category="EMO",
    )
    assert clocks(referral.child, date(2026, 1, 5), "cp_visit") == []


def test_cla_reviews_first_at_20_working_days_then_3_then_6_months():
    episode = CareEpisodeFactory(period__start_date=date(2025, 12, 19))
    child, period = episode.child, episode.period
    assert only(child, date(2026, 1, 2), "cla_review_first").due_date == date(2026, 1, 21)
    make(CLAReview, child=child, period=period, review_date=date(2026, 1, 20), participation="PN1")
    second = only(child, date(2026, 2, 1), "cla_review_second")
    assert second.due_date == date(2026, 4, 20)
    make(CLAReview, child=child, period=period, review_date=date(2026, 4, 24), participation="PN1")
    third = only(child, date(2026, 5, 1), "cla_review")
    assert (third.due_date, third.status) == (date(2026, 10, 24), Status.NOT_DUE)
    assert only(child, date(2026, 5, 1), "cla_review_second").status is Status.DONE_LATE


def test_a_clock_started_on_a_saturday_counts_from_that_day():
    episode = CareEpisodeFactory(period__start_date=date(2025, 12, 6))
    assert only(episode.child, date(2025, 12, 8), "cla_review_first").due_date == date(2026, 1, 7)


def test_the_first_cla_visit_is_due_within_a_week_then_every_six_weeks():
    episode = CareEpisodeFactory(period__start_date=date(2025, 12, 1))
    VisitFactory(child=episode.child, kind=Visit.Kind.CLA, visit_date=date(2025, 12, 5))
    visits = clocks(episode.child, date(2026, 1, 2), "cla_visit_first") + clocks(
        episode.child, date(2026, 1, 2), "cla_visit_first_year"
    )
    assert [(c.rule.id, c.due_date, c.status.value) for c in visits] == [
        ("cla_visit_first", date(2025, 12, 8), "done on time"),
        ("cla_visit_first_year", date(2026, 1, 16), "not due"),
    ]


FIRST_YEAR_OF_VISITS = [
    date(2024, 1, 10),
    date(2024, 2, 15),
    date(2024, 3, 25),
    date(2024, 5, 1),
    date(2024, 6, 10),
    date(2024, 7, 18),
    date(2024, 8, 26),
    date(2024, 10, 3),
    date(2024, 11, 12),
    date(2024, 12, 20),
    date(2025, 1, 20),
]


def _next_visit_after_a_year(placement_type: str):
    episode = CareEpisodeFactory(period__start_date=date(2024, 1, 8), placement_type=placement_type)
    for day in FIRST_YEAR_OF_VISITS:
        VisitFactory(child=episode.child, kind=Visit.Kind.CLA, visit_date=day)
    latest = [c for c in child_timescales(child=episode.child, as_of=date(2025, 2, 1)) if c.is_open]
    visit = next(c for c in latest if c.rule.id.startswith("cla_visit"))
    return visit.rule.id, visit.due_date


@pytest.mark.parametrize("placement_type", ["U1", "U4"])
def test_a_long_term_foster_placement_after_a_year_is_visited_three_monthly(placement_type):
    assert _next_visit_after_a_year(placement_type) == ("cla_visit_long_term", date(2025, 4, 20))


@pytest.mark.parametrize("placement_type", ["A3", "A4", "A5", "A6", "U3", "U6", "K2"])
def test_a_placement_for_adoption_or_other_care_after_a_year_stays_six_weekly(placement_type):
    # Reg 28(2)(c)(i) is long-term fostering only; a placement for adoption is visited under the Adoption Agencies
    # Regulations 2005, so Lantern keeps its 6-week clock rather than treating it as long-term.
    assert _next_visit_after_a_year(placement_type) == ("cla_visit_other", date(2025, 3, 3))


def test_a_permanence_plan_is_due_by_the_second_review():
    episode = CareEpisodeFactory(period__start_date=date(2025, 12, 19))
    make(CLAReview, child=episode.child, period=episode.period, review_date=date(2026, 1, 20), participation="PN1")
    clock = only(episode.child, date(2026, 2, 1), "permanence_plan")
    assert clock.due_date == date(2026, 4, 20)
    make(PermanencePlan, child=episode.child, period=episode.period, plan="RETURN_FAMILY", decided_on=date(2026, 3, 2))
    assert only(episode.child, date(2026, 3, 3), "permanence_plan").status is Status.DONE_ON_TIME


def test_a_return_interview_is_due_72_hours_after_the_return():
    child = ChildFactory()
    make(
        MissingEpisode,
        child=child,
        kind="M",
        started_at=datetime(2026, 3, 5, 20, 0, tzinfo=LONDON),
        returned_at=datetime(2026, 3, 6, 10, 0, tzinfo=LONDON),
    )
    clock = only(child, date(2026, 3, 9), "return_interview")
    assert clock.due == datetime(2026, 3, 9, 10, 0, tzinfo=LONDON)
    assert clock.status is Status.DUE_SOON
    assert only(child, date(2026, 3, 10), "return_interview").status is Status.OVERDUE


def test_entitlements_are_due_the_day_before_the_18th_birthday():
    child = ChildFactory(date_of_birth=date(2008, 6, 15))
    make(CareLeaver, child=child, eligibility="RELEVANT", eligible_from=date(2024, 6, 15))
    make(Entitlement, child=child, kind="ni_number", handed_over_on=date(2026, 1, 10))
    entitlements = {c.subject: c for c in clocks(child, date(2026, 6, 8), "entitlements")}
    assert entitlements["National Insurance number"].status is Status.DONE_ON_TIME
    assert entitlements["Photo ID"].due_date == date(2026, 6, 14)
    assert entitlements["Photo ID"].status is Status.DUE_SOON
    # Still owed after 18, and on the worklists, until handed over or the young person is 21.
    after = {c.subject: c for c in clocks(child, date(2026, 7, 1), "entitlements")}
    assert (after["Photo ID"].status, after["Photo ID"].live) == (Status.OVERDUE, True)
    at_21 = {c.subject: c for c in clocks(child, date(2029, 6, 15), "entitlements")}
    assert (at_21["Photo ID"].status, at_21["Photo ID"].live) == (Status.OVERDUE, False)


def test_a_local_standard_can_be_changed_by_the_council():
    referral = ReferralFactory(referral_date=date(2025, 11, 3))
    make(
        CPPlan,
        referral=referral,
        child=referral.child,
        start_date=date(2025, 11, 3),
        initial_category="NEG",
        latest_category="NEG",
    )
    assert only(referral.child, date(2025, 11, 4), "cp_visit").due_date == date(2025, 11, 17)
    TimescaleSetting.objects.create(rule_id="cp_visit", amount=5)
    assert only(referral.child, date(2025, 11, 4), "cp_visit").due_date == date(2025, 11, 10)


def test_the_warning_window_comes_from_the_drift_settings():
    referral = ReferralFactory(referral_date=date(2025, 12, 19))
    assert only(referral.child, date(2026, 2, 11), "assessment").status is Status.NOT_DUE
    DriftSetting.objects.update_or_create(id=1, defaults={"due_soon_working_days": 10})
    assert only(referral.child, date(2026, 2, 11), "assessment").status is Status.DUE_SOON


def test_clocks_for_many_children_take_the_same_number_of_queries_as_for_one():
    def run(children):
        with CaptureQueriesContext(connection) as queries:
            children_clocks(children=children, as_of=date(2026, 3, 1))
        return len(queries.captured_queries)

    one = [ReferralFactory(referral_date=date(2025, 12, 19)).child]
    many = one + [ReferralFactory(referral_date=date(2025, 12, 1)).child for _ in range(12)]
    for child in many:
        VisitFactory(child=child)
    run(one)  # warm the calendar cache
    assert run(many) == run(one)


def test_supervision_runs_four_weeks_from_the_last_one_held():
    worker = WorkerFactory(start_date=date(2026, 1, 5))
    make(Supervision, worker=worker, held_on=date(2026, 2, 2))
    clock = supervision_clocks(workers=[worker], as_of=date(2026, 3, 3))[worker.pk]
    assert (clock.rule.id, clock.due_date, clock.status) == ("supervision", date(2026, 3, 2), Status.OVERDUE)
    left = WorkerFactory(start_date=date(2020, 1, 6), end_date=date(2025, 1, 1))
    assert left.pk not in supervision_clocks(workers=[left], as_of=date(2026, 3, 3))
