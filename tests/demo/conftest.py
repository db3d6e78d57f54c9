import io
from datetime import date

import pytest
from django.db import transaction

from lantern.demo.generator import generate
from lantern.workingdays.calendar import invalidate_council_calendar

TODAY = date(2026, 1, 15)
SEED = 7


def build(size: str = "tiny", seed: int = SEED, today: date = TODAY) -> dict[str, int]:
    invalidate_council_calendar()
    return generate(size=size, seed=seed, today=today, stdout=io.StringIO())


@pytest.fixture(scope="module")
def tiny(django_db_setup, django_db_blocker):
    """One tiny authority shared by a module's tests, rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        counts = build()
        yield counts
        transaction.set_rollback(True)
