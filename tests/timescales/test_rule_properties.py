"""Properties of every rule in the registry, over random start dates and council closure days."""

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from lantern.timescales.rules import RULES, Counting
from lantern.workingdays.calendar import WorkingCalendar

starts = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))
closures = st.sets(st.dates(min_value=date(2020, 1, 1), max_value=date(2031, 12, 31)), max_size=20)
WORKING_DAY_RULES = [rule for rule in RULES if rule.counting is Counting.WORKING_DAYS]


@settings(max_examples=200, deadline=None)
@given(start=starts, closed=closures, rule=st.sampled_from(WORKING_DAY_RULES))
def test_a_working_day_rule_is_always_due_on_a_working_day(start, closed, rule):
    calendar = WorkingCalendar(closed)
    due = rule.due(start, calendar)
    assert calendar.is_working_day(due)
    assert calendar.working_days_between(start, due) == rule.amount


@settings(max_examples=200, deadline=None)
@given(start=starts, closed=closures, rule=st.sampled_from(RULES), more=st.integers(min_value=0, max_value=30))
def test_more_time_never_gives_an_earlier_due_date(start, closed, rule, more):
    calendar = WorkingCalendar(closed)
    assert rule.due(start, calendar, rule.amount + more) >= rule.due(start, calendar, rule.amount)


@settings(max_examples=200, deadline=None)
@given(start=starts, rule=st.sampled_from(RULES))
def test_a_later_start_never_gives_an_earlier_due_date(start, rule):
    calendar = WorkingCalendar()
    assert rule.due(start + timedelta(days=1), calendar) >= rule.due(start, calendar)
