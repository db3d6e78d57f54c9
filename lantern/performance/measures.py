"""The measure registry: every performance measure defined once (id, title, what it counts, its period, which way
is better, its target, the DfE definition it follows and the source of that definition).

A measure's `compute` reads the record in bulk for one period and one scope and returns its numerator and
denominator with the items behind the numerator (the drill-down). It asks the timescale rules for any due date
(`Rule.due`), never working one out itself. A measure costs the same few queries for ten children as for ten
thousand. The definitions are in `definitions/`, one module per part of the journey.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum

from django.db.models import QuerySet

from lantern.people.models import Child
from lantern.timescales.engine import Rule
from lantern.workingdays.calendar import WorkingCalendar, add_months


class PeriodKind(StrEnum):
    WEEK = "week"
    MONTH = "month"
    YEAR = "rolling 12 months"
    AS_AT = "as at a date"


class Polarity(StrEnum):
    HIGHER = "higher is better"
    LOWER = "lower is better"


class Unit(StrEnum):
    FRACTION = "fraction"  # numerator / denominator, 0 to 1, shown as a percentage
    PER_10000 = "per 10,000 children"  # numerator / the 0-17 population x 10,000
    AVERAGE = "average"  # numerator / denominator, a number (a caseload)


SECTIONS = {
    "front_door": "Front door",
    "assessment": "Assessment",
    "child_protection": "Child protection",
    "children_in_need": "Children in need",
    "children_in_care": "Children in care",
    "care_leavers": "Care leavers",
    "missing": "Missing",
    "workforce": "Workforce",
    "quality": "Quality of practice",
}


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive: the as-of date

    @classmethod
    def ending(cls, kind: PeriodKind, as_of: date) -> "Period":
        if kind is PeriodKind.WEEK:
            return cls(as_of - timedelta(days=6), as_of)
        if kind is PeriodKind.MONTH:
            return cls(add_months(as_of, -1) + timedelta(days=1), as_of)
        if kind is PeriodKind.YEAR:
            return cls(add_months(as_of, -12) + timedelta(days=1), as_of)
        return cls(as_of, as_of)

    def holds(self, day: date | datetime | None) -> bool:
        if day is None:
            return False
        if isinstance(day, datetime):
            day = day.date()
        return self.start <= day <= self.end


@dataclass(frozen=True)
class Item:
    """One thing a measure counts (an assessment, a plan, a child), and whether it is in the numerator."""

    child_id: int
    what: str
    day: date
    counted: bool


@dataclass
class Context:
    """What every measure is computed for: a period, the children in scope (None: the whole authority) and the
    council's calendar and local timescale amounts (for `Rule.due`)."""

    period: Period
    calendar: WorkingCalendar
    amounts: dict[str, int]
    children: QuerySet[Child] | None = None
    population: int = 0

    @property
    def as_of(self) -> date:
        return self.period.end

    def scoped(self, queryset: QuerySet, through: str = "child_id") -> QuerySet:
        if self.children is None:
            return queryset
        return queryset.filter(**{f"{through}__in": self.children.values("pk")})

    def due(self, rule: Rule, start: date | datetime) -> date | datetime:
        # A local standard's amount is the council's own (TimescaleSetting); a statutory one is fixed.
        return rule.due(start, self.calendar, None if rule.statutory else self.amounts.get(rule.id))


@dataclass
class Result:
    numerator: int
    denominator: int
    items: list[Item] = field(default_factory=list)
    scale: int = 1

    @property
    def value(self) -> float | None:
        """None when there is nothing to count: the page says "no children", never 0% or an error."""
        if not self.denominator:
            return None
        return self.numerator / self.denominator * self.scale

    @classmethod
    def of(cls, items: list[Item]) -> "Result":
        return cls(numerator=sum(1 for i in items if i.counted), denominator=len(items), items=items)


@dataclass(frozen=True)
class Measure:
    id: str
    title: str
    section: str
    counts: str  # what the denominator counts, in the page's words: "assessments authorised in the year"
    numerator_is: str  # what the numerator counts: "authorised within 45 working days of the referral"
    period: PeriodKind
    polarity: Polarity
    definition: str
    source: str
    compute: Callable[[Context], Result]
    unit: Unit = Unit.FRACTION
    target: float | None = None
    tolerance: float = 0.05  # within this of the target: amber

    def __post_init__(self) -> None:
        if self.section not in SECTIONS:
            raise ValueError(f"{self.id}: unknown section {self.section}")
        if self.unit is Unit.FRACTION and self.target is not None and not 0 <= self.target <= 1:
            raise ValueError(f"{self.id}: a target for a percentage must be between 0% and 100%")
        if self.tolerance < 0:
            raise ValueError(f"{self.id}: the tolerance cannot be negative")

    def rag(self, value: float | None) -> str:
        """Red, amber or green against the target; empty without a target or a value."""
        if value is None or self.target is None:
            return ""
        better = value - self.target if self.polarity is Polarity.HIGHER else self.target - value
        if better >= 0:
            return "green"
        return "amber" if -better <= self.tolerance * (1 if self.unit is Unit.FRACTION else self.target) else "red"


def registry(measures: list[Measure]) -> dict[str, Measure]:
    found: dict[str, Measure] = {}
    for measure in measures:
        if measure.id in found:
            raise ValueError(f"The measure {measure.id} is defined twice")
        found[measure.id] = measure
    return found
