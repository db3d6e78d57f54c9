import calendar as stdlib_calendar
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from lantern.workingdays.calendar import WorkingCalendar, add_months

# Building a year's working days on first use can outlast hypothesis's default deadline.
quick = settings(deadline=None)

starts = st.dates(min_value=date(1995, 1, 1), max_value=date(2060, 12, 31))
counts = st.integers(min_value=0, max_value=400)


@st.composite
def calendars(draw, near=None):
    """A calendar with a few closure days, placed near `near` so they actually get in the way."""
    anchor = near or draw(starts)
    offsets = draw(st.sets(st.integers(min_value=-10, max_value=400), max_size=15))
    return WorkingCalendar({anchor + timedelta(days=o) for o in offsets})


@st.composite
def calendar_and_start(draw):
    start = draw(starts)
    return draw(calendars(near=start)), start


def naive_add(calendar: WorkingCalendar, start: date, n: int) -> date:
    day = start
    while n:
        day += timedelta(days=1)
        if calendar.is_working_day(day):
            n -= 1
    return day


@quick
@given(calendar_and_start(), st.integers(min_value=1, max_value=400))
def test_it_always_lands_on_a_working_day(cal_start, n):
    calendar, start = cal_start
    assert calendar.is_working_day(calendar.add_working_days(start, n))


@quick
@given(calendar_and_start(), counts, counts)
def test_it_never_goes_backwards_as_n_grows(cal_start, n, m):
    calendar, start = cal_start
    low, high = sorted((n, m))
    assert calendar.add_working_days(start, low) <= calendar.add_working_days(start, high)
    assert calendar.add_working_days(start, low + 1) > calendar.add_working_days(start, low)


@quick
@given(calendar_and_start(), st.integers(min_value=0, max_value=30), counts)
def test_it_never_goes_backwards_as_the_start_moves_later(cal_start, shift, n):
    calendar, start = cal_start
    later = start + timedelta(days=shift)
    assert calendar.add_working_days(start, n) <= calendar.add_working_days(later, n)


@quick
@given(calendar_and_start(), counts)
def test_it_round_trips_through_working_days_between(cal_start, n):
    calendar, start = cal_start
    result = calendar.add_working_days(start, n)
    assert calendar.working_days_between(start, result) == n
    assert calendar.working_days_between(result, start) == -n


@quick
@given(calendar_and_start(), st.integers(min_value=0, max_value=60))
def test_it_agrees_with_a_day_by_day_walk(cal_start, n):
    calendar, start = cal_start
    assert calendar.add_working_days(start, n) == naive_add(calendar, start, n)


@quick
@given(calendar_and_start(), st.integers(min_value=-400, max_value=400))
def test_it_counts_the_same_as_a_day_by_day_walk(cal_start, offset):
    calendar, start = cal_start
    end = start + timedelta(days=offset)
    low, high = sorted((start, end))
    walked = sum(calendar.is_working_day(low + timedelta(days=i)) for i in range(1, (high - low).days + 1))
    assert calendar.working_days_between(start, end) == (walked if end >= start else -walked)


@quick
@given(calendar_and_start())
def test_it_gives_the_next_working_day_as_a_working_day_on_or_after(cal_start):
    calendar, start = cal_start
    result = calendar.next_working_day(start)
    assert result >= start
    assert calendar.is_working_day(result)
    assert calendar.working_days_between(start, result) == (0 if result == start else 1)


@given(starts, st.integers(min_value=-600, max_value=600))
def test_it_keeps_the_day_number_when_adding_months_unless_clamping(start, n):
    result = add_months(start, n)
    assert (result.year * 12 + result.month) - (start.year * 12 + start.month) == n
    last_day = stdlib_calendar.monthrange(result.year, result.month)[1]
    assert result.day == min(start.day, last_day)
