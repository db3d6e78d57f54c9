"""Assessments and plans: the child seen on the assessment, core groups, CIN plan reviews and plan actions
(timescales.md, "Child in need" and "Child protection").

Each rule is declared next to the function that finds its start and its stop in a child's record.
"""

from collections.abc import Iterator

from lantern.timescales.engine import Clock, Counting, Evaluator, Rule, first, label
from lantern.timescales.facts import ChildFacts
from lantern.timescales.rules.sources import WT2023

# Inspectors find children who "wait too long to be seen": the council sets how soon after the referral the
# child is seen during the assessment. Stopped by the assessment's date the child was seen.
ASSESSMENT_CHILD_SEEN = Rule(
    id="assessment_child_seen",
    name="Child seen during the assessment",
    starts="referral date (CINreferralDate)",
    stops="child seen (the assessment's date the child was seen)",
    counting=Counting.WORKING_DAYS,
    amount=5,
    statutory=False,
    source="Local standard: the child seen within 5 working days of the referral (the council sets the number)",
    applies_to="assessment",
)


def children_seen(f: ChildFacts, ev: Evaluator) -> Iterator[Clock | None]:
    for referral in f.referrals:
        if referral.referral_nfa:
            continue
        seen = first(a.child_seen_date for a in f.assessments if a.referral_id == referral.pk and a.child_seen_date)
        yield ev.clock(
            ASSESSMENT_CHILD_SEEN,
            f.child.pk,
            f"Referral of {label(referral.referral_date)}",
            referral.referral_date,
            seen,
            ends=referral.closure_date,
            target=("referral", referral.pk),
        )


# Working Together 2023: the first core group meets within 10 working days of the initial conference (the
# plan's start); after that, at the interval the council sets.
CORE_GROUP_FIRST = Rule(
    id="core_group_first",
    name="First core group",
    starts="initial child protection conference (the plan's start)",
    stops="core group held",
    counting=Counting.WORKING_DAYS,
    amount=10,
    statutory=True,
    source=WT2023,
    applies_to="child protection",
)

CORE_GROUP = Rule(
    id="core_group",
    name="Core group",
    starts="previous core group",
    stops="core group held",
    counting=Counting.WEEKS,
    amount=6,
    statutory=False,
    source="Local standard: core groups at least every 6 weeks while the plan lasts (the council sets it)",
    applies_to="child protection",
    repeating=True,
)


def core_groups(f: ChildFacts, ev: Evaluator) -> Iterator[Clock | None]:
    for plan in f.cp_plans:
        held = [g.held_on for g in f.core_groups if g.cp_plan_id == plan.pk]
        yield from ev.series(
            lambda i, _: CORE_GROUP_FIRST if i == 0 else CORE_GROUP,
            f.child.pk,
            f"Child protection plan of {label(plan.start_date)}",
            plan.start_date,
            held,
            ends=plan.end_date,
            target=("cp_plan", plan.pk),
        )


CIN_PLAN_REVIEW = Rule(
    id="cin_plan_review",
    name="Child in need plan review",
    starts="plan start or previous review",
    stops="plan review held",
    counting=Counting.MONTHS,
    amount=3,
    statutory=False,
    source="Local standard: the child in need plan reviewed at least every 3 months (the council sets it)",
    applies_to="child in need",
    repeating=True,
)


def cin_plan_reviews(f: ChildFacts, ev: Evaluator) -> Iterator[Clock | None]:
    for plan in f.cin_plans:
        held = [r.held_on for r in f.cin_plan_reviews if r.cin_plan_id == plan.pk and r.held_on > plan.start_date]
        yield from ev.series(
            lambda i, _: CIN_PLAN_REVIEW,
            f.child.pk,
            f"Child in need plan of {label(plan.start_date)}",
            plan.start_date,
            held,
            ends=plan.end_date,
            target=("cin_plan", plan.pk),
        )


# Each action on a plan is due on the date the plan gives it: a clock so that an action not done shows on My work.
PLAN_ACTION = Rule(
    id="plan_action",
    name="Plan action",
    starts="action added to a CIN or CP plan",
    stops="action recorded as done",
    counting=Counting.DAYS,
    amount=0,
    statutory=False,
    source="Local standard: the due date set on each action of the plan",
    applies_to="plans",
)


def plan_actions(f: ChildFacts, ev: Evaluator) -> Iterator[Clock | None]:
    plans = {("cin", p.pk): p for p in f.cin_plans} | {("cp", p.pk): p for p in f.cp_plans}
    for action in f.plan_actions:
        plan = plans.get(("cin", action.cin_plan_id) if action.cin_plan_id else ("cp", action.cp_plan_id))
        if plan is None:
            continue
        yield ev.clock(
            PLAN_ACTION,
            f.child.pk,
            f"Action on the plan of {label(plan.start_date)}: {action.action[:60]}",
            plan.start_date,
            action.done_on,
            ends=plan.end_date,
            target=("plan_action", action.pk),
            due_on=action.due_date,
        )


RULES = [ASSESSMENT_CHILD_SEEN, CORE_GROUP_FIRST, CORE_GROUP, CIN_PLAN_REVIEW, PLAN_ACTION]
CLOCKS = [children_seen, core_groups, cin_plan_reviews, plan_actions]
