"""Explicit cases for each drift signal: raised on the day its threshold is crossed, not the day before."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lantern.care.models import CareEpisode, CLAReview, PermanencePlan
from lantern.journey.models import Assessment, ChildProtectionConference, CPPlan, Visit
from lantern.leaving_care.models import CareLeaver, CareLeaverContact
from lantern.timescales.drift import Code, caseload_signals, caseloads, drift_signals
from lantern.timescales.models import DriftSetting
from lantern.workforce.models import Allocation
from lantern.workingdays.calendar import invalidate_council_calendar
from tests.factories import (
    AllocationFactory,
    CareEpisodeFactory,
    ChildFactory,
    ReferralFactory,
    TeamFactory,
    VisitFactory,
    WorkerFactory,
    fixture_writes,
    make,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_calendar():
    invalidate_council_calendar()
    yield
    invalidate_council_calendar()


def signals(child, as_of, code=None):
    found = drift_signals(children=[child], as_of=as_of)
    assert all(s.child_id == child.pk for s in found)
    return [s for s in found if code is None or s.code == code]


def codes_for(child, as_of) -> set[str]:
    return {s.code for s in signals(child, as_of)}


def cp_plan(referral, start, end=None):
    return make(
        CPPlan,
        referral=referral,
        child=referral.child,
        start_date=start,
        end_date=end,
        initial_category="NEG",
        latest_category="NEG",
    )


def next_episode(previous, start, rne, placement_type="U4"):
    """Close `previous` the day `start` begins and open the next episode in the same period."""
    previous.end_date, previous.reason_ceased = start, "X1"
    with fixture_writes():
        previous.save()
    return make(
        CareEpisode,
        period=previous.period,
        child=previous.child,
        start_date=start,
        reason_new_episode=rne,
        legal_status="C2",
        category_of_need="N1",
        placement_type=placement_type,
    )


# Re-referral within 12 months of a previous referral


def test_a_referral_within_12_months_of_the_previous_one_is_a_re_referral():
    first = ReferralFactory(referral_date=date(2025, 3, 3), closure_date=date(2025, 6, 2), reason_for_closure="RC1")
    ReferralFactory(child=first.child, referral_date=date(2026, 3, 3))
    (signal,) = signals(first.child, date(2026, 3, 10), Code.RE_REFERRAL)
    assert signal.label == "Re-referred within 12 months"
    assert signal.detail == "Referred on 3 Mar 2026, within 12 months of the referral of 3 Mar 2025"


def test_a_referral_more_than_12_months_after_the_previous_one_is_not():
    first = ReferralFactory(referral_date=date(2025, 3, 3), closure_date=date(2025, 6, 2), reason_for_closure="RC1")
    ReferralFactory(child=first.child, referral_date=date(2026, 3, 4))
    assert signals(first.child, date(2026, 3, 10), Code.RE_REFERRAL) == []


def test_a_re_referral_long_ago_is_history_not_drift():
    first = ReferralFactory(referral_date=date(2022, 1, 10), closure_date=date(2022, 2, 1), reason_for_closure="RC1")
    ReferralFactory(child=first.child, referral_date=date(2022, 6, 1))
    assert signals(first.child, date(2026, 3, 10), Code.RE_REFERRAL) == []


# Second or subsequent child protection plan; plan open 18 months or longer


def test_a_second_child_protection_plan_is_flagged_while_it_is_open():
    referral = ReferralFactory(referral_date=date(2023, 11, 1), closure_date=date(2024, 9, 2), reason_for_closure="RC1")
    cp_plan(referral, date(2024, 1, 8), end=date(2024, 9, 2))
    second = cp_plan(ReferralFactory(child=referral.child, referral_date=date(2025, 9, 1)), date(2025, 10, 6))
    (signal,) = signals(referral.child, date(2026, 1, 5), Code.REPEAT_CP_PLAN)
    assert signal.detail == "The plan of 6 Oct 2025 is the child's 2nd; the previous plan ended on 2 Sep 2024"
    second.end_date = date(2025, 12, 1)
    with fixture_writes():
        second.save()
    assert signals(referral.child, date(2026, 1, 5), Code.REPEAT_CP_PLAN) == []


def test_a_first_child_protection_plan_is_not_a_repeat():
    referral = ReferralFactory(referral_date=date(2025, 9, 1))
    cp_plan(referral, date(2025, 10, 6))
    assert signals(referral.child, date(2026, 1, 5), Code.REPEAT_CP_PLAN) == []


def test_a_child_protection_plan_open_18_months_is_flagged_from_that_day():
    referral = ReferralFactory(referral_date=date(2024, 6, 3))
    cp_plan(referral, date(2024, 7, 5))
    assert signals(referral.child, date(2026, 1, 4), Code.LONG_CP_PLAN) == []
    (signal,) = signals(referral.child, date(2026, 1, 5), Code.LONG_CP_PLAN)
    assert signal.label == "Child protection plan open 18 months or longer"
    assert signal.detail == "Open since 5 Jul 2024 (18 months)"


def test_the_long_plan_threshold_is_the_councils():
    DriftSetting.objects.update_or_create(id=1, defaults={"cp_plan_long_months": 12})
    referral = ReferralFactory(referral_date=date(2024, 12, 2))
    cp_plan(referral, date(2025, 1, 6))
    (signal,) = signals(referral.child, date(2026, 1, 6), Code.LONG_CP_PLAN)
    assert signal.label == "Child protection plan open 12 months or longer"


# No recorded visit or activity for N working days on an open case


def test_an_open_case_with_no_activity_for_more_than_20_working_days_is_flagged():
    referral = ReferralFactory(referral_date=date(2025, 9, 1))
    VisitFactory(child=referral.child, kind=Visit.Kind.CIN, visit_date=date(2025, 10, 1))
    assert signals(referral.child, date(2025, 10, 29), Code.NO_ACTIVITY) == []  # 20 working days
    (signal,) = signals(referral.child, date(2025, 10, 30), Code.NO_ACTIVITY)
    assert signal.detail == "Last recorded visit or activity on 1 Oct 2025, 21 working days ago"


def test_any_recorded_activity_counts_and_a_closed_case_is_not_drifting():
    referral = ReferralFactory(referral_date=date(2025, 9, 1))
    make(Assessment, referral=referral, child=referral.child, start_date=date(2025, 10, 20))
    assert signals(referral.child, date(2025, 10, 30), Code.NO_ACTIVITY) == []
    referral.closure_date, referral.reason_for_closure = date(2025, 10, 31), "RC1"
    with fixture_writes():
        referral.save()
    assert signals(referral.child, date(2026, 3, 2), Code.NO_ACTIVITY) == []


def test_a_new_case_counts_from_the_day_it_opened():
    referral = ReferralFactory(referral_date=date(2025, 10, 1))
    assert signals(referral.child, date(2025, 10, 29), Code.NO_ACTIVITY) == []
    assert len(signals(referral.child, date(2025, 10, 30), Code.NO_ACTIVITY)) == 1


# Three or more social workers in 12 months


def test_three_social_workers_in_12_months_are_flagged():
    child = ChildFactory()
    team = TeamFactory()
    for start, end in [
        (date(2025, 1, 6), date(2025, 4, 1)),
        (date(2025, 4, 1), date(2025, 8, 1)),
        (date(2025, 8, 1), None),
    ]:
        AllocationFactory(child=child, worker=WorkerFactory(team=team), start_date=start, end_date=end)
    AllocationFactory(child=child, worker=WorkerFactory(team=team), role=Allocation.Role.IRO)
    (signal,) = signals(child, date(2026, 1, 5), Code.WORKER_CHANGES)
    assert signal.label == "3 or more social workers in 12 months"
    assert signal.detail == "3 social workers since 5 Jan 2025"
    # A year after the first allocation ended, only two social workers fall inside the 12 months.
    assert signals(child, date(2026, 4, 1), Code.WORKER_CHANGES) == []


# Three or more placements in 12 months


def test_three_placements_in_12_months_are_flagged_but_a_legal_status_change_is_not_a_move():
    first = CareEpisodeFactory(period__start_date=date(2025, 2, 3))
    legal = next_episode(first, date(2025, 4, 7), "L")
    second = next_episode(legal, date(2025, 6, 2), "P")
    assert signals(first.child, date(2026, 1, 5), Code.PLACEMENT_MOVES) == []
    next_episode(second, date(2025, 10, 6), "T")
    (signal,) = signals(first.child, date(2026, 1, 5), Code.PLACEMENT_MOVES)
    assert signal.detail == "3 placements since 5 Jan 2025"


def test_the_placement_a_child_was_already_in_when_the_year_began_counts():
    first = CareEpisodeFactory(period__start_date=date(2023, 1, 9))
    second = next_episode(first, date(2025, 6, 2), "P")
    next_episode(second, date(2025, 10, 6), "B")
    assert len(signals(first.child, date(2026, 1, 5), Code.PLACEMENT_MOVES)) == 1
    # By 7 Jun 2026 the first placement (ended 2 Jun 2025) is more than a year ago.
    assert signals(first.child, date(2026, 6, 3), Code.PLACEMENT_MOVES) == []


# Child in care without a permanence plan at the second review


def test_a_child_in_care_without_a_permanence_plan_at_the_second_review_is_flagged():
    episode = CareEpisodeFactory(period__start_date=date(2025, 5, 12))
    for day in [date(2025, 6, 6), date(2025, 9, 5)]:
        make(CLAReview, child=episode.child, period=episode.period, review_date=day, participation="PN1")
    assert signals(episode.child, date(2025, 9, 4), Code.NO_PERMANENCE_PLAN) == []  # one review so far
    (signal,) = signals(episode.child, date(2025, 10, 1), Code.NO_PERMANENCE_PLAN)
    assert signal.detail == "Second review held on 5 Sep 2025; no permanence plan recorded"
    make(PermanencePlan, child=episode.child, period=episode.period, plan="RETURN_FAMILY", decided_on=date(2025, 8, 1))
    assert signals(episode.child, date(2025, 10, 1), Code.NO_PERMANENCE_PLAN) == []


# Assessment open past its due date


def test_an_assessment_past_its_due_date_is_flagged_until_it_is_authorised():
    referral = ReferralFactory(referral_date=date(2025, 12, 19))  # due 25 Feb 2026
    assessment = make(Assessment, referral=referral, child=referral.child, start_date=date(2025, 12, 22))
    assert signals(referral.child, date(2026, 2, 25), Code.ASSESSMENT_OVERDUE) == []
    (signal,) = signals(referral.child, date(2026, 2, 26), Code.ASSESSMENT_OVERDUE)
    assert signal.detail == "Referral of 19 Dec 2025: assessment due 25 Feb 2026, not yet authorised"
    assessment.authorised_date = date(2026, 2, 26)
    with fixture_writes():
        assessment.save()
    assert signals(referral.child, date(2026, 2, 27), Code.ASSESSMENT_OVERDUE) == []


# Conference or review not booked with 5 working days to go


def test_a_review_conference_due_within_5_working_days_and_not_held_is_flagged():
    referral = ReferralFactory(referral_date=date(2025, 11, 3))
    plan = cp_plan(referral, date(2025, 12, 3))  # first review due 3 Mar 2026
    assert signals(referral.child, date(2026, 2, 23), Code.REVIEW_NOT_BOOKED) == []  # 6 working days to go
    (signal,) = signals(referral.child, date(2026, 2, 24), Code.REVIEW_NOT_BOOKED)
    assert signal.detail == (
        "First child protection review for the child protection plan of 3 Dec 2025: due 3 Mar 2026, in 5 working days"
    )
    make(
        ChildProtectionConference,
        referral=referral,
        child=referral.child,
        kind="review",
        cp_plan=plan,
        held_on=date(2026, 2, 24),
    )
    assert signals(referral.child, date(2026, 2, 25), Code.REVIEW_NOT_BOOKED) == []


def test_a_visit_due_soon_is_not_a_conference():
    referral = ReferralFactory(referral_date=date(2025, 11, 3))
    cp_plan(referral, date(2026, 2, 2))  # the CP visit is due soon, the review is months away
    assert signals(referral.child, date(2026, 2, 10), Code.REVIEW_NOT_BOOKED) == []


# Care leaver not in touch, or in unsuitable accommodation


def test_a_care_leaver_not_in_touch_or_unsuitably_housed_at_the_last_contact_is_flagged():
    child = ChildFactory(date_of_birth=date(2007, 4, 2))
    make(CareLeaver, child=child, eligibility="RELEVANT", eligible_from=date(2025, 4, 2))
    make(CareLeaverContact, child=child, contact_date=date(2025, 9, 1), in_touch="YES", accommodation="D1")
    assert (
        codes_for(child, date(2025, 10, 1)) & {Code.LEAVER_NOT_IN_TOUCH, Code.LEAVER_UNSUITABLE_ACCOMMODATION} == set()
    )
    make(CareLeaverContact, child=child, contact_date=date(2025, 11, 3), in_touch="NO", accommodation="W2")
    found = {s.code: s for s in signals(child, date(2025, 12, 1))}
    assert found[Code.LEAVER_NOT_IN_TOUCH].detail == "At the last contact on 3 Nov 2025: Not in touch"
    assert found[Code.LEAVER_UNSUITABLE_ACCOMMODATION].detail == (
        "At the last contact on 3 Nov 2025: Bed and breakfast – not suitable"
    )
    # A later contact finding them in touch and suitably housed clears both.
    make(CareLeaverContact, child=child, contact_date=date(2026, 1, 5), in_touch="YES", accommodation="U1")
    assert (
        codes_for(child, date(2026, 1, 6)) & {Code.LEAVER_NOT_IN_TOUCH, Code.LEAVER_UNSUITABLE_ACCOMMODATION} == set()
    )
    # ... but not before it happened.
    assert Code.LEAVER_NOT_IN_TOUCH in codes_for(child, date(2026, 1, 2))


# Worker caseload above the council's threshold


def test_caseloads_count_open_social_worker_and_personal_adviser_allocations_per_worker():
    busy, quiet = WorkerFactory(), WorkerFactory()
    for _ in range(21):
        AllocationFactory(worker=busy)
    AllocationFactory(worker=busy, end_date=date(2025, 6, 1))  # ended
    AllocationFactory(worker=quiet)
    # A personal adviser's young person is on their caseload too; an IRO's reviews are not a caseload.
    AllocationFactory(worker=quiet, role=Allocation.Role.PERSONAL_ADVISER)
    AllocationFactory(worker=quiet, role=Allocation.Role.IRO)
    counts = caseloads()
    assert (counts[busy.pk], counts[quiet.pk]) == (21, 2)
    assert caseloads(team_ids=[quiet.team_id]) == {quiet.pk: 2}
    (signal,) = caseload_signals(counts)
    assert (signal.worker_id, signal.code, signal.child_id) == (busy.pk, Code.CASELOAD_HIGH, None)
    assert signal.label == "Caseload above 20 children"
    assert signal.detail == "21 children allocated (threshold 20)"


def test_a_caseload_at_the_threshold_is_not_above_it():
    DriftSetting.objects.update_or_create(id=1, defaults={"caseload_threshold": 2})
    worker = WorkerFactory()
    AllocationFactory.create_batch(2, worker=worker)
    assert caseload_signals(caseloads()) == []
    AllocationFactory(worker=worker)
    assert [s.worker_id for s in caseload_signals(caseloads())] == [worker.pk]


# In bulk


def test_a_child_with_nothing_wrong_has_no_signals():
    referral = ReferralFactory(referral_date=date(2025, 9, 1))
    VisitFactory(child=referral.child, visit_date=date(2025, 9, 20))
    assert signals(referral.child, date(2025, 10, 1)) == []


def test_signals_for_many_children_take_the_same_number_of_queries_as_for_two():
    def run(children):
        with CaptureQueriesContext(connection) as queries:
            drift_signals(children=children, as_of=date(2026, 3, 2))
        return len(queries.captured_queries)

    def child():
        referral = ReferralFactory(referral_date=date(2025, 12, 1))
        VisitFactory(child=referral.child)
        AllocationFactory(child=referral.child)
        cp_plan(referral, date(2025, 12, 15))
        return referral.child

    two = [child(), child()]
    many = two + [child() for _ in range(13)]
    run(two)  # warm the calendar cache
    assert run(many) == run(two)
