"""Writes for the steps of permanence: the permanence plan (stops the permanence_plan clock) and the placement
order. The adoption decision, the match and a reversal are `services.adoption_decision_record`, `adoption_match`
and `adoption_decision_reverse`."""

from datetime import date

from lantern.care.health import in_care_on
from lantern.care.models import AdoptionDecision, PermanencePlan
from lantern.core import codes
from lantern.core.services import Refusal, local_today, save_checked
from lantern.core.writing import service
from lantern.people.models import Child


def decision_in_force(child: Child) -> AdoptionDecision | None:
    """The decision that the child should be placed for adoption, not reversed, in an open period of care."""
    return (
        AdoptionDecision.objects.filter(child=child, reversed_on__isnull=True, period__end_date__isnull=True)
        .select_related("adopters", "period")
        .order_by("-decided_on")
        .first()
    )


@service
def permanence_plan_record(
    *, by, child: Child, plan: str, decided_on: date, today: date | None = None
) -> PermanencePlan:
    """The plan for where the child will grow up (Annex A List 8), due by the second CLA review."""
    today = today or local_today()
    refusal = Refusal()
    refusal.code("plan", plan, codes.PERMANENCE_PLAN.codes, "Permanence plan")
    period = in_care_on(
        refusal, child=child, field="decided_on", day=decided_on, label="Date the plan was decided", today=today
    )
    refusal.raise_if_any()
    return save_checked(PermanencePlan(child=child, period=period, plan=plan, decided_on=decided_on), by=by)


@service
def placement_order_record(
    *,
    by,
    decision: AdoptionDecision,
    applied_on: date | None,
    order_on: date | None,
    today: date | None = None,
) -> AdoptionDecision:
    """The application for a placement order and the order the court made (either may be recorded first)."""
    today = today or local_today()
    refusal = Refusal()
    decision = AdoptionDecision.objects.select_for_update().get(pk=decision.pk)
    applied_on = applied_on or decision.placement_order_applied_on
    if applied_on is None and order_on is None:
        refusal.add("applied_on", "Enter the date of the application, the date of the order, or both")
    for field, day, label in (
        ("applied_on", applied_on, "Date of the application"),
        ("order_on", order_on, "Date of the placement order"),
    ):
        refusal.not_in_future(field, day, label, today=today)
        refusal.not_before(field, day, decision.decided_on, label, "the decision that the child should be placed")
    refusal.not_before("order_on", order_on, applied_on, "Date of the placement order", "the date of the application")
    if decision.reversed_on is not None:
        refusal.add("order_on", "The decision that this child should be placed for adoption was reversed")
    refusal.raise_if_any()
    decision.placement_order_applied_on = applied_on
    if order_on is not None:
        decision.placement_order_on = order_on
    return save_checked(decision, by=by)
