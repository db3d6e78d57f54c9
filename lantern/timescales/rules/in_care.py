"""Children in care: statutory visits, CLA reviews, health and dental checks, PEPs and the permanence plan
(timescales.md, "Children in care"). Visits and reviews follow the Care Planning, Placement and Case Review
(England) Regulations 2010; a placement is a run of episodes that `codes.NEW_PLACEMENT_REASONS` begins.

Each rule is declared next to the function that finds its start and its stop in one period of care;
`clocks_in_care` runs them period by period.
"""

from collections.abc import Iterator
from datetime import date

from lantern.core import codes
from lantern.timescales.engine import Clock, Counting, Evaluator, Rule, first, label
from lantern.timescales.facts import ChildFacts
from lantern.timescales.rules.sources import CPPCR
from lantern.workingdays.calendar import add_months

# Visits (reg 28): within a week of each placement starting, then every 6 weeks in its first year; after that
# every 3 months in long-term fostering (codes.LONG_TERM_FOSTERING_PLACEMENTS: U1, U4; reg 28(2)(c)(i)) and
# every 6 weeks otherwise (reg 28(2)(c)(ii)). A placement for adoption (A3-A6) is visited under the Adoption
# Agencies Regulations 2005, not as long-term fostering, so after its first year it stays on the 6-week clock.
CLA_VISIT_FIRST = Rule(
    id="cla_visit_first",
    name="First visit in a placement",
    starts="placement start",
    stops="child visited",
    counting=Counting.WEEKS,
    amount=1,
    statutory=True,
    source=f"{CPPCR} reg 28(2)(a)",
    applies_to="children in care",
)

CLA_VISIT_FIRST_YEAR = Rule(
    id="cla_visit_first_year",
    name="Statutory visit, first year of placement",
    starts="previous visit",
    stops="child visited",
    counting=Counting.WEEKS,
    amount=6,
    statutory=True,
    source=f"{CPPCR} reg 28(2)(b)",
    applies_to="children in care",
    repeating=True,
)

CLA_VISIT_LONG_TERM = Rule(
    id="cla_visit_long_term",
    name="Statutory visit, long-term placement to 18",
    starts="previous visit",
    stops="child visited",
    counting=Counting.MONTHS,
    amount=3,
    statutory=True,
    source=f"{CPPCR} reg 28(2)(c)(i)",
    applies_to="children in care",
    repeating=True,
)

CLA_VISIT_OTHER = Rule(
    id="cla_visit_other",
    name="Statutory visit, after the first year",
    starts="previous visit",
    stops="child visited",
    counting=Counting.WEEKS,
    amount=6,
    statutory=True,
    source=f"{CPPCR} reg 28(2)(c)(ii)",
    applies_to="children in care",
    repeating=True,
)


def placements(f: ChildFacts, period) -> list[tuple[date, date | None, str]]:
    """(start, end, placement type) for each placement in a period: legal-status-only changes continue it."""
    found: list[list] = []
    for episode in (e for e in f.care_episodes if e.period_id == period.pk):
        if episode.reason_new_episode in codes.NEW_PLACEMENT_REASONS or not found:
            if found:
                found[-1][1] = episode.start_date
            found.append([episode.start_date, period.end_date, episode.placement_type])
    return [tuple(p) for p in found]


def visit_rule(index: int, day: date, *, placed: date, placement_type: str) -> Rule:
    """Which visit clock runs next in a placement that began on `placed`."""
    if index == 0:
        return CLA_VISIT_FIRST
    if day < add_months(placed, 12):
        return CLA_VISIT_FIRST_YEAR
    if placement_type in codes.LONG_TERM_FOSTERING_PLACEMENTS:
        return CLA_VISIT_LONG_TERM
    return CLA_VISIT_OTHER


def visits(f: ChildFacts, ev: Evaluator, period) -> Iterator[Clock | None]:
    for start, end, placement_type in placements(f, period):
        yield from ev.series(
            lambda i, day, start=start, placement_type=placement_type: visit_rule(
                i, day, placed=start, placement_type=placement_type
            ),
            f.child.pk,
            f"Placement from {label(start)}",
            start,
            f.seen_within("cla", start, end),
            ends=end,
            target=("care_period", period.pk),
        )


# Reviews (reg 33): the first within 20 working days of becoming looked after, the second within 3 months of the
# first, then every 6 months.
CLA_REVIEW_FIRST = Rule(
    id="cla_review_first",
    name="First CLA review",
    starts="became looked after",
    stops="review held",
    counting=Counting.WORKING_DAYS,
    amount=20,
    statutory=True,
    source=f"{CPPCR} reg 33(1)",
    applies_to="children in care",
)

CLA_REVIEW_SECOND = Rule(
    id="cla_review_second",
    name="Second CLA review",
    starts="first review",
    stops="review held",
    counting=Counting.MONTHS,
    amount=3,
    statutory=True,
    source=f"{CPPCR} reg 33(2)",
    applies_to="children in care",
)

CLA_REVIEW = Rule(
    id="cla_review",
    name="CLA review",
    starts="previous review",
    stops="review held",
    counting=Counting.MONTHS,
    amount=6,
    statutory=True,
    source=f"{CPPCR} reg 33(2)",
    applies_to="children in care",
    repeating=True,
)


def review_rule(index: int, _day: date) -> Rule:
    return (CLA_REVIEW_FIRST, CLA_REVIEW_SECOND)[index] if index < 2 else CLA_REVIEW


def reviews(f: ChildFacts, ev: Evaluator, period) -> Iterator[Clock | None]:
    held = [r.review_date for r in f.cla_reviews if r.period_id == period.pk]
    yield from ev.series(
        review_rule,
        f.child.pk,
        _subject(period),
        period.start_date,
        held,
        ends=period.end_date,
        target=("care_period", period.pk),
    )


# Health: the initial assessment within 20 working days of becoming looked after, then reviews every 6 months
# before the fifth birthday and every 12 months from it; a dental check every 12 months (local, after OC2).
HEALTH_INITIAL = Rule(
    id="health_initial",
    name="Initial health assessment",
    starts="became looked after",
    stops="assessment done",
    counting=Counting.WORKING_DAYS,
    amount=20,
    statutory=True,
    source="Statutory guidance: promoting the health of looked-after children",
    applies_to="children in care",
)

HEALTH_REVIEW_UNDER_5 = Rule(
    id="health_review_under_5",
    name="Review health assessment (under 5)",
    starts="previous assessment",
    stops="assessment done",
    counting=Counting.MONTHS,
    amount=6,
    statutory=True,
    source="Statutory guidance: promoting the health of looked-after children",
    applies_to="children in care",
    repeating=True,
)

HEALTH_REVIEW = Rule(
    id="health_review",
    name="Review health assessment (5 and over)",
    starts="previous assessment",
    stops="assessment done",
    counting=Counting.MONTHS,
    amount=12,
    statutory=True,
    source="Statutory guidance: promoting the health of looked-after children",
    applies_to="children in care",
    repeating=True,
)

DENTAL_CHECK = Rule(
    id="dental_check",
    name="Dental check",
    starts="became looked after or previous check",
    stops="check done",
    counting=Counting.MONTHS,
    amount=12,
    statutory=False,
    source="Local standard following the SSDA903 OC2 measure",
    applies_to="children in care",
    repeating=True,
)


def health(f: ChildFacts, ev: Evaluator, period) -> Iterator[Clock | None]:
    born = f.child.date_of_birth

    def health_rule(i: int, day: date) -> Rule:
        if i == 0:
            return HEALTH_INITIAL
        return HEALTH_REVIEW_UNDER_5 if born and day < add_months(born, 60) else HEALTH_REVIEW

    target = ("care_period", period.pk)
    done = [h.assessment_date for h in f.health_assessments if _within(period, h.assessment_date)]
    yield from ev.series(
        health_rule, f.child.pk, _subject(period), period.start_date, done, ends=period.end_date, target=target
    )
    dental = [d.check_date for d in f.dental_checks if _within(period, d.check_date)]
    yield from ev.series(
        lambda i, _: DENTAL_CHECK,
        f.child.pk,
        _subject(period),
        period.start_date,
        dental,
        ends=period.end_date,
        target=target,
    )


# Education: a PEP within 20 school days of becoming looked after (or of reaching 4 while in care; none from 18),
# then reviewed each term.
PEP = Rule(
    id="pep",
    name="Personal education plan",
    starts="became looked after",
    stops="PEP in place",
    counting=Counting.WORKING_DAYS,
    amount=20,
    statutory=True,
    source="Statutory guidance: promoting the education of looked-after children (20 school days)",
    applies_to="children in care",
)

PEP_REVIEW = Rule(
    id="pep_review",
    name="PEP review",
    starts="previous PEP",
    stops="PEP reviewed",
    counting=Counting.MONTHS,
    amount=3,
    statutory=False,
    source="Local standard: review each term",
    applies_to="children in care",
    repeating=True,
)


def education(f: ChildFacts, ev: Evaluator, period) -> Iterator[Clock | None]:
    born = f.child.date_of_birth
    if not born:
        return
    ends = period.end_date
    pep_start = max(period.start_date, add_months(born, 48))
    if (ends is None or pep_start < ends) and pep_start < add_months(born, 216):
        plans = [p.plan_date for p in f.education_plans if _within(period, p.plan_date)]
        yield from ev.series(
            lambda i, _: PEP if i == 0 else PEP_REVIEW,
            f.child.pk,
            _subject(period),
            pep_start,
            plans,
            ends=ends,
            target=("care_period", period.pk),
        )


# Permanence: a plan by the second review, so the clock starts at the first review (or when it was due).
PERMANENCE_PLAN = Rule(
    id="permanence_plan",
    name="Permanence plan",
    starts="first CLA review (the plan is due by the second)",
    stops="permanence plan recorded",
    counting=Counting.MONTHS,
    amount=3,
    statutory=True,
    source="Statutory guidance: a permanence plan by the second CLA review",
    applies_to="children in care",
)


def permanence(f: ChildFacts, ev: Evaluator, period) -> Iterator[Clock | None]:
    first_review = first(r.review_date for r in f.cla_reviews if r.period_id == period.pk)
    if first_review is None:
        first_review = CLA_REVIEW_FIRST.due(period.start_date, ev.calendar)
    plans = [p.decided_on for p in f.permanence_plans if p.period_id == period.pk]
    yield ev.clock(
        PERMANENCE_PLAN,
        f.child.pk,
        _subject(period),
        first_review,
        first(plans),
        ends=period.end_date,
        target=("care_period", period.pk),
    )


def _subject(period) -> str:
    return f"Period of care from {label(period.start_date)}"


def _within(period, day: date) -> bool:
    return day >= period.start_date and (period.end_date is None or day <= period.end_date)


def clocks_in_care(f: ChildFacts, ev: Evaluator) -> Iterator[Clock | None]:
    for period in f.care_periods:
        for find in (visits, reviews, health, education, permanence):
            yield from find(f, ev, period)


RULES = [
    CLA_VISIT_FIRST,
    CLA_VISIT_FIRST_YEAR,
    CLA_VISIT_LONG_TERM,
    CLA_VISIT_OTHER,
    CLA_REVIEW_FIRST,
    CLA_REVIEW_SECOND,
    CLA_REVIEW,
    HEALTH_INITIAL,
    HEALTH_REVIEW_UNDER_5,
    HEALTH_REVIEW,
    DENTAL_CHECK,
    PEP,
    PEP_REVIEW,
    PERMANENCE_PLAN,
]
CLOCKS = [clocks_in_care]
