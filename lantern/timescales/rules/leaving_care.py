"""Leaving care: the needs assessment at 16, pathway plans, personal adviser contact and the entitlements owed
before 18 (timescales.md, "Leaving care").

Each rule is declared next to the function that finds its start and its stop in a child's record.
"""

from collections.abc import Iterator
from datetime import date

from lantern.leaving_care.models import OWED_BEFORE_18
from lantern.timescales.engine import Clock, Counting, Evaluator, Rule, birthday, first
from lantern.timescales.facts import ChildFacts
from lantern.timescales.rules.sources import CPPCR


def looked_after_on(f: ChildFacts, day: date) -> bool:
    return any(p.start_date <= day and (p.end_date is None or p.end_date > day) for p in f.care_periods)


# A needs assessment within 3 months of the 16th birthday, for a child looked after on that day (reg 42(1)).
NEEDS_ASSESSMENT = Rule(
    id="needs_assessment",
    name="Needs assessment for an eligible child",
    starts="16th birthday while looked after",
    stops="assessment done",
    counting=Counting.MONTHS,
    amount=3,
    statutory=True,
    source=f"{CPPCR} reg 42(1)",
    applies_to="leaving care",
)


def needs_assessment(f: ChildFacts, ev: Evaluator) -> Iterator[Clock | None]:
    sixteenth = birthday(f.child.date_of_birth, 16)
    if sixteenth and looked_after_on(f, sixteenth):
        done = first(n.completed_on for n in f.needs_assessments if n.completed_on >= sixteenth)
        yield ev.clock(NEEDS_ASSESSMENT, f.child.pk, "16th birthday", sixteenth, done)


# The pathway plan reviewed every 6 months, to 21.
PATHWAY_PLAN_REVIEW = Rule(
    id="pathway_plan_review",
    name="Pathway plan review",
    starts="pathway plan or previous review",
    stops="plan reviewed",
    counting=Counting.MONTHS,
    amount=6,
    statutory=True,
    source="Care Leavers (England) Regulations 2010",
    applies_to="leaving care",
    repeating=True,
)


def pathway_plans(f: ChildFacts, ev: Evaluator) -> Iterator[Clock | None]:
    twenty_first = birthday(f.child.date_of_birth, 21)
    if twenty_first and f.pathway_plans:
        yield from ev.series(
            lambda i, _: PATHWAY_PLAN_REVIEW,
            f.child.pk,
            "Pathway plan",
            f.pathway_plans[0].start_date,
            [r.review_date for r in f.pathway_reviews],
            ends=twenty_first,
        )


# The personal adviser in touch with the care leaver every 8 weeks (local), to 21.
PA_CONTACT = Rule(
    id="pa_contact",
    name="Personal adviser contact",
    starts="eligibility or previous contact",
    stops="care leaver contacted",
    counting=Counting.WEEKS,
    amount=8,
    statutory=False,
    source="Local standard",
    applies_to="leaving care",
    repeating=True,
)


def pa_contact(f: ChildFacts, ev: Evaluator) -> Iterator[Clock | None]:
    twenty_first = birthday(f.child.date_of_birth, 21)
    if twenty_first and f.care_leaver is not None:
        yield from ev.series(
            lambda i, _: PA_CONTACT,
            f.child.pk,
            "Personal adviser contact",
            f.care_leaver.eligible_from,
            [c.contact_date for c in f.care_leaver_contacts],
            ends=twenty_first,
        )


# Health history, NI number, photo ID, bank account and birth certificate handed over, and their rights and
# entitlements explained, before 18 (due the day
# before the 18th birthday), for a child looked after at 17 or at 18, or a care leaver.
ENTITLEMENTS = Rule(
    id="entitlements",
    name="Entitlements before 18",
    starts="17th birthday",
    stops="health history, NI number, photo ID, bank account, birth certificate handed over; rights explained",
    counting=Counting.MONTHS,
    amount=12,
    statutory=False,
    source="Inspection findings: each checked before the 18th birthday (due the day before it)",
    applies_to="leaving care",
    offset_days=-1,
)


def entitlements(f: ChildFacts, ev: Evaluator) -> Iterator[Clock | None]:
    born = f.child.date_of_birth
    if born is None:
        return
    seventeenth, eighteenth, twenty_first = (birthday(born, n) for n in (17, 18, 21))
    if f.care_leaver is not None or any(looked_after_on(f, day) for day in (seventeenth, eighteenth)):
        handed = {e.kind: e.handed_over_on for e in f.entitlements}
        # Due before 18, but still owed after it: a care leaver without their NI number or ID at 19 is drift that
        # someone must act on, so the clock stays live until it is handed over (or the young person is 21).
        for kind in OWED_BEFORE_18:
            yield ev.clock(ENTITLEMENTS, f.child.pk, kind.label, seventeenth, handed.get(kind.value), ends=twenty_first)


RULES = [NEEDS_ASSESSMENT, PATHWAY_PLAN_REVIEW, PA_CONTACT, ENTITLEMENTS]
CLOCKS = [needs_assessment, pathway_plans, pa_contact, entitlements]
