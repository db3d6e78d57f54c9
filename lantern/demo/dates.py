"""Date arithmetic for the generator: the council's working days, calendar months, and London times."""

import random
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from lantern.core import dates as ages
from lantern.workingdays.calendar import WorkingCalendar, add_months, council_calendar

LONDON = ZoneInfo("Europe/London")
DAY = timedelta(days=1)


class Clock:
    """Working days from the council calendar (bank holidays and closure days), and the day the story stops."""

    def __init__(self, today: date, calendar: WorkingCalendar | None = None) -> None:
        self.today = today
        self.calendar = calendar or council_calendar()
        self.end_of_today = datetime.combine(today, time(23, 59), tzinfo=LONDON)

    def wd(self, d: date, n: int) -> date:
        """The nth working day after d (n >= 1 always lands on a working day)."""
        return self.calendar.add_working_days(d, max(0, n))

    def on_or_after(self, d: date) -> date:
        return self.calendar.next_working_day(d)

    def between(self, start: date, end: date) -> int:
        return self.calendar.working_days_between(start, end)

    @staticmethod
    def months(d: date, n: int) -> date:
        return add_months(d, n)


def at(d: date, hour: int, minute: int = 0) -> datetime:
    """A London time on d that happened: in the hour skipped when the clocks go forward (01:00-01:59 on the last
    Sunday of March), the time the clocks then showed (01:43 is 02:43 BST). Left as it is, the skipped time is
    stored as GMT, after times planned later in the same night."""
    return later(datetime.combine(d, time(hour, minute), tzinfo=LONDON), timedelta(0))


def later(t: datetime, delta: timedelta) -> datetime:
    """The London time `delta` of elapsed time after t (before it if negative). Adding a timedelta to a zoned
    datetime moves the wall clock, so across a clock change it is an hour out, and can land in the skipped hour."""
    return (t.astimezone(UTC) + delta).astimezone(LONDON)


def office_time(rng: random.Random, d: date) -> datetime:
    """A time in the working day, mostly; some out of hours (police contacts at night)."""
    if rng.random() < 0.85:
        return at(d, rng.randint(8, 17), rng.randrange(0, 60, 5))
    return at(d, rng.choice([0, 1, 2, 19, 20, 21, 22, 23]), rng.randrange(0, 60, 5))


def birthday(dob: date, years: int) -> date:
    return add_months(dob, 12 * years)


def age_on(dob: date | None, on: date) -> int:
    """Age in whole years (`lantern.core.dates.age_on`); 0 for an unborn child, so the story compares it with bands."""
    return ages.age_on(dob, on) or 0


def days(n: float) -> timedelta:
    return timedelta(days=int(n))


# Work due in the month before the build date that is still waiting on it: the worklists' drift (issue 3).
BACKLOG_SHARE = 0.25
BACKLOG_DAYS = 30


def backlog(key: str, due: date, today: date, share: float = BACKLOG_SHARE) -> int | None:
    """Working days after the build date that late work falls due to be done, or None if it is not late. Its own
    random stream (from `key`), so the rest of the story is unchanged."""
    if not 0 < (today - due).days <= BACKLOG_DAYS:
        return None
    rng = random.Random(key)
    return rng.randint(1, 10) if rng.random() < share else None
