"""Shared pytest configuration for the whole suite (model factories live in tests/factories.py)."""

from datetime import UTC, datetime

import pytest
import time_machine

from lantern.accounts.roles import Role
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
def casework_people(db):
    """Alice, a social worker allocated Amy (A1); Carl, a social worker in another team; two read-only roles."""
    alice = UserFactory(username="alice", roles=[Role.SOCIAL_WORKER])
    alice_worker = WorkerFactory(user=alice, team=TeamFactory(name="Team A"))
    amy = AllocationFactory(
        worker=alice_worker, child=ChildFactory(first_name="Amy", last_name="Adams", la_child_id="A1")
    ).child
    carl = UserFactory(username="carl", roles=[Role.SOCIAL_WORKER])
    WorkerFactory(user=carl, team=TeamFactory(name="Team C"))
    return {
        "alice": alice,
        "alice_worker": alice_worker,
        "amy": amy,
        "carl": carl,
        "inspector": UserFactory(username="inspector", roles=[Role.INSPECTOR]),
        "director": UserFactory(username="director", roles=[Role.DIRECTOR]),
    }


@pytest.fixture
def alice(client, people):
    """The client signed in as Alice; each module's `people` fixture says who else is there."""
    client.force_login(people["alice"])
    return client
