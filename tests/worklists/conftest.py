"""A small authority whose clocks on AS_OF are known: overdue, due soon and not due, in three teams.

On Monday 2 March 2026:
- Amy Adams (Alice's, team A): CP visit overdue (due 16 Feb), assessment due soon (9 Mar), CP review not due.
- Ben Brown (Bob's, team A): assessment not due (22 Apr).
- Bea Baker (another worker's, team B): assessment overdue (due 25 Feb).
- Cal Cole (Carl's, team C, another service): assessment overdue.
- Uma Unwin (nobody's): assessment overdue.
"""

from datetime import date

import pytest

from lantern.accounts.roles import Role
from lantern.journey.models import Assessment, CPPlan
from lantern.workforce.models import Allocation
from lantern.workingdays.calendar import invalidate_council_calendar
from tests.factories import (
    AllocationFactory,
    ChildFactory,
    ReferralFactory,
    ServiceFactory,
    TeamFactory,
    UserFactory,
    WorkerFactory,
    make,
)

AS_OF = date(2026, 3, 2)


@pytest.fixture(autouse=True)
def _fresh_calendar():
    invalidate_council_calendar()
    yield
    invalidate_council_calendar()


def referral_with_assessment(child, referral_date, started):
    referral = ReferralFactory(child=child, referral_date=referral_date)
    make(Assessment, referral=referral, child=child, start_date=started, child_seen_date=started)
    return referral


def cp_plan(referral, start):
    return make(
        CPPlan, referral=referral, child=referral.child, start_date=start, initial_category="NEG", latest_category="NEG"
    )


def child_with_overdue_assessment(**names):
    child = ChildFactory(**names)
    referral_with_assessment(child, date(2025, 12, 19), date(2025, 12, 22))
    return child


@pytest.fixture
def authority():
    safeguarding = ServiceFactory(name="Safeguarding")
    in_care = ServiceFactory(name="Children in care")
    team_a = TeamFactory(name="Team A", service=safeguarding)
    team_b = TeamFactory(name="Team B", service=safeguarding)
    team_c = TeamFactory(name="Team C", service=in_care)
    people = {"team_a": team_a, "team_b": team_b, "team_c": team_c}
    for key, role, team, worker_role in [
        ("alice", Role.SOCIAL_WORKER, team_a, "social_worker"),
        ("bob", Role.SOCIAL_WORKER, team_a, "social_worker"),
        ("tina", Role.TEAM_MANAGER, team_a, "team_manager"),
        ("sally", Role.SERVICE_MANAGER, team_a, "service_manager"),
        ("carl", Role.SOCIAL_WORKER, team_c, "social_worker"),
    ]:
        user = UserFactory(username=key, first_name=key.title(), last_name="Tester", roles=[role])
        people[key] = user
        people[f"{key}_worker"] = WorkerFactory(
            user=user, team=team, role=worker_role, first_name=key.title(), last_name="Tester"
        )
    people["director"] = UserFactory(username="director", roles=[Role.DIRECTOR])
    people["admin"] = UserFactory(username="admin", roles=[Role.ADMINISTRATOR])

    amy = ChildFactory(first_name="Amy", last_name="Adams", la_child_id="A1")
    referral = referral_with_assessment(amy, date(2026, 1, 5), date(2026, 1, 6))
    people["amy_plan"] = cp_plan(referral, date(2026, 2, 2))
    AllocationFactory(worker=people["alice_worker"], child=amy)
    ben = ChildFactory(first_name="Ben", last_name="Brown", la_child_id="B1")
    referral_with_assessment(ben, date(2026, 2, 16), date(2026, 2, 17))
    AllocationFactory(worker=people["bob_worker"], child=ben)
    bea = child_with_overdue_assessment(first_name="Bea", last_name="Baker", la_child_id="B2")
    people["bea_worker"] = WorkerFactory(team=team_b, first_name="Bella", last_name="Other")
    AllocationFactory(worker=people["bea_worker"], child=bea)
    cal = child_with_overdue_assessment(first_name="Cal", last_name="Cole", la_child_id="C1")
    AllocationFactory(worker=people["carl_worker"], child=cal)
    uma = child_with_overdue_assessment(first_name="Uma", last_name="Unwin", la_child_id="U1")
    people.update(amy=amy, ben=ben, bea=bea, cal=cal, uma=uma)
    return people


@pytest.fixture
def busier(authority):
    """More overdue clocks in team A, and a child with workers in two teams (counted in both)."""
    for n in range(3):
        child = ChildFactory(first_name="More", last_name=f"Child{n}")
        referral = referral_with_assessment(child, date(2025, 12, 19), date(2025, 12, 22))
        cp_plan(referral, date(2026, 1, 5))
        AllocationFactory(worker=authority["bob_worker"], child=child)
    AllocationFactory(child=authority["amy"], worker=authority["bea_worker"], role=Allocation.Role.IRO)
    return authority


NAMES = ["Amy Adams", "Ben Brown", "Bea Baker", "Cal Cole", "Uma Unwin"]


def names_on(response) -> set[str]:
    text = response.content.decode()
    return {name for name in NAMES if name in text}
