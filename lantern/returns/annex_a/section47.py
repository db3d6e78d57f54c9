"""List 5: section 47 enquiries started in the six months to the inspection date, with the child's counts of
enquiries and initial conferences for the year."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from lantern.journey.models import ChildProtectionConference, Section47Enquiry
from lantern.returns.annex_a.shared import Inspection, Row, grouped, yes_no


def rows(i: Inspection) -> Iterator[Row]:
    last_year = Section47Enquiry.objects.filter(start_date__range=(i.year_start, i.as_of))
    i.load_children(last_year.filter(start_date__gte=i.window_start).values("child_id"))
    conferences = grouped(
        ChildProtectionConference.objects.filter(
            child__in=last_year.values("child_id"), kind=ChildProtectionConference.Kind.INITIAL, held_on__lte=i.as_of
        )
        .order_by("held_on", "pk")
        .values("child_id", "section47_id", "held_on", "plan_made"),
        "child_id",
    )
    enquiries = list(
        last_year.order_by("start_date", "pk").values(
            "pk", "child_id", "start_date", "icpc_not_required", "strategy_discussion__held_on"
        )
    )
    enquiries_per_child: dict[int, int] = defaultdict(int)
    for enquiry in enquiries:
        enquiries_per_child[enquiry["child_id"]] += 1
    for enquiry in enquiries:
        if not i.in_window(enquiry["start_date"]):
            continue
        held = conferences.get(enquiry["child_id"], [])
        icpc = next((c for c in held if c["section47_id"] == enquiry["pk"]), None)
        yield Row(
            i.child(enquiry["child_id"]),
            {
                "discussed": enquiry["strategy_discussion__held_on"] or enquiry["start_date"],
                "not_required": yes_no(enquiry["icpc_not_required"]),
                "icpc": icpc["held_on"] if icpc else None,
                "plan": yes_no(icpc["plan_made"]) if icpc else None,
                "enquiries": enquiries_per_child[enquiry["child_id"]],
                "icpcs": sum(1 for c in held if i.in_last_year(c["held_on"])),
            },
        )
