import pytest

from lantern.workingdays.calendar import invalidate_council_calendar


@pytest.fixture(autouse=True)
def fresh_council_calendar():
    # A test transaction rolled back sends no post_delete, so the per-process cache must be dropped by hand.
    invalidate_council_calendar()
    yield
    invalidate_council_calendar()
