"""How a clock is counted and evaluated: a rule's shape (`Rule`), its due date, and its status on a day.

The rules themselves, each with what starts and stops it, are declared in `lantern/timescales/rules/`, one module
per part of the journey. A clock exists once its start has happened. It is done when the stopping event happened
on or before `as_of`; otherwise it is not due, due soon (inside the warning window), or overdue. Repeating clocks
(visits, reviews) run from the latest completed event, never from the previous due date (timescales.md).
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from django.utils import timezone

from lantern.workingdays.calendar import WorkingCalendar, add_months, add_weeks


class Counting(StrEnum):
    WORKING_DAYS = "working days"
    HOURS = "hours"
    DAYS = "days"
    WEEKS = "weeks"
    MONTHS = "months"


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    starts: str
    stops: str
    counting: Counting
    amount: int
    statutory: bool
    source: str
    applies_to: str  # the part of the journey a clock belongs to, for filters and worklists
    repeating: bool = False
    # Days added after counting: "the day before the 18th birthday" is 12 months from the 17th, less one day.
    offset_days: int = 0

    @property
    def kind(self) -> str:
        return "statutory" if self.statutory else "local standard"

    @property
    def describe_due(self) -> str:
        return f"{self.amount} {self.counting.value if self.amount != 1 else self.counting.value.rstrip('s')}"

    def due(self, start: date | datetime, calendar: WorkingCalendar, amount: int | None = None) -> date | datetime:
        """The due date (or date-time, for hour clocks) of a clock started at `start`."""
        amount = self.amount if amount is None else amount
        return self._count(start, calendar, amount) + timedelta(days=self.offset_days)

    def _count(self, start: date | datetime, calendar: WorkingCalendar, amount: int) -> date | datetime:
        if self.counting is Counting.HOURS:
            if not isinstance(start, datetime):
                # Only a date recorded: the end of that day counts as the start (timescales.md).
                start = datetime.combine(start, datetime.max.time())
            return start + timedelta(hours=amount)
        day = start.date() if isinstance(start, datetime) else start
        if self.counting is Counting.WORKING_DAYS:
            return calendar.add_working_days(day, amount)
        if self.counting is Counting.DAYS:
            return day + timedelta(days=amount)
        if self.counting is Counting.WEEKS:
            return add_weeks(day, amount)
        return add_months(day, amount)


class Status(StrEnum):
    NOT_DUE = "not due"
    DUE_SOON = "due soon"
    OVERDUE = "overdue"
    DONE_ON_TIME = "done on time"
    DONE_LATE = "done late"


OPEN_STATUSES = {Status.NOT_DUE, Status.DUE_SOON, Status.OVERDUE}


def day_of(value: date | datetime) -> date:
    """The local day of a date or an aware date-time."""
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


@dataclass(frozen=True)
class Clock:
    rule: Rule
    child_id: int
    subject: str
    started: date | datetime
    due: date | datetime
    done: date | datetime | None
    status: Status
    working_days_elapsed: int
    working_days_remaining: int | None
    # False once what the clock belongs to has ended (a plan closed, care ended): kept for history only.
    live: bool = True
    # What the clock belongs to, so that pages can link to where it is recorded: ("referral", 12), ("child", 3).
    target_kind: str = "child"
    target_id: int | None = None

    @property
    def due_date(self) -> date:
        return day_of(self.due)

    @property
    def started_date(self) -> date:
        return day_of(self.started)

    @property
    def done_date(self) -> date | None:
        return day_of(self.done) if self.done is not None else None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def as_dict(self) -> dict:
        def iso(value):
            return value.isoformat() if value is not None else None

        return {
            "rule_id": self.rule.id,
            "rule": self.rule.name,
            "kind": self.rule.kind,
            "subject": self.subject,
            "started": iso(self.started),
            "due": iso(self.due),
            "done": iso(self.done),
            "status": self.status.value,
            "working_days_elapsed": self.working_days_elapsed,
            "working_days_remaining": self.working_days_remaining,
            "live": self.live,
            "target": {"kind": self.target_kind, "id": self.target_id},
        }


class Evaluator:
    """Holds what every rule needs: the calendar, the date, the council's local values and warning window."""

    def __init__(
        self, *, calendar: WorkingCalendar, as_of: date, amounts: dict[str, int] | None = None, due_soon: int = 5
    ) -> None:
        self.calendar = calendar
        self.as_of = as_of
        self.amounts = amounts or {}
        self.due_soon = due_soon

    def clock(
        self,
        rule: Rule,
        child_id: int,
        subject: str,
        started: date | datetime,
        done: date | datetime | None,
        *,
        ends: date | None = None,
        target: tuple[str, int] | None = None,
        due_on: date | None = None,
    ) -> Clock | None:
        """One clock, or None where it does not apply (not started yet, or its context ended before it was due)."""
        if day_of(started) > self.as_of:
            return None
        due = rule.due(started, self.calendar, self.amounts.get(rule.id))
        # A date someone set when starting the clock (a manager's next review date) rather than one counted.
        if due_on is not None:
            due = due_on
        if done is not None and day_of(done) > self.as_of:
            done = None
        live = ends is None or ends > self.as_of
        if done is None and not live and day_of(due) >= ends:
            return None
        start_day = day_of(started)
        if done is not None:
            status = Status.DONE_ON_TIME if done <= due else Status.DONE_LATE
            elapsed = self.calendar.working_days_between(start_day, day_of(done))
            remaining = None
        else:
            checked_on = self.as_of if live else ends
            remaining = self.calendar.working_days_between(checked_on, day_of(due))
            if day_of(due) < checked_on:
                status = Status.OVERDUE
            elif remaining <= self.due_soon:
                status = Status.DUE_SOON
            else:
                status = Status.NOT_DUE
            elapsed = self.calendar.working_days_between(start_day, checked_on)
        kind, target_id = target or ("child", child_id)
        return Clock(rule, child_id, subject, started, due, done, status, elapsed, remaining, live, kind, target_id)

    def series(
        self,
        rule_for: Callable[[int, date], Rule],
        child_id: int,
        subject: str,
        first_start: date,
        events: Iterable[date],
        *,
        ends: date | None = None,
        target: tuple[str, int] | None = None,
    ) -> Iterator[Clock]:
        """A repeating clock: each event (a visit, a review) completes one clock and starts the next from itself."""
        pending = sorted({day for day in events if day >= first_start})
        start = first_start
        index = 0
        while start <= self.as_of and (ends is None or start < ends or index == 0):
            done = pending.pop(0) if pending else None
            clock = self.clock(rule_for(index, start), child_id, subject, start, done, ends=ends, target=target)
            if clock is None:
                return
            yield clock
            if clock.done is None:
                return
            start = day_of(clock.done)
            index += 1


# Small helpers the rule modules share.


def first(values: Iterable) -> object | None:
    return min(values, default=None)


def birthday(born: date | None, years: int) -> date | None:
    return add_months(born, 12 * years) if born else None


def label(value: date) -> str:
    return value.strftime("%-d %b %Y")
