from datetime import date

import pytest

from lantern.workingdays.calendar import council_calendar
from lantern.workingdays.models import ClosureDay

pytestmark = pytest.mark.django_db


def test_it_skips_a_council_closure_day():
    for day in (29, 30, 31):
        ClosureDay.objects.create(date=date(2025, 12, day), reason="Council closure between Christmas and New Year")
    calendar = council_calendar()
    assert not calendar.is_working_day(date(2025, 12, 30))
    # With 29-31 Dec closed, Fri 2 Jan is day 4 rather than 7, so day 45 moves three working days on from
    # Wed 25 Feb 2026: Thu 26, Fri 27, Mon 2 Mar.
    assert calendar.add_working_days(date(2025, 12, 19), 45) == date(2026, 3, 2)


def test_it_names_closure_days_by_their_reason():
    ClosureDay.objects.create(date=date(2025, 12, 29), reason="Council closure")
    assert council_calendar().holidays_between(date(2025, 12, 27), date(2025, 12, 31)) == [
        (date(2025, 12, 29), "Council closure")
    ]


def test_it_loads_closure_days_in_one_query_and_then_caches(django_assert_num_queries):
    ClosureDay.objects.create(date=date(2025, 12, 29), reason="Council closure")
    with django_assert_num_queries(1):
        first = council_calendar()
    with django_assert_num_queries(0):
        assert council_calendar() is first


def test_it_drops_the_cache_when_closure_days_change():
    before = council_calendar()
    assert before.is_working_day(date(2025, 12, 29))

    closure = ClosureDay.objects.create(date=date(2025, 12, 29), reason="Council closure")
    assert not council_calendar().is_working_day(date(2025, 12, 29))

    closure.reason = "Office move"
    closure.save()
    assert council_calendar().holidays_between(date(2025, 12, 29), date(2025, 12, 29)) == [
        (date(2025, 12, 29), "Office move")
    ]

    closure.delete()
    assert council_calendar().is_working_day(date(2025, 12, 29))


def test_it_orders_and_describes_closure_days():
    ClosureDay.objects.create(date=date(2025, 12, 31), reason="Council closure")
    ClosureDay.objects.create(date=date(2025, 12, 29), reason="Council closure")
    assert [c.date for c in ClosureDay.objects.all()] == [date(2025, 12, 29), date(2025, 12, 31)]
    assert str(ClosureDay.objects.first()) == "29 Dec 2025: Council closure"
