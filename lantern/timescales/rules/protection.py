"""Child protection and child in need: strategy discussions, section 47 enquiries, conferences, CP and CIN plans
and their visits (timescales.md, "Child protection" and "Child in need").

Each rule is declared next to the function that finds its start and its stop in a child's record.
"""

from collections.abc import Iterator
from datetime import date

from lantern.timescales.engine import Clock, Counting, Evaluator, Rule, day_of, first, label
from lantern.timescales.facts import ChildFacts
from lantern.timescales.rules.sources import WT2023

# The strategy discussion is held within one working day of the decision that the s47 threshold may be met.
STRATEGY_DISCUSSION = Rule(
    id="strategy_discussion",
    name="Strategy discussion",
    starts="decision that the section 47 threshold may be met",
    stops="strategy discussion held",
    counting=Counting.WORKING_DAYS,
    amount=1,
    statutory=False,
    source="Local standard",
    applies_to="child protection",
)


def strategy_discussions(f: ChildFacts, ev: Evaluator) -> Iterator[Clock | None]:
    for discussion in f.strategy_discussions:
        if discussion.threshold_decision_at:
            yield ev.clock(
                STRATEGY_DISCUSSION,
                f.child.pk,
                f"Section 47 threshold decision of {label(day_of(discussion.threshold_decision_at))}",
                discussion.threshold_decision_at,
                discussion.held_on,
                target=("strategy_discussion", discussion.pk),
            )


# The initial conference within 15 working days of the strategy discussion that started the enquiry. The CIN
# census's InitialCPCtarget is this clock's due date, from the same start (`icpc_started`). None for an enquiry
# where no conference is required (ICPCnotRequired).
ICPC = Rule(
    id="icpc",
    name="Initial child protection conference",
    starts="strategy discussion that started the section 47 enquiry",
    stops="initial conference held",
    counting=Counting.WORKING_DAYS,
    amount=15,
    statutory=True,
    source=f"{WT2023}; CIN census query 8675Q",
    applies_to="child protection",
)


def icpc_started(*, strategy_discussion_held_on: date | None, s47_start_date: date) -> date:
    """When the ICPC clock starts: the strategy discussion, or the enquiry's own start when none was held."""
    return strategy_discussion_held_on or s47_start_date


def initial_conferences(f: ChildFacts, ev: Evaluator) -> Iterator[Clock | None]:
    discussions = {s.pk: s for s in f.strategy_discussions}
    closures = {r.pk: r.closure_date for r in f.referrals}
    for enquiry in f.section47s:
        if enquiry.icpc_not_required:
            continue
        discussion = discussions.get(enquiry.strategy_discussion_id)
        start = icpc_started(
            strategy_discussion_held_on=discussion.held_on if discussion else None, s47_start_date=enquiry.start_date
        )
        held = first(
            c.held_on
            for c in f.conferences
            if c.kind == "initial"
            and (c.section47_id == enquiry.pk or (c.section47_id is None and c.referral_id == enquiry.referral_id))
            and c.held_on >= start
        )
        yield ev.clock(
            ICPC,
            f.child.pk,
            f"Section 47 enquiry of {label(enquiry.start_date)}",
            start,
            held,
            ends=closures.get(enquiry.referral_id),
            target=("section47", enquiry.pk),
        )


# Review conferences: the first within 3 months of the plan starting (at the ICPC), then every 6 months.
CP_REVIEW_FIRST = Rule(
    id="cp_review_first",
    name="First child protection review",
    starts="initial child protection conference",
    stops="review conference held",
    counting=Counting.MONTHS,
    amount=3,
    statutory=True,
    source=WT2023,
    applies_to="child protection",
)

CP_REVIEW = Rule(
    id="cp_review",
    name="Child protection review",
    starts="previous review conference",
    stops="review conference held",
    counting=Counting.MONTHS,
    amount=6,
    statutory=True,
    source=WT2023,
    applies_to="child protection",
    repeating=True,
)

# The child protection plan's visits: the child seen at least every 10 working days while the plan lasts.
CP_VISIT = Rule(
    id="cp_visit",
    name="Child protection visit",
    starts="plan start or previous visit",
    stops="child seen",
    counting=Counting.WORKING_DAYS,
    amount=10,
    statutory=False,
    source="Local standard (common practice: at least every 10 working days)",
    applies_to="child protection",
    repeating=True,
)


def cp_plans(f: ChildFacts, ev: Evaluator) -> Iterator[Clock | None]:
    cid = f.child.pk
    for plan in f.cp_plans:
        subject = f"Child protection plan of {label(plan.start_date)}"
        target = ("cp_plan", plan.pk)
        reviews = [c.held_on for c in f.conferences if c.kind == "review" and c.cp_plan_id == plan.pk]
        yield from ev.series(
            lambda i, _: CP_REVIEW_FIRST if i == 0 else CP_REVIEW,
            cid,
            subject,
            plan.start_date,
            reviews,
            ends=plan.end_date,
            target=target,
        )
        visits = f.seen_after("cp", plan.start_date, plan.end_date)
        yield from ev.series(
            lambda i, _: CP_VISIT, cid, subject, plan.start_date, visits, ends=plan.end_date, target=target
        )


# The child in need plan's visits: the child seen at least every 20 working days while the plan lasts.
CIN_VISIT = Rule(
    id="cin_visit",
    name="Child in need visit",
    starts="plan start or previous visit",
    stops="child seen",
    counting=Counting.WORKING_DAYS,
    amount=20,
    statutory=False,
    source="Local standard",
    applies_to="child in need",
    repeating=True,
)


def cin_plans(f: ChildFacts, ev: Evaluator) -> Iterator[Clock | None]:
    for plan in f.cin_plans:
        visits = f.seen_after("cin", plan.start_date, plan.end_date)
        yield from ev.series(
            lambda i, _: CIN_VISIT,
            f.child.pk,
            f"Child in need plan of {label(plan.start_date)}",
            plan.start_date,
            visits,
            ends=plan.end_date,
            target=("cin_plan", plan.pk),
        )


RULES = [STRATEGY_DISCUSSION, ICPC, CP_REVIEW_FIRST, CP_REVIEW, CP_VISIT, CIN_VISIT]
CLOCKS = [strategy_discussions, initial_conferences, cp_plans, cin_plans]
