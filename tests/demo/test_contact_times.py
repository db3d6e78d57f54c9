"""Contact times across the clock changes (issue 18 item 3): the large demo failed on
`contact_decision_not_before_receipt` because a receipt planned an hour before a 02:40 decision on the morning
the clocks went forward fell in the missing hour (01:43), which the database read as 01:43 UTC, after the
decision (01:40 UTC). Every contact the generator plans is decided at or after it was received, as instants."""

import random
from datetime import UTC, date, datetime, time, timedelta

import pytest

from lantern.demo.children import plan_contacts
from lantern.demo.dates import LONDON, at, later
from lantern.demo.figures import SIZES
from lantern.demo.journeys import referral_contact
from lantern.demo.plans import ChildPlan, ContactPlan
from lantern.demo.world import build_world

pytestmark = pytest.mark.django_db

# The build dates tried: the morning the clocks go forward, a week after it, the night they go back, the day the
# failure was found, and new year's day.
BUILD_DATES = [date(2026, 3, 29), date(2026, 4, 5), date(2026, 10, 25), date(2026, 12, 4), date(2027, 1, 1)]
# The failure needs a time in or just after the skipped hour and a delay that crosses it: about one referral
# contact in 7,000 and one other contact in 9,000 on the day.
REFERRAL_TRIES = 60_000
CONTACT_TRIES = 12_000


def clock_changes(until: date) -> list[date]:
    """The days London's clocks changed in the year up to `until`."""
    days = []
    d = until - timedelta(days=365)
    while d <= until:
        morning = datetime.combine(d, time(0), tzinfo=LONDON).utcoffset()
        evening = datetime.combine(d, time(23), tzinfo=LONDON).utcoffset()
        if morning != evening:
            days.append(d)
        d += timedelta(days=1)
    return days


def backwards(contacts: list[ContactPlan]) -> list[tuple[datetime, datetime]]:
    return [
        (c.received_at, c.decision_at)
        for c in contacts
        if c.decision_at is not None and c.decision_at.astimezone(UTC) < c.received_at.astimezone(UTC)
    ]


def a_child() -> ChildPlan:
    return ChildPlan(0, "C0", "Ava", "Smith", "F", date(2015, 5, 1), None, "WBRI", 0)


def test_the_clock_changes_are_found_for_each_build_date():
    assert clock_changes(date(2026, 12, 4)) == [date(2026, 3, 29), date(2026, 10, 25)]
    assert clock_changes(date(2026, 3, 29)) == [date(2025, 3, 30), date(2025, 10, 26), date(2026, 3, 29)]


def test_a_time_in_the_hour_the_clocks_skip_is_the_time_they_show_after_going_forward():
    skipped = at(date(2026, 3, 29), 1, 43)
    assert skipped.astimezone(UTC) == datetime(2026, 3, 29, 1, 43, tzinfo=UTC)
    assert (skipped.hour, skipped.minute) == (2, 43)
    assert at(date(2026, 3, 29), 2, 40).astimezone(UTC) == datetime(2026, 3, 29, 1, 40, tzinfo=UTC)


def test_a_delay_is_time_elapsed_across_a_clock_change():
    decided = at(date(2026, 3, 29), 2, 40)
    assert later(decided, -timedelta(minutes=57)).astimezone(UTC) == datetime(2026, 3, 29, 0, 43, tzinfo=UTC)
    received = at(date(2026, 10, 25), 0, 30)
    assert later(received, timedelta(hours=2)).astimezone(UTC) == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)


@pytest.mark.parametrize("today", BUILD_DATES, ids=str)
def test_every_contact_is_decided_at_or_after_it_was_received(today):
    w = build_world(SIZES["tiny"], 1, today)
    changes = clock_changes(today)
    assert changes
    for day in changes:
        rng = random.Random(f"{today}-{day}")
        referrals = [referral_contact(rng, day, "1") for _ in range(REFERRAL_TRIES)]
        assert backwards(referrals) == [], f"referral contacts on {day}, built on {today}"
        child = a_child()
        # Received on the day or the next (the day before when the clocks change on the build date itself).
        earliest = min(day, today - timedelta(days=1))
        for _ in range(CONTACT_TRIES):
            plan_contacts(w, rng, child, earliest, day + timedelta(days=1), 1)
        assert len(child.contacts) == CONTACT_TRIES
        assert backwards(child.contacts) == [], f"other contacts around {day}, built on {today}"
