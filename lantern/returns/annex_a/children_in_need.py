"""List 6: children in need episodes open at the inspection date or closed in the six months to it (not
referrals closed with no further action), with what the child's case is on the date."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Q

from lantern.care.models import CarePeriod
from lantern.core import codes
from lantern.journey.models import Assessment, CINPlan, CPPlan, Referral
from lantern.returns.annex_a.shared import PRIMARY_NEED, Inspection, Row, latest

# The DfE's own wording, so it comes from codes.
REASON_FOR_CLOSURE = {code: f"{code} - {label}" for code, label in codes.REASON_FOR_CLOSURE.labels.items()}
# Lantern's case statuses (no national code list): the first that applies, in this order, names the case.
CASE_STATUS = {
    "looked_after": "a) Looked after child",
    "cp": "b) Child Protection plan",
    "cin": "c) Child in need plan",
    "assessment": "d) Open assessment",
    "closed": "e) Closed episode",
}


def _looked_after_ids(i: Inspection) -> set[int]:
    return set(
        CarePeriod.objects.filter(start_date__lte=i.as_of)
        .filter(Q(end_date__isnull=True) | Q(end_date__gt=i.as_of))
        .values_list("child_id", flat=True)
    )


def rows(i: Inspection) -> Iterator[Row]:
    episodes = Referral.objects.filter(referral_date__lte=i.as_of, referral_nfa=False).filter(
        Q(closure_date__isnull=True) | Q(closure_date__gte=i.window_start)
    )
    i.load_children(episodes.values("child_id"))
    ids = episodes.values("pk")

    def open_on(queryset) -> set[int]:
        return set(
            queryset.filter(referral__in=ids, start_date__lte=i.as_of)
            .filter(Q(end_date__isnull=True) | Q(end_date__gt=i.as_of))
            .values_list("referral_id", flat=True)
        )

    on_cp_plan = open_on(CPPlan.objects)
    on_cin_plan = open_on(CINPlan.objects)
    assessing = set(
        Assessment.objects.filter(referral__in=ids, start_date__lte=i.as_of)
        .filter(Q(authorised_date__isnull=True) | Q(authorised_date__gt=i.as_of))
        .values_list("referral_id", flat=True)
    )
    looked_after = _looked_after_ids(i)
    for episode in episodes.order_by("referral_date", "pk").values(
        "pk", "child_id", "referral_date", "primary_need_code", "closure_date", "reason_for_closure"
    ):
        child = i.child(episode["child_id"])
        closed = i.by_date(episode["closure_date"])
        if closed:
            status = "closed"
        elif child["pk"] in looked_after:
            status = "looked_after"
        elif episode["pk"] in on_cp_plan:
            status = "cp"
        elif episode["pk"] in on_cin_plan:
            status = "cin"
        elif episode["pk"] in assessing:
            status = "assessment"
        else:
            status = None
        seen = [v["visit_date"] for v in i.visits(child) if v["seen"]]
        yield Row(
            child,
            {
                "start": episode["referral_date"],
                "need": PRIMARY_NEED.get(episode["primary_need_code"]),
                "last_seen": latest(seen),
                "closed": closed,
                "reason": REASON_FOR_CLOSURE.get(episode["reason_for_closure"]) if closed else None,
                "status": CASE_STATUS.get(status),
            },
        )
