"""Dates as every page, service and export writes them (lantern/core/dates.py), and ages counted once."""

from datetime import UTC, date, datetime

import pytest

from lantern.core.dates import age_on, day_label, moment_label
from lantern.demo import dates as demo_dates
from tests.factories import ChildFactory


def test_a_day_is_written_as_govuk_writes_it():
    assert day_label(date(2025, 6, 2)) == "2 June 2025"


def test_a_moment_is_written_in_the_councils_time_zone():
    # 13:30 UTC in June is 14:30 in London (British Summer Time); in January the two agree.
    assert moment_label(datetime(2025, 6, 2, 13, 30, tzinfo=UTC)) == "2 June 2025 at 14:30"
    assert moment_label(datetime(2026, 1, 5, 9, 5, tzinfo=UTC)) == "5 January 2026 at 09:05"


@pytest.mark.parametrize(
    ("born", "on", "age"),
    [
        (date(2010, 3, 2), date(2026, 3, 1), 15),
        (date(2010, 3, 2), date(2026, 3, 2), 16),
        (date(2008, 2, 29), date(2026, 2, 28), 17),  # no 29 February in 2026: 18 on 1 March
        (date(2008, 2, 29), date(2026, 3, 1), 18),
        (date(2026, 3, 2), date(2026, 3, 2), 0),
    ],
)
def test_an_age_is_counted_in_whole_years(born, on, age):
    assert age_on(born, on) == age


def test_an_unborn_child_has_no_age():
    assert age_on(None, date(2026, 3, 2)) is None
    assert age_on(date(2026, 4, 1), date(2026, 3, 2)) is None


@pytest.mark.django_db
def test_the_child_record_and_the_demo_count_ages_the_same_way():
    child = ChildFactory(date_of_birth=date(2008, 2, 29))
    assert child.age_on(date(2026, 2, 28)) == age_on(child.date_of_birth, date(2026, 2, 28)) == 17
    assert demo_dates.age_on(date(2008, 2, 29), date(2026, 3, 1)) == 18
    # The generator compares ages with bands, so an unborn child counts as 0 there.
    assert demo_dates.age_on(None, date(2026, 3, 2)) == 0
