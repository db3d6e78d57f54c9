"""Reads for the pack: every measure for a date within a viewer's scope, its trend from the snapshots, its
comparator, and the children behind it. Each measure costs a fixed number of queries, whatever the size."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Min, QuerySet

from lantern.care.models import CareEpisode
from lantern.core.services import local_today
from lantern.journey.models import Contact, Referral
from lantern.people.models import Child
from lantern.performance.comparators import Comparator, england
from lantern.performance.definitions import MEASURE_LIST, MEASURES
from lantern.performance.measures import SECTIONS, Context, Measure, Period, Result, Unit
from lantern.performance.models import PerformanceSetting, Snapshot
from lantern.timescales.models import TimescaleSetting
from lantern.workingdays.calendar import WorkingCalendar, council_calendar

TREND_PERIODS = 12


@dataclass(frozen=True)
class Basics:
    """What every measure's context shares, read once for a pack: the calendar, local amounts, the population."""

    calendar: WorkingCalendar
    amounts: dict[str, int]
    population: int

    @classmethod
    def read(cls) -> "Basics":
        return cls(
            calendar=council_calendar(),
            amounts=dict(TimescaleSetting.objects.values_list("rule_id", "amount")),
            population=PerformanceSetting.current().population_0_17,
        )


def context(
    measure: Measure, as_of: date, children: QuerySet[Child] | None = None, basics: Basics | None = None
) -> Context:
    basics = basics or Basics.read()
    return Context(
        period=Period.ending(measure.period, as_of),
        calendar=basics.calendar,
        amounts=basics.amounts,
        children=children,
        population=basics.population,
    )


def evaluate(
    measure: Measure, as_of: date, children: QuerySet[Child] | None = None, basics: Basics | None = None
) -> tuple[Period, Result]:
    ctx = context(measure, as_of, children, basics)
    return ctx.period, measure.compute(ctx)


def records_begin() -> date | None:
    """The first day the record holds: the earliest contact, referral or episode of care."""
    days = [
        Referral.objects.aggregate(d=Min("referral_date"))["d"],
        CareEpisode.objects.aggregate(d=Min("start_date"))["d"],
    ]
    first_contact = Contact.objects.aggregate(d=Min("received_at"))["d"]
    if first_contact is not None:
        days.append(first_contact.date())
    days = [d for d in days if d is not None]
    return min(days) if days else None


def pack_date_problem(as_of: date) -> str | None:
    """Why a pack cannot be made for this date, or None."""
    today = local_today()
    if as_of > today:
        return f"The pack date {as_of:%d/%m/%Y} is in the future: choose today ({today:%d/%m/%Y}) or before"
    begin = records_begin()
    if begin is None:
        return "The record holds no contacts, referrals or care yet: there is nothing to make a pack from"
    if as_of < begin:
        return f"The pack date {as_of:%d/%m/%Y} is before the records begin ({begin:%d/%m/%Y})"
    return None


def format_value(measure: Measure, value: float | None) -> str:
    if value is None:
        return "no children"
    if measure.unit is Unit.FRACTION:
        return f"{value:.1%}"
    return f"{value:,.1f}"


@dataclass
class Row:
    measure: Measure
    period: Period
    result: Result
    comparator: Comparator | None
    trend: list[Snapshot] = field(default_factory=list)

    @property
    def value(self) -> float | None:
        return self.result.value

    @property
    def shown(self) -> str:
        return format_value(self.measure, self.value)

    @property
    def rag(self) -> str:
        return self.measure.rag(self.value)

    @property
    def target_shown(self) -> str:
        return "" if self.measure.target is None else format_value(self.measure, self.measure.target)

    @property
    def comparator_shown(self) -> str:
        return "" if self.comparator is None else format_value(self.measure, self.comparator.value)

    def chart(self) -> dict:
        """The trend as the chart reads it (json_script): labels and values, as percentages where a share."""
        scale = 100 if self.measure.unit is Unit.FRACTION else 1
        return {
            "id": self.measure.id,
            "label": self.measure.title,
            "unit": "%" if scale == 100 else "",
            "labels": [s.period_end.strftime("%d %b %Y") for s in self.trend],
            "values": [None if s.value is None else round(s.value * scale, 1) for s in self.trend],
        }

    def trend_rows(self) -> list[tuple[Snapshot, str]]:
        return [(s, format_value(self.measure, s.value)) for s in self.trend]


def trends(as_of: date, ids: list[str]) -> dict[str, list[Snapshot]]:
    """The last 12 snapshots of each measure up to the date: one query."""
    found: dict[str, list[Snapshot]] = {i: [] for i in ids}
    for snapshot in Snapshot.objects.filter(measure_id__in=ids, period_end__lte=as_of).order_by(
        "measure_id", "-period_end"
    ):
        kept = found[snapshot.measure_id]
        if len(kept) < TREND_PERIODS:
            kept.append(snapshot)
    return {i: list(reversed(s)) for i, s in found.items()}


def pack(as_of: date, children: QuerySet[Child] | None = None) -> list[tuple[str, str, list[Row]]]:
    """Every measure for the date, by section: (section id, its title, its rows)."""
    comparators = england()
    history = trends(as_of, [m.id for m in MEASURE_LIST])
    rows: dict[str, list[Row]] = {s: [] for s in SECTIONS}
    basics = Basics.read()
    for measure in MEASURE_LIST:
        period, result = evaluate(measure, as_of, children, basics)
        rows[measure.section].append(
            Row(measure, period, result, comparators.get(measure.id), history.get(measure.id, []))
        )
    return [(s, title, rows[s]) for s, title in SECTIONS.items() if rows[s]]


@dataclass(frozen=True)
class DrillRow:
    child: Child
    what: str
    day: date


def drilldown(
    measure_id: str, as_of: date, children: QuerySet[Child], *, counted: bool = True
) -> tuple[Measure, Period, Result, list[DrillRow]]:
    """The items behind a measure's numerator (or the rest of its denominator), with their children: the measure
    is computed within the viewer's scope, so every row is a child they may open."""
    measure = MEASURES[measure_id]
    period, result = evaluate(measure, as_of, children)
    chosen = [i for i in result.items if i.counted is counted]
    found = {c.pk: c for c in Child.objects.filter(pk__in={i.child_id for i in chosen})}
    rows = [DrillRow(found[i.child_id], i.what, i.day) for i in chosen if i.child_id in found]
    rows.sort(key=lambda r: (r.day, r.child.la_child_id))
    return measure, period, result, rows


@dataclass(frozen=True)
class Question:
    """One of the questions a director asks first, answered from a measure, with the link to its children."""

    text: str
    count: int
    of: str
    measure_id: str
    show_rest: bool


def first_questions(as_of: date, children: QuerySet[Child] | None = None) -> list[Question]:
    """How many children in care had 3 or more placements this year, how many care leavers are not in touch, and
    how many assessments were late: each one click from the home page (the measure's drill-down)."""
    basics = Basics.read()
    _, moves = evaluate(MEASURES["cla_3plus_placements"], as_of, children, basics)
    _, touch = evaluate(MEASURES["care_leavers_19_21_in_touch"], as_of, children, basics)
    _, late = evaluate(MEASURES["assessments_within_45_wd"], as_of, children, basics)
    return [
        Question(
            "children in care had 3 or more placements in the last 12 months",
            moves.numerator,
            f"of {moves.denominator:,} children in care",
            "cla_3plus_placements",
            False,
        ),
        Question(
            "care leavers aged 19 to 21 are not in touch",
            touch.denominator - touch.numerator,
            f"of {touch.denominator:,} care leavers aged 19 to 21",
            "care_leavers_19_21_in_touch",
            True,
        ),
        Question(
            "assessments were authorised late (after 45 working days) in the last 12 months",
            late.denominator - late.numerator,
            f"of {late.denominator:,} assessments authorised",
            "assessments_within_45_wd",
            True,
        ),
    ]
