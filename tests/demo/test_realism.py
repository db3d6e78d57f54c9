"""The tiny authority looks like children's social care in broad strokes: the shares a user would see on the
performance pages fall in plausible ranges (the figures themselves are in lantern/demo/figures.py)."""

from collections import Counter, defaultdict
from datetime import timedelta

import pytest
from django.db.models import Q
from django.test import override_settings

from lantern.accounts.models import User
from lantern.accounts.roles import Role
from lantern.care.models import (
    CareEpisode,
    CarePeriod,
    CLAReview,
    DentalCheck,
    HealthAssessment,
    PermanencePlan,
    PersonalEducationPlan,
)
from lantern.demo.users import DEMO_LOGINS, DEMO_PASSWORD
from lantern.journey.models import Assessment, ChildProtectionConference, Contact, Referral, Visit
from lantern.missing.models import MissingEpisode
from lantern.workforce.models import Allocation, Supervision, Worker
from lantern.workingdays.calendar import add_months, council_calendar
from tests.demo.conftest import TODAY

pytestmark = pytest.mark.django_db


def test_it_makes_about_one_in_five_referrals_a_re_referral(tiny):
    dates = defaultdict(list)
    for child, on in Referral.objects.values_list("child", "referral_date"):
        dates[child].append(on)
    referrals = re_referrals = 0
    for ons in dates.values():
        ons.sort()
        for previous, on in zip([None, *ons], ons, strict=False):
            referrals += 1
            re_referrals += previous is not None and (on - previous).days <= 365
    assert 0.10 <= re_referrals / referrals <= 0.35


def test_it_closes_a_few_referrals_with_no_further_action(tiny):
    share = Referral.objects.filter(referral_nfa=True).count() / Referral.objects.count()
    assert 0.02 <= share <= 0.15


def test_it_receives_several_contacts_per_referral(tiny):
    assert 2 <= Contact.objects.count() / Referral.objects.count() <= 4


def test_it_authorises_most_assessments_within_45_working_days_but_not_all(tiny):
    calendar = council_calendar()
    days = [
        calendar.working_days_between(s, a)
        for s, a in Assessment.objects.exclude(authorised_date=None).values_list("start_date", "authorised_date")
    ]
    within = sum(d <= 45 for d in days)
    assert within / len(days) >= 0.7
    assert within < len(days)


def test_it_holds_some_conferences_late(tiny):
    calendar = council_calendar()
    late = [
        c
        for c in ChildProtectionConference.objects.filter(kind="initial").select_related(
            "section47__strategy_discussion"
        )
        if calendar.working_days_between(c.section47.strategy_discussion.held_on, c.held_on) > 15
    ]
    assert late
    assert len(late) < ChildProtectionConference.objects.filter(kind="initial").count() / 2


def test_it_moves_some_children_in_care_three_or_more_times_in_a_year(tiny):
    year_start = TODAY - timedelta(days=365)
    placements = Counter()
    for child, rne, start in CareEpisode.objects.filter(Q(end_date=None) | Q(end_date__gt=year_start)).values_list(
        "child", "reason_new_episode", "start_date"
    ):
        placements[child] += start <= year_start or rne in ("S", "P", "B")
    assert any(n >= 3 for n in placements.values())
    assert sum(n >= 3 for n in placements.values()) < len(placements) / 3


def test_it_holds_some_cla_reviews_late(tiny):
    calendar = council_calendar()
    late = 0
    for period in CarePeriod.objects.prefetch_related("reviews"):
        reviews = sorted(r.review_date for r in period.reviews.all())
        for i, held in enumerate(reviews):
            due = (
                calendar.add_working_days(period.start_date, 20)
                if i == 0
                else add_months(reviews[i - 1], 3 if i == 1 else 6)
            )
            late += held > due
    assert late > 0
    assert late < CLAReview.objects.count() / 3


def test_it_lets_some_visits_drift(tiny):
    calendar = council_calendar()
    gaps = []
    by_child = defaultdict(list)
    for child, on in Visit.objects.filter(kind="cp").values_list("child", "visit_date"):
        by_child[child].append(on)
    for ons in by_child.values():
        ons.sort()
        gaps += [calendar.working_days_between(a, b) for a, b in zip(ons, ons[1:], strict=False)]
    assert any(g > 10 for g in gaps)
    assert sum(g <= 10 for g in gaps) / len(gaps) > 0.7


def test_it_records_missing_episodes_with_most_interviews_inside_72_hours(tiny):
    interviewed = MissingEpisode.objects.exclude(return_interview_at=None)
    assert MissingEpisode.objects.values("child").distinct().count() >= 1
    quick = [m for m in interviewed if m.return_interview_at - m.returned_at <= timedelta(hours=72)]
    assert len(quick) / interviewed.count() > 0.5


def test_it_gives_social_workers_realistic_caseloads_some_too_high(tiny):
    loads = Counter(Allocation.objects.filter(end_date=None, role="social_worker").values_list("worker", flat=True))
    current = Worker.objects.filter(end_date=None, role__in=["social_worker", "senior_practitioner"])
    per_worker = [loads[w] for w in current.values_list("pk", flat=True)]
    # The tiny authority has quiet teams; the small one averages ~17 (national 16-17).
    assert 4 <= sum(per_worker) / len(per_worker) <= 25
    assert max(per_worker) > 15
    assert Worker.objects.filter(employment="agency").exists()
    assert Worker.objects.exclude(end_date=None).exists()  # people have left over the years


def test_it_links_the_demo_social_worker_to_a_real_caseload(tiny):
    sw = User.objects.get(username="sw.demo").worker
    assert 15 <= Allocation.objects.filter(worker=sw, end_date=None).count() <= 25
    tm = User.objects.get(username="tm.demo").worker
    assert tm.role == "team_manager" and tm.team == sw.team
    sm = User.objects.get(username="sm.demo").worker
    assert sm.role == "service_manager" and sm.team.service == sw.team.service
    for username in ("pa.demo", "iro.demo"):
        assert Allocation.objects.filter(worker=User.objects.get(username=username).worker, end_date=None).exists()


@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.Argon2PasswordHasher"])
def test_it_puts_each_demo_user_in_their_role_group_with_the_demo_password(tiny):
    for login in DEMO_LOGINS:
        user = User.objects.get(username=login.username)
        assert user.has_role(login.role)
        assert user.check_password(DEMO_PASSWORD)
        assert user.first_name and user.last_name
    assert {login.role for login in DEMO_LOGINS} == set(Role)


def test_it_stops_the_story_at_today(tiny):
    assert not Referral.objects.filter(referral_date__gt=TODAY).exists()
    assert Referral.objects.filter(closure_date=None).exists()
    assert CarePeriod.objects.filter(end_date=None).exists()


def test_it_records_health_education_and_permanence_work_for_children_in_care(tiny):
    assert HealthAssessment.objects.filter(kind="review").exists()
    assert DentalCheck.objects.exists()
    assert PersonalEducationPlan.objects.exists()
    assert PermanencePlan.objects.exists()
    assert Supervision.objects.exists()


def test_it_holds_most_initial_health_assessments_within_20_working_days_but_not_all(tiny):
    calendar = council_calendar()
    days = []
    for period in CarePeriod.objects.all():
        initial = HealthAssessment.objects.filter(
            child=period.child_id, kind="initial", assessment_date__gte=period.start_date
        ).order_by("assessment_date")
        if period.end_date is not None:
            initial = initial.filter(assessment_date__lte=period.end_date)
        first = initial.first()
        if first is not None:
            days.append(calendar.working_days_between(period.start_date, first.assessment_date))
    within = sum(d <= 20 for d in days)
    assert days
    assert within / len(days) > 0.5
    assert within < len(days)


def test_it_supervises_workers_about_every_four_weeks_with_some_gaps(tiny):
    by_worker = defaultdict(list)
    for worker, on in Supervision.objects.values_list("worker", "held_on"):
        by_worker[worker].append(on)
    gaps = []
    for ons in by_worker.values():
        ons.sort()
        gaps += [(b - a).days for a, b in zip(ons, ons[1:], strict=False)]
    assert any(g > 28 for g in gaps)
    assert sum(g <= 28 for g in gaps) / len(gaps) > 0.6
