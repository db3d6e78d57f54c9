"""What the three returns share: the collection year, date formats, and the formula guard. Calendar months are
`lantern.workingdays.calendar.add_months` and ages `lantern.core.dates.age_on`, imported from there."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone

from lantern.pages.cells import safe_cell

SOFTWARE = "Lantern"
RELEASE = "0.1.0"


@dataclass(frozen=True)
class CollectionYear:
    """A collection year named by the 31 March that ends it: 2026 is 1 April 2025 to 31 March 2026."""

    year: int

    @property
    def start(self) -> date:
        return date(self.year - 1, 4, 1)

    @property
    def end(self) -> date:
        return date(self.year, 3, 31)

    @property
    def label(self) -> str:
        return f"{self.year - 1}/{self.year % 100:02d}"

    def overlaps(self, start: date | None, end: date | None) -> bool:
        """Whether something running from start to end (None: still running) touches the year."""
        return start is not None and start <= self.end and (end is None or end >= self.start)

    def contains(self, day: date | None) -> bool:
        return day is not None and self.start <= day <= self.end

    def within(self, day: date | None) -> date | None:
        """The date as the return sees it on 31 March: a date after the year end has not happened yet."""
        return day if day is not None and day <= self.end else None


@dataclass
class ExportSummary:
    """What an export wrote, and what a reader should look at before submitting it."""

    name: str
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    # The children the file holds (primary keys): every download is logged against each of them.
    children: set[int] = field(default_factory=set)

    def count(self, what: str, n: int = 1) -> None:
        self.counts[what] = self.counts.get(what, 0) + n


def add_years(day: date, years: int) -> date:
    """The same day `years` later; 29 February becomes 28 February in a year that has none."""
    target = day.year + years
    if day.month == 2 and day.day == 29 and not calendar.isleap(target):
        return date(target, 2, 28)
    return day.replace(year=target)


def local_date(moment: datetime | None) -> date | None:
    """The calendar day, in the council's time zone, of a stored date and time."""
    if moment is None:
        return None
    return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()


def day_start(day: date) -> datetime:
    """The first moment of a local calendar day, for filtering date-time columns by day."""
    return timezone.make_aware(datetime.combine(day, datetime.min.time()))


def ddmmyyyy(day: date | None) -> str:
    """SSDA903 dates: dd/mm/YYYY (an ISO date fails rule 102)."""
    return day.strftime("%d/%m/%Y") if day else ""


def iso(day: date | None) -> str:
    """CIN census dates: xs:date, exactly YYYY-MM-DD."""
    return day.isoformat() if day else ""


def csv_cell(value: object) -> str:
    """One CSV cell as written: text a spreadsheet would run as a formula (= + - @ …) is neutralised.

    The guard is the one every Lantern export uses (`lantern.pages.cells.safe_cell`), so there is one rule for
    what counts as a formula. No valid code or date starts with those characters, so a return is never changed by it.
    """
    if value is None:
        return ""
    return str(safe_cell(str(value)))
