"""Shared pytest configuration for the whole suite (model factories live in tests/factories.py)."""

from datetime import UTC, datetime

import pytest
import time_machine

from lantern.accounts.roles import Role
from lantern.workforce.models import Worker
from tests.factories import AllocationFactory, ChildFactory, TeamFactory, UserFactory, WorkerFactory


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Argon2 is deliberately slow; tests create many users and only need a hasher that works.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _second_factor_off_unless_asked(settings):
    # Two-factor sign-in has its own tests (tests/accounts/test_two_factor.py), which switch it back on;
    # elsewhere a manager's page test would otherwise stop at the authenticator prompt.
    settings.LANTERN_REQUIRE_2FA = False


@pytest.fixture
def frozen_monday():
    """Monday 2 March 2026, midday: the recording-form tests' "today"."""
    with time_machine.travel(datetime(2026, 3, 2, 12, 0, tzinfo=UTC), tick=False):
        yield


@pytest.fixture
def people(db):
    """The suite's personas, one set for every test file (a file adds the records its pages need):

    - Alice Archer, a social worker in Team A, allocated Amy Adams (A1); Tina Tanner, Team A's manager;
    - Carl, a social worker, and Otto ("otm"), its manager, in Team C (the same service): Amy is not their team's;
    - Dana Protector, the data protection officer; an inspector, the director and an administrator.
    """
    team = TeamFactory(name="Team A")
    other_team = TeamFactory(name="Team C")
    alice = UserFactory(username="alice", first_name="Alice", last_name="Archer", roles=[Role.SOCIAL_WORKER])
    alice_worker = WorkerFactory(user=alice, team=team, first_name="Alice", last_name="Archer")
    amy = AllocationFactory(
        worker=alice_worker, child=ChildFactory(first_name="Amy", last_name="Adams", la_child_id="A1")
    ).child
    tina = UserFactory(username="tina", first_name="Tina", last_name="Tanner", roles=[Role.TEAM_MANAGER])
    WorkerFactory(user=tina, team=team, role=Worker.Role.TEAM_MANAGER, first_name="Tina", last_name="Tanner")
    carl = UserFactory(username="carl", roles=[Role.SOCIAL_WORKER])
    WorkerFactory(user=carl, team=other_team)
    other_tm = UserFactory(username="otm", first_name="Otto", last_name="Manager", roles=[Role.TEAM_MANAGER])
    WorkerFactory(user=other_tm, team=other_team, role=Worker.Role.TEAM_MANAGER)
    return {
        "team": team,
        "alice": alice,
        "alice_worker": alice_worker,
        "amy": amy,
        "tina": tina,
        "carl": carl,
        "other_tm": other_tm,
        "dpo": UserFactory(username="dpo", first_name="Dana", last_name="Protector", roles=[Role.DATA_PROTECTION]),
        "inspector": UserFactory(username="inspector", roles=[Role.INSPECTOR]),
        "director": UserFactory(username="director", roles=[Role.DIRECTOR]),
        "admin": UserFactory(username="admin", roles=[Role.ADMINISTRATOR]),
    }


@pytest.fixture
def alice(client, people):
    """The client signed in as Alice, the social worker allocated Amy."""
    client.force_login(people["alice"])
    return client
