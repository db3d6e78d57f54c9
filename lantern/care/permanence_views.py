"""Recording pages for the steps of permanence: the permanence plan, and the adoption steps (the decision that the
child should be placed for adoption, the placement order, the match and a reversal). The tracker links to them."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_http_methods

from lantern.care import forms, permanence_steps, services
from lantern.care.health_views import care_rows
from lantern.care.models import Adopters, AdoptionDecision, PermanencePlan
from lantern.core import codes
from lantern.pages.recording import on, recording_page
from lantern.people.models import Child
from lantern.workforce.access import child_or_404

NO_DECISION = "There is no decision in force that this child should be placed for adoption: record the decision first"


def _decision_rows(child: Child, decision: AdoptionDecision | None) -> list[tuple[str, str]]:
    rows = care_rows(child)
    if decision is None:
        return [*rows, ("Should be placed for adoption", "No decision in force")]
    rows.append(("Should be placed for adoption", f"Decided {on(decision.decided_on)}"))
    rows.append(("Placement order applied for", on(decision.placement_order_applied_on)))
    rows.append(("Placement order made", on(decision.placement_order_on)))
    matched = f"{on(decision.matched_on)} with {decision.adopters.reference}" if decision.matched_on else "Not yet"
    rows.append(("Matched with adopters", matched))
    return rows


def _in_force(child: Child) -> AdoptionDecision:
    decision = permanence_steps.decision_in_force(child)
    if decision is None:
        raise ValidationError(NO_DECISION)
    return decision


@login_required
@require_http_methods(["GET", "POST"])
def permanence_plan(request: HttpRequest, la_child_id: str) -> HttpResponse:
    child = child_or_404(request.user, la_child_id)

    def save(data: dict) -> str:
        permanence_steps.permanence_plan_record(
            by=request.user, child=child, plan=data["plan"], decided_on=data["decided_on"]
        )
        return "Permanence plan recorded"

    latest = PermanencePlan.objects.filter(child=child).order_by("-decided_on", "-pk").first()
    current = f"{codes.PERMANENCE_PLAN.label(latest.plan)}, {on(latest.decided_on)}" if latest else "None recorded"
    return recording_page(
        request,
        child=child,
        form_class=forms.PermanencePlanForm,
        template="care/permanence_plan.html",
        title="Record the permanence plan",
        save=save,
        context={"rows": [*care_rows(child), ("Current permanence plan", current)]},
    )


@login_required
@require_http_methods(["GET", "POST"])
def adoption_decision(request: HttpRequest, la_child_id: str) -> HttpResponse:
    child = child_or_404(request.user, la_child_id)

    def save(data: dict) -> str:
        services.adoption_decision_record(by=request.user, child=child, decided_on=data["decided_on"])
        return "Decision that the child should be placed for adoption recorded"

    return recording_page(
        request,
        child=child,
        form_class=forms.AdoptionDecisionForm,
        template="care/adoption_decision.html",
        title="Record the decision that the child should be placed for adoption",
        save=save,
        context={"rows": _decision_rows(child, permanence_steps.decision_in_force(child))},
    )


@login_required
@require_http_methods(["GET", "POST"])
def placement_order(request: HttpRequest, la_child_id: str) -> HttpResponse:
    child = child_or_404(request.user, la_child_id)

    def save(data: dict) -> str:
        permanence_steps.placement_order_record(
            by=request.user, decision=_in_force(child), applied_on=data["applied_on"], order_on=data["order_on"]
        )
        return "Placement order recorded"

    return recording_page(
        request,
        child=child,
        form_class=forms.PlacementOrderForm,
        template="care/placement_order.html",
        title="Record the placement order",
        save=save,
        context={"rows": _decision_rows(child, permanence_steps.decision_in_force(child))},
    )


@login_required
@require_http_methods(["GET", "POST"])
def adoption_match(request: HttpRequest, la_child_id: str) -> HttpResponse:
    child = child_or_404(request.user, la_child_id)

    def save(data: dict) -> str:
        adopters = Adopters.objects.get(pk=data["adopters"])
        services.adoption_match(
            by=request.user, decision=_in_force(child), adopters=adopters, matched_on=data["matched_on"]
        )
        return "Match with adopters recorded"

    return recording_page(
        request,
        child=child,
        form_class=forms.AdoptionMatchForm,
        template="care/adoption_match.html",
        title="Record the match with adopters",
        save=save,
        context={"rows": _decision_rows(child, permanence_steps.decision_in_force(child))},
    )


@login_required
@require_http_methods(["GET", "POST"])
def adoption_reverse(request: HttpRequest, la_child_id: str) -> HttpResponse:
    child = child_or_404(request.user, la_child_id)

    def save(data: dict) -> str:
        services.adoption_decision_reverse(
            by=request.user, decision=_in_force(child), reversed_on=data["reversed_on"], reason=data["reason"]
        )
        return "Reversal of the decision recorded"

    return recording_page(
        request,
        child=child,
        form_class=forms.AdoptionReverseForm,
        template="care/adoption_reverse.html",
        title="Record that the child should no longer be placed for adoption",
        save=save,
        context={"rows": _decision_rows(child, permanence_steps.decision_in_force(child))},
    )
