"""Writes for the content of CIN and CP plans: actions, the Lead Child Protection Practitioner, core groups and CIN
plan reviews (`services.py` holds the rest of the journey; this keeps each file readable)."""

from datetime import date

from lantern.core.dates import day_label
from lantern.core.services import Refusal, local_today, save_checked
from lantern.core.writing import service
from lantern.journey.models import (
    TEXT_LIMIT,
    ChildProtectionConference,
    CINPlan,
    CINPlanReview,
    CoreGroup,
    CPPlan,
    PlanAction,
)
from lantern.workforce.models import Worker

OWNER_LIMIT = 200


def _text(refusal: Refusal, field: str, value: str, label: str, *, limit: int = TEXT_LIMIT, required=True) -> None:
    if required and not value.strip():
        refusal.add(field, f"Enter {label[:1].lower() + label[1:]}")
    if len(value) > limit:
        refusal.add(field, f"{label} must be {limit:,} characters or fewer: it has {len(value):,}")


def _within_plan(refusal: Refusal, field: str, day: date | None, plan: CINPlan | CPPlan, label: str) -> None:
    refusal.not_before(field, day, plan.start_date, label, f"the start of the plan, {day_label(plan.start_date)}")
    if day is not None and plan.end_date is not None and day > plan.end_date:
        refusal.add(field, f"{label} must be on or before the end of the plan, {day_label(plan.end_date)}")


@service
def plan_action_add(
    *,
    by,
    plan: CINPlan | CPPlan,
    outcome: str,
    action: str,
    owner: str,
    due_date: date,
) -> PlanAction:
    """An action on a plan, under the outcome for the child it serves; its due date starts a clock."""
    refusal = Refusal()
    if plan.end_date is not None:
        refusal.add("action", f"This plan ended on {day_label(plan.end_date)}: actions cannot be added to it")
    _text(refusal, "outcome", outcome, "Outcome for the child")
    _text(refusal, "action", action, "Action")
    _text(refusal, "owner", owner, "Who will do it", limit=OWNER_LIMIT)
    refusal.not_before(
        "due_date",
        due_date,
        plan.start_date,
        "Date the action is due",
        f"the start of the plan, {day_label(plan.start_date)}",
    )
    refusal.raise_if_any()
    row = PlanAction(child=plan.child, outcome=outcome, action=action, owner=owner, due_date=due_date)
    if isinstance(plan, CPPlan):
        row.cp_plan = plan
    else:
        row.cin_plan = plan
    return save_checked(row, by=by)


@service
def plan_action_done(*, by, action: PlanAction, done_on: date, today: date | None = None) -> PlanAction:
    """An action recorded as done (stops its clock)."""
    today = today or local_today()
    plan = action.cp_plan or action.cin_plan
    refusal = Refusal()
    label = "Date the action was done"
    refusal.not_in_future("done_on", done_on, label, today=today)
    refusal.not_before(
        "done_on", done_on, plan.start_date, label, f"the start of the plan, {day_label(plan.start_date)}"
    )
    refusal.raise_if_any()
    action.done_on = done_on
    return save_checked(action, by=by)


@service
def cp_plan_lead(*, by, plan: CPPlan, lead_practitioner: Worker, today: date | None = None) -> CPPlan:
    """Name the Lead Child Protection Practitioner on a plan: a social worker still in post."""
    today = today or local_today()
    refusal = Refusal()
    if lead_practitioner.end_date is not None and lead_practitioner.end_date <= today:
        refusal.add(
            "lead_practitioner",
            f"Lead Child Protection Practitioner: {lead_practitioner.full_name} left on "
            f"{day_label(lead_practitioner.end_date)}",
        )
    refusal.raise_if_any()
    plan.lead_practitioner = lead_practitioner
    return save_checked(plan, by=by)


def icpc_date(plan: CPPlan) -> date:
    """The initial conference that made the plan: its date, or the plan's start where none is recorded."""
    initial = (
        ChildProtectionConference.objects.filter(
            child=plan.child, kind=ChildProtectionConference.Kind.INITIAL, held_on__lte=plan.start_date
        )
        .order_by("-held_on")
        .values_list("held_on", flat=True)
        .first()
    )
    return initial or plan.start_date


@service
def core_group_record(*, by, plan: CPPlan, held_on: date, today: date | None = None) -> CoreGroup:
    """A core group meeting on the plan (stops the core group clock and starts the next)."""
    today = today or local_today()
    refusal = Refusal()
    label = "Date of the core group"
    refusal.not_in_future("held_on", held_on, label, today=today)
    icpc = icpc_date(plan)
    refusal.not_before("held_on", held_on, icpc, label, f"the initial child protection conference, {day_label(icpc)}")
    if held_on is not None and plan.end_date is not None and held_on > plan.end_date:
        refusal.add("held_on", f"{label} must be on or before the end of the plan, {day_label(plan.end_date)}")
    refusal.raise_if_any()
    return save_checked(CoreGroup(child=plan.child, cp_plan=plan, held_on=held_on), by=by)


@service
def cin_plan_review_record(
    *,
    by,
    plan: CINPlan,
    held_on: date,
    outcome: str = "",
    continues: bool = True,
    today: date | None = None,
) -> CINPlanReview:
    """A review of the child in need plan; a review that ends the plan ends it that day."""
    today = today or local_today()
    refusal = Refusal()
    label = "Date of the review"
    refusal.not_in_future("held_on", held_on, label, today=today)
    _within_plan(refusal, "held_on", held_on, plan, label)
    _text(refusal, "outcome", outcome, "What the review decided", required=False)
    if plan.end_date is not None:
        refusal.add("held_on", f"This plan ended on {day_label(plan.end_date)}")
    refusal.raise_if_any()
    review = save_checked(CINPlanReview(child=plan.child, cin_plan=plan, held_on=held_on, outcome=outcome), by=by)
    if not continues:
        plan.end_date = held_on
        save_checked(plan, by=by)
    return review
