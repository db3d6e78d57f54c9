"""List 7: child protection plans open at the inspection date or ended in the six months to it."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Q

from lantern.care.models import CareEpisode
from lantern.journey.models import ChildProtectionConference, CPPlan, Visit
from lantern.returns.annex_a.shared import Inspection, Row, grouped, latest, yes_no

# codes.CATEGORY_OF_ABUSE, lettered; the schema words MUL "Multiple/not recommended".
CATEGORY_OF_ABUSE = {
    "NEG": "a) Neglect", "PHY": "b) Physical abuse", "SAB": "c) Sexual abuse", "EMO": "d) Emotional abuse",
    "MUL": "e) Multiple/not recommended",
}  # fmt: skip
# Legal statuses that say the child was under police protection (L1) or an emergency protection order (L2).
PROTECTED = ("L1", "L2")


def rows(i: Inspection) -> Iterator[Row]:
    plans = CPPlan.objects.filter(start_date__lte=i.as_of).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=i.window_start)
    )
    child_ids = plans.values("child_id")
    i.load_children(child_ids)
    every_plan = grouped(
        CPPlan.objects.filter(child__in=child_ids).order_by("start_date").values("child_id", "start_date"), "child_id"
    )
    reviews = grouped(
        ChildProtectionConference.objects.filter(
            cp_plan__in=plans.values("pk"), kind=ChildProtectionConference.Kind.REVIEW, held_on__lte=i.as_of
        ).values("cp_plan_id", "held_on"),
        "cp_plan_id",
    )
    protected = set(
        CareEpisode.objects.filter(child__in=child_ids, legal_status__in=PROTECTED, start_date__lte=i.as_of)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=i.window_start))
        .values_list("child_id", flat=True)
    )
    for plan in plans.order_by("start_date", "pk").values(
        "pk", "child_id", "start_date", "end_date", "initial_category", "latest_category"
    ):
        child = i.child(plan["child_id"])
        visits = [
            v
            for v in i.visits(child, kind=Visit.Kind.CP, since=plan["start_date"])
            if plan["end_date"] is None or v["visit_date"] <= plan["end_date"]
        ]
        last = visits[-1] if visits else None
        yield Row(
            child,
            {
                "start": plan["start_date"],
                "initial": CATEGORY_OF_ABUSE.get(plan["initial_category"]),
                "latest": CATEGORY_OF_ABUSE.get(plan["latest_category"]),
                "last_visit": last["visit_date"] if last else None,
                "seen_alone": yes_no(last["seen_alone"]) if last else None,
                "last_review": latest(r["held_on"] for r in reviews.get(plan["pk"], [])),
                "end": i.by_date(plan["end_date"]),
                "protected": yes_no(child["pk"] in protected),
                "previous": sum(1 for p in every_plan[child["pk"]] if p["start_date"] < plan["start_date"]),
            },
        )
