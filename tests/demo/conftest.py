import io
from datetime import date

import dj_database_url
import pytest
from django.conf import settings
from django.db import connection, transaction

from lantern.demo.generator import generate
from lantern.workingdays.calendar import invalidate_council_calendar

TODAY = date(2026, 1, 15)
SEED = 7


def assert_test_database() -> None:
    """Refuse to build into the configured database (the live demo): pytest-django creates the test database only
    when a collected test asks for one (a `django_db` mark or the `db` fixture)."""
    configured = dj_database_url.parse(settings.DATABASE_URL)["NAME"]
    if connection.settings_dict["NAME"] == configured:
        raise RuntimeError("No test database was set up: mark the module's tests django_db")


def build(size: str = "tiny", seed: int = SEED, today: date = TODAY) -> dict[str, int]:
    invalidate_council_calendar()
    return generate(size=size, seed=seed, today=today, stdout=io.StringIO())


@pytest.fixture(scope="module")
def tiny(django_db_setup, django_db_blocker):
    """One tiny authority shared by a module's tests, rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        assert_test_database()
        counts = build()
        yield counts
        transaction.set_rollback(True)
