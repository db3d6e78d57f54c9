"""The records the plan pages work on, for the suites that visit every page (the permission matrix, the fuzzer)."""

from datetime import date

from lantern.journey.models import CINPlan, CPPlan, PlanAction, Referral
from tests.factories import make


def plan_page_kwargs(*, referral: Referral, cp_plan: CPPlan) -> dict[str, dict]:
    """An open CIN plan and an action on the CP plan; the URL arguments of every plan page."""
    child = referral.child
    cin_plan = make(CINPlan, referral=referral, child=child, start_date=cp_plan.start_date)
    action = make(
        PlanAction,
        child=child,
        cp_plan=cp_plan,
        outcome="Amy is safe at home",
        action="Weekly visits",
        owner="The social worker",
        due_date=date(2026, 2, 20),
    )
    return {
        "journey:cp_plan": {"pk": cp_plan.pk},
        "journey:cp_plan_action_new": {"pk": cp_plan.pk},
        "journey:core_group": {"pk": cp_plan.pk},
        "journey:cin_plan_action_new": {"pk": cin_plan.pk},
        "journey:cin_plan_review": {"pk": cin_plan.pk},
        "journey:plan_action_done": {"pk": action.pk},
    }
