"""The gate on every record (lantern/workforce/access.py): which children each user gets back, and who records.

The world is the suite's personas (tests/conftest.py) and a few more children: Ben in Team A, Cal in Team C (the
same service), Dee in Team D (another service), Uma allocated to nobody, Eve whose allocation ended, and Rae,
a restricted record in Team A that names Alice only.
"""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from lantern.accounts.roles import Role, Scope
from lantern.people.models import RestrictedAccess
from lantern.workforce.access import (
    can_read_records,
    can_record,
    child_for_user,
    child_or_404,
    is_own_work,
    user_scope,
    user_worker,
    visible_children,
)
from lantern.workforce.models import Worker
from tests.factories import (
    AllocationFactory,
    ChildFactory,
    ServiceFactory,
    TeamFactory,
    UserFactory,
    WorkerFactory,
    fixture_writes,
    make,
)

pytestmark = pytest.mark.django_db

EVERY_UNRESTRICTED = {"A1", "B1", "C1", "D1", "U1", "E1"}


@pytest.fixture
def world(people):
    team_a = people["team"]
    team_d = TeamFactory(name="Team D", service=ServiceFactory(name="Children in care"))
    bob = WorkerFactory(team=team_a, first_name="Bob")
    AllocationFactory(worker=bob, child=ChildFactory(la_child_id="B1"))
    AllocationFactory(worker=people["carl"].worker, child=ChildFactory(la_child_id="C1"))
    AllocationFactory(worker=WorkerFactory(team=team_d), child=ChildFactory(la_child_id="D1"))
    ChildFactory(la_child_id="U1")
    AllocationFactory(worker=bob, child=ChildFactory(la_child_id="E1"), end_date=date(2026, 1, 30))
    rae = ChildFactory(la_child_id="R1", is_restricted=True)
    AllocationFactory(worker=bob, child=rae)
    make(RestrictedAccess, child=rae, user=people["alice"], reason="Works with the family")
    sally = UserFactory(username="sally", roles=[Role.SERVICE_MANAGER])
    WorkerFactory(user=sally, team=team_a, role=Worker.Role.SERVICE_MANAGER)
    dan = UserFactory(username="dan", roles=[Role.SERVICE_MANAGER])
    WorkerFactory(user=dan, team=team_d, role=Worker.Role.SERVICE_MANAGER)
    return people | {"sally": sally, "dan": dan, "rae": rae, "team_d": team_d}


def ids(children) -> set[str]:
    return set(children.values_list("la_child_id", flat=True))


def test_a_social_worker_reads_their_teams_children_and_the_restricted_record_naming_them(world):
    # Team scope: Amy (allocated to Alice) and Ben (to Bob, in her team); Rae because she is named on it.
    assert ids(visible_children(world["alice"])) == {"A1", "B1", "R1"}
    assert ids(visible_children(world["carl"])) == {"C1"}


def test_a_team_manager_reads_the_teams_children_but_not_a_restricted_record_that_does_not_name_them(world):
    assert ids(visible_children(world["tina"])) == {"A1", "B1"}
    assert ids(visible_children(world["other_tm"])) == {"C1"}


def test_a_service_manager_reads_every_team_in_their_service_and_no_other(world):
    assert ids(visible_children(world["sally"])) == {"A1", "B1", "C1"}
    assert ids(visible_children(world["dan"])) == {"D1"}


def test_the_director_and_an_inspector_read_the_whole_authority_except_restricted_records(world):
    # Authority-wide roles see children allocated to nobody and those whose allocation ended, too.
    assert ids(visible_children(world["director"])) == EVERY_UNRESTRICTED
    assert ids(visible_children(world["inspector"])) == EVERY_UNRESTRICTED


def test_a_restricted_record_is_read_only_by_those_named_on_it_whatever_their_role(world):
    make(RestrictedAccess, child=world["rae"], user=world["director"], reason="Complaint")
    assert "R1" in ids(visible_children(world["director"]))
    assert "R1" not in ids(visible_children(world["inspector"]))
    assert "R1" not in ids(visible_children(world["sally"]))


def test_an_ended_allocation_takes_the_child_out_of_the_teams_records(world):
    amy = world["amy"]
    with fixture_writes():
        amy.allocations.update(end_date=date(2026, 2, 27))
    assert ids(visible_children(world["alice"])) == {"B1", "R1"}
    assert ids(visible_children(world["tina"])) == {"B1"}
    assert "A1" in ids(visible_children(world["director"]))


def test_an_allocation_in_a_second_team_opens_the_child_to_that_team(world):
    AllocationFactory(child=world["amy"], worker=world["carl"].worker, role="iro")
    assert ids(visible_children(world["carl"])) == {"A1", "C1"}


@pytest.mark.parametrize("who", ["admin", "dpo"])
def test_administrators_and_the_data_protection_officer_read_no_records(world, who):
    user = world[who]
    assert user_scope(user) is Scope.NONE
    assert not can_read_records(user)
    assert ids(visible_children(user)) == set()
    assert child_for_user(user, "A1") is None


def test_a_team_role_without_a_worker_record_reads_nothing(world):
    manager = UserFactory(username="new_tm", roles=[Role.TEAM_MANAGER])
    assert user_scope(manager) is Scope.TEAM
    assert user_worker(manager) is None
    assert ids(visible_children(manager)) == set()


def test_a_deactivated_or_anonymous_user_reads_nothing(world):
    alice = world["alice"]
    alice.is_active = False
    with fixture_writes():
        alice.save()
    for user in (alice, AnonymousUser()):
        assert user_scope(user) is Scope.NONE
        assert ids(visible_children(user)) == set()
        assert not can_record(user)
    assert user_worker(AnonymousUser()) is None


def test_the_widest_role_decides_the_scope(world):
    tina = world["tina"]
    assert user_scope(tina) is Scope.TEAM
    tina.groups.add(Group.objects.get_or_create(name=Role.ANALYST.value)[0])
    tina = type(tina).objects.get(pk=tina.pk)  # roles are read once per user object: as on the next request
    assert user_scope(tina) is Scope.AUTHORITY
    assert ids(visible_children(tina)) == EVERY_UNRESTRICTED


def test_recording_is_for_the_casework_roles_only(world):
    assert can_record(world["alice"])
    assert can_record(world["tina"])
    assert can_record(world["sally"])
    for who in ("director", "inspector", "dpo", "admin"):
        assert not can_record(world[who]), who


def test_a_child_outside_the_users_records_is_not_found(world):
    assert child_for_user(world["alice"], "A1") == world["amy"]
    assert child_or_404(world["alice"], "R1") == world["rae"]
    for la_child_id in ("C1", "D1", "U1", "E1", "NOPE"):
        assert child_for_user(world["alice"], la_child_id) is None
        with pytest.raises(Http404):
            child_or_404(world["alice"], la_child_id)


def test_own_work_is_a_child_allocated_now_within_the_users_team_or_for_a_service_manager_their_service(world):
    amy = world["amy"]
    cal = child_for_user(world["carl"], "C1")
    dee = child_for_user(world["dan"], "D1")
    assert is_own_work(world["tina"], amy)
    assert not is_own_work(world["tina"], cal)
    # The service manager's own work is their service: Cal (Team C, the same service) is, Dee (another) is not.
    assert is_own_work(world["sally"], amy)
    assert is_own_work(world["sally"], cal)
    assert not is_own_work(world["sally"], dee)
    assert not is_own_work(world["director"], amy)
    with fixture_writes():
        amy.allocations.update(end_date=date(2026, 2, 27))
    assert not is_own_work(world["alice"], amy)


def test_the_users_worker_is_read_once_per_user(world):
    alice = world["alice"]
    assert user_worker(alice) == world["alice_worker"]
    with CaptureQueriesContext(connection) as queries:
        assert user_worker(alice).team.service.name == "Children's safeguarding"
    assert len(queries.captured_queries) == 0
