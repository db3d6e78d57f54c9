"""Working days and calendar arithmetic: the one place the project computes them.

A working day is Monday to Friday, not a bank holiday in England and Wales (`holidays`, GB/ENG) and not a
council closure day. "Within N working days of D" means the Nth working day after D, with D as day 0 whether
or not D is itself a working day.
"""

from __future__ import annotations

import calendar
import functools
import threading
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from datetime import date, timedelta

import holidays

__all__ = [
    "WorkingCalendar",
    "add_months",
    "add_weeks",
    "council_calendar",
    "invalidate_council_calendar",
]

DEFAULT_CLOSURE_REASON = "Council closure"

# A year has at most 261 working days; used to guess how many more years a long jump needs.
_MIN_WORKING_DAYS_PER_YEAR = 240


@functools.cache
def _bank_holidays(year: int) -> dict[date, str]:
    """Bank holidays in England and Wales for one year; shared by every calendar in the process."""
    return dict(holidays.country_holidays("GB", subdiv="ENG", years=year).items())


class WorkingCalendar:
    """Working days for England and Wales plus a fixed set of extra closure dates.

    `closures` is either dates (named "Council closure") or a mapping of date to reason. The calendar
    is immutable once built; it caches a sorted list of working-day ordinals over a contiguous span of
    years, extended lazily, so adding or counting working days is a bisect rather than a day-by-day walk.
    """

    def __init__(self, closures: Iterable[date] | Mapping[date, str] = ()) -> None:
        if isinstance(closures, Mapping):
            reasons = {d: str(reason) for d, reason in closures.items()}
        else:
            reasons = dict.fromkeys(closures, DEFAULT_CLOSURE_REASON)
        self._closure_reasons: dict[date, str] = reasons
        self._closures: frozenset[date] = frozenset(reasons)
        # (first year, last year, ordinals of every working day in those years), swapped as one tuple
        # so readers never see a half-extended span.
        self._span: tuple[int, int, list[int]] | None = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"<WorkingCalendar closures={len(self._closures)}>"

    @property
    def closures(self) -> frozenset[date]:
        return self._closures

    def is_working_day(self, d: date) -> bool:
        return d.weekday() < 5 and d not in self._closures and d not in _bank_holidays(d.year)

    def add_working_days(self, start: date, n: int) -> date:
        """The nth working day after `start` (start is day 0); `start` itself when n is 0."""
        if n < 0:
            raise ValueError(f"n must be zero or more, not {n}")
        if n == 0:
            return start
        first, last, ordinals = self._cover(start.year, start.year)
        index = bisect_right(ordinals, start.toordinal()) + n - 1
        while index >= len(ordinals):
            shortfall = index - len(ordinals) + 1
            first, last, ordinals = self._cover(first, last + shortfall // _MIN_WORKING_DAYS_PER_YEAR + 1)
        return date.fromordinal(ordinals[index])

    def working_days_between(self, start: date, end: date) -> int:
        """Working days d with start < d <= end; negative when end is before start.

        So working_days_between(s, add_working_days(s, n)) == n.
        """
        if end < start:
            return -self.working_days_between(end, start)
        _, _, ordinals = self._cover(start.year, end.year)
        return bisect_right(ordinals, end.toordinal()) - bisect_right(ordinals, start.toordinal())

    def next_working_day(self, d: date) -> date:
        """`d` if it is a working day, otherwise the first working day after it."""
        return d if self.is_working_day(d) else self.add_working_days(d, 1)

    def holidays_between(self, start: date, end: date) -> list[tuple[date, str]]:
        """Named bank holidays and closure days from start to end inclusive, in date order.

        Includes bank holidays that fall at a weekend (the "observed" weekday is listed too). A date that
        is both a bank holiday and a closure day appears once, with both names.
        """
        names: dict[date, list[str]] = {}
        for year in range(start.year, end.year + 1):
            for d, name in _bank_holidays(year).items():
                if start <= d <= end:
                    names.setdefault(d, []).append(name)
        for d, reason in self._closure_reasons.items():
            if start <= d <= end:
                names.setdefault(d, []).append(reason)
        return [(d, "; ".join(names[d])) for d in sorted(names)]

    def _working_ordinals(self, year: int) -> list[int]:
        day = date(year, 1, 1)
        end = date(year, 12, 31)
        out = []
        while day <= end:
            if self.is_working_day(day):
                out.append(day.toordinal())
            day += timedelta(days=1)
        return out

    def _cover(self, first: int, last: int) -> tuple[int, int, list[int]]:
        """Make sure the cached span includes years first..last and return it."""
        span = self._span
        if span is not None and span[0] <= first and last <= span[1]:
            return span
        with self._lock:
            span = self._span
            if span is None:
                span = (first, first, self._working_ordinals(first))
            lo, hi, ordinals = span
            if first < lo or last > hi:
                before = [o for y in range(first, lo) for o in self._working_ordinals(y)]
                after = [o for y in range(hi + 1, last + 1) for o in self._working_ordinals(y)]
                span = (min(first, lo), max(last, hi), before + ordinals + after)
            self._span = span
            return span


def add_months(d: date, n: int) -> date:
    """Same day number n calendar months on (or back), clamped to the last day of a shorter month."""
    month_index = d.year * 12 + (d.month - 1) + n
    year, month = divmod(month_index, 12)
    month += 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def add_weeks(d: date, n: int) -> date:
    return d + timedelta(weeks=n)


_council_calendar: WorkingCalendar | None = None
# Bumped on every invalidation so a load that raced a change is not cached.
_council_generation = 0
_council_lock = threading.Lock()


def council_calendar() -> WorkingCalendar:
    """The council's calendar: bank holidays plus its ClosureDay rows (one query, then cached per process).

    The cache is dropped when a ClosureDay is saved or deleted through the ORM (signals connected in the
    app config). Bulk writes that send no signals should call `invalidate_council_calendar()`.
    """
    global _council_calendar
    cached = _council_calendar
    if cached is not None:
        return cached
    from .models import ClosureDay

    generation = _council_generation
    built = WorkingCalendar(dict(ClosureDay.objects.values_list("date", "reason")))
    with _council_lock:
        if generation == _council_generation:
            _council_calendar = built
    return built


def invalidate_council_calendar(*args: object, **kwargs: object) -> None:
    """Forget the cached council calendar; usable directly or as a signal receiver."""
    global _council_calendar, _council_generation
    with _council_lock:
        _council_generation += 1
        _council_calendar = None
