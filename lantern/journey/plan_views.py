"""The pages of CIN and CP plans: the plan and its lead practitioner, its actions, core groups and CIN plan reviews.

Each resolves its plan, checks who may record for the child (`recording_page`), and calls one plan service.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from lantern.casework.drafts import drafting_page
from lantern.core import codes
from lantern.journey import plan_services
from lantern.journey.models import CINPlan, CPPlan, PlanAction
from lantern.journey.plan_forms import (
    CINPlanReviewForm,
    CoreGroupForm,
    LeadPractitionerForm,
    PlanActionDoneForm,
    PlanActionForm,
)
from lantern.pages.recording import on, recording_page


def action_rows(plan: CINPlan | CPPlan) -> list[list[str]]:
    return [
        [action.outcome, action.action, action.owner, on(action.due_date), on(action.done_on)]
        for action in plan.actions.all()
    ]


ACTION_HEAD = ["Outcome", "Action", "Who", "Due", "Done"]


def cp_plan_rows(plan: CPPlan) -> list[tuple[str, str]]:
    lead = plan.lead_practitioner
    last_group = plan.core_groups.order_by("-held_on").first()
    rows = [
        ("Plan started", on(plan.start_date)),
        ("Latest category", codes.CATEGORY_OF_ABUSE.label(plan.latest_category)),
        ("Lead Child Protection Practitioner", lead.full_name if lead else "Not named"),
        ("Last core group", on(last_group.held_on) if last_group else "None recorded"),
    ]
    if plan.end_date:
        rows.append(("Plan ended", on(plan.end_date)))
    return rows


@login_required
@require_http_methods(["GET", "POST"])
def cp_plan(request: HttpRequest, pk: int) -> HttpResponse:
    """The child protection plan: its lead practitioner, actions and core groups."""
    plan = get_object_or_404(CPPlan.objects.select_related("child", "lead_practitioner"), pk=pk)

    def save(data: dict) -> str:
        plan_services.cp_plan_lead(by=request.user, plan=plan, lead_practitioner=data["lead_practitioner"])
        return "Lead Child Protection Practitioner recorded"

    return recording_page(
        request,
        child=plan.child,
        form_class=LeadPractitionerForm,
        template="journey/cp_plan.html",
        title="Child protection plan",
        save=save,
        initial={"lead_practitioner": plan.lead_practitioner_id},
        context={
            "rows": cp_plan_rows(plan),
            "plan": plan,
            "action_head": ACTION_HEAD,
            "actions": action_rows(plan),
            "add_action_url": reverse("journey:cp_plan_action_new", args=[plan.pk]),
            "core_group_url": reverse("journey:core_group", args=[plan.pk]),
            "review_url": reverse("journey:cp_review", args=[plan.pk]),
        },
        edits=plan,
    )


def _plan_action_new(request: HttpRequest, plan: CINPlan | CPPlan, kind: str) -> HttpResponse:
    def save(data: dict) -> str:
        plan_services.plan_action_add(
            by=request.user,
            plan=plan,
            outcome=data["outcome"],
            action=data["action"],
            owner=data["owner"],
            due_date=data["due_date"],
        )
        return "Action added to the plan"

    name = "child protection plan" if kind == "cp" else "child in need plan"
    return drafting_page(
        request,
        child=plan.child,
        form_key=f"plan_action:{kind}:{plan.pk}",
        form_class=PlanActionForm,
        template="journey/plan_action_new.html",
        title=f"Add an action to the {name}",
        save=save,
        context={
            "rows": [("Plan started", on(plan.start_date))],
            "action_head": ACTION_HEAD,
            "actions": action_rows(plan),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def cp_plan_action_new(request: HttpRequest, pk: int) -> HttpResponse:
    return _plan_action_new(request, get_object_or_404(CPPlan.objects.select_related("child"), pk=pk), "cp")


@login_required
@require_http_methods(["GET", "POST"])
def cin_plan_action_new(request: HttpRequest, pk: int) -> HttpResponse:
    return _plan_action_new(request, get_object_or_404(CINPlan.objects.select_related("child"), pk=pk), "cin")


@login_required
@require_http_methods(["GET", "POST"])
def plan_action_done(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(PlanAction.objects.select_related("child", "cin_plan", "cp_plan"), pk=pk)

    def save(data: dict) -> str:
        plan_services.plan_action_done(by=request.user, action=action, done_on=data["done_on"])
        return "Action recorded as done"

    return recording_page(
        request,
        child=action.child,
        form_class=PlanActionDoneForm,
        template="journey/plan_action_done.html",
        title="Record an action on the plan as done",
        save=save,
        context={
            "rows": [
                ("Outcome", action.outcome),
                ("Action", action.action),
                ("Who", action.owner),
                ("Due", on(action.due_date)),
                ("Done", on(action.done_on)),
            ]
        },
        edits=action,
    )


@login_required
@require_http_methods(["GET", "POST"])
def core_group(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a core group meeting on a child protection plan."""
    plan = get_object_or_404(CPPlan.objects.select_related("child", "lead_practitioner"), pk=pk)

    def save(data: dict) -> str:
        plan_services.core_group_record(by=request.user, plan=plan, held_on=data["held_on"])
        return "Core group recorded"

    rows = cp_plan_rows(plan)
    rows.insert(1, ("Initial conference", on(plan_services.icpc_date(plan))))
    return recording_page(
        request,
        child=plan.child,
        form_class=CoreGroupForm,
        template="journey/core_group.html",
        title="Record a core group",
        save=save,
        context={"rows": rows},
    )


@login_required
@require_http_methods(["GET", "POST"])
def cin_plan_review(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a review of the child in need plan (and end the plan if the review decides so)."""
    plan = get_object_or_404(CINPlan.objects.select_related("child"), pk=pk)

    def save(data: dict) -> str:
        plan_services.cin_plan_review_record(
            by=request.user, plan=plan, held_on=data["held_on"], outcome=data["outcome"], continues=data["continues"]
        )
        return "Child in need plan review recorded" if data["continues"] else "Review recorded and the plan ended"

    last = plan.reviews.order_by("-held_on").first()
    rows = [("Plan started", on(plan.start_date)), ("Last review", on(last.held_on) if last else "None recorded")]
    if plan.end_date:
        rows.append(("Plan ended", on(plan.end_date)))
    return drafting_page(
        request,
        child=plan.child,
        form_key=f"cin_plan_review:{plan.pk}",
        form_class=CINPlanReviewForm,
        template="journey/cin_plan_review.html",
        title="Record a child in need plan review",
        save=save,
        context={
            "rows": rows,
            "action_head": ACTION_HEAD,
            "actions": action_rows(plan),
            "add_action_url": reverse("journey:cin_plan_action_new", args=[plan.pk]),
        },
    )
