"""The permanence tracker's reads: for every child in care, the permanence plan and whether it was set by the second
review, and the adoption steps with the days they took against the Adoption Scorecard's thresholds. In bulk."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from lantern.care.models import AdoptionDecision, CareEpisode, CarePeriod, CLAReview, PermanencePlan
from lantern.core import codes
from lantern.people.models import Child

# Adoption Scorecard thresholds (DfE, 2013-16 scorecards): entry to care to placement with adopters within 14 months
# (426 days), and a placement order to a decision on the match within 4 months (121 days).
CARE_TO_PLACED_DAYS = 426
ORDER_TO_MATCH_DAYS = 121
ADOPTED = frozenset({"E11", "E12"})


@dataclass
class Elapsed:
    days: int | None
    threshold: int
    done: bool  # False: still counting (the step has not happened)

    @property
    def over(self) -> bool:
        return self.days is not None and self.days > self.threshold


@dataclass
class PermanenceRow:
    child: Child
    period: CarePeriod
    plan: PermanencePlan | None
    second_review: date | None
    decision: AdoptionDecision | None
    placement_order: date | None
    placed: date | None
    adoption_order: date | None
    care_to_placed: Elapsed | None
    order_to_match: Elapsed | None

    @property
    def plan_label(self) -> str:
        return codes.PERMANENCE_PLAN.label(self.plan.plan) if self.plan else "None recorded"

    @property
    def set_by_second_review(self) -> str:
        """Yes, No, or Not yet (no second review so far and no plan)."""
        if self.plan is not None and (self.second_review is None or self.plan.decided_on <= self.second_review):
            return "Yes"
        return "No" if self.second_review is not None else "Not yet"


def permanence(children: QuerySet[Child], *, today: date) -> list[PermanenceRow]:
    periods = list(
        CarePeriod.objects.filter(child__in=children, end_date__isnull=True)
        .select_related("child")
        .order_by("child__last_name", "child__first_name", "child__la_child_id")
    )
    ids = [p.pk for p in periods]
    reviews: dict[int, list[date]] = defaultdict(list)
    for period_id, day in (
        CLAReview.objects.filter(period_id__in=ids).order_by("review_date").values_list("period_id", "review_date")
    ):
        reviews[period_id].append(day)
    plans: dict[int, PermanencePlan] = {}
    for plan in PermanencePlan.objects.filter(period_id__in=ids).order_by("decided_on", "pk"):
        plans[plan.period_id] = plan  # the latest decided
    decisions: dict[int, AdoptionDecision] = {}
    for decision in AdoptionDecision.objects.filter(period_id__in=ids).order_by("decided_on", "pk"):
        decisions[decision.period_id] = decision
    orders: dict[int, date] = {}
    placed: dict[int, date] = {}
    adopted: dict[int, date] = {}
    for episode in (
        CareEpisode.objects.filter(period_id__in=ids)
        .order_by("start_date")
        .only("period_id", "start_date", "end_date", "legal_status", "placement_type", "reason_ceased")
    ):
        if episode.legal_status == "E1":
            orders.setdefault(episode.period_id, episode.start_date)
        if episode.placement_type in codes.PLACED_FOR_ADOPTION:
            placed.setdefault(episode.period_id, episode.start_date)
        if episode.reason_ceased in ADOPTED:
            adopted[episode.period_id] = episode.end_date
    rows = []
    for period in periods:
        decision = decisions.get(period.pk)
        in_force = decision is not None and decision.reversed_on is None
        plan = plans.get(period.pk)
        placed_on = placed.get(period.pk)
        # The order recorded on the decision, else the first E1 episode (the return's record of it).
        order_on = (decision.placement_order_on if decision is not None else None) or orders.get(period.pk)
        care_to_placed = None
        if placed_on or in_force or (plan is not None and plan.plan == "ADOPTION"):
            end = placed_on or today
            care_to_placed = Elapsed((end - period.start_date).days, CARE_TO_PLACED_DAYS, placed_on is not None)
        order_to_match = None
        if order_on is not None and decision is not None:
            end = decision.matched_on or today
            order_to_match = Elapsed((end - order_on).days, ORDER_TO_MATCH_DAYS, decision.matched_on is not None)
        second = reviews[period.pk][1] if len(reviews[period.pk]) > 1 else None
        rows.append(
            PermanenceRow(
                child=period.child,
                period=period,
                plan=plan,
                second_review=second,
                decision=decision,
                placement_order=order_on,
                placed=placed_on,
                adoption_order=adopted.get(period.pk),
                care_to_placed=care_to_placed,
                order_to_match=order_to_match,
            )
        )
    return rows
