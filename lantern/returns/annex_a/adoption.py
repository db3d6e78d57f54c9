"""List 10: children with a decision that they should be placed for adoption, and the milestones of their
period of care that Lists 10 and 11 both report (placement order, placed, fostering for adoption, adopted)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

from lantern.care.models import AdoptionDecision, CareEpisode
from lantern.core import codes
from lantern.returns.annex_a.shared import Inspection, Row, grouped

PLACEMENT_ORDER = "E1"  # legal status
FOSTERING_FOR_ADOPTION = frozenset({"U2", "U5"})  # placement types: FFA/concurrent planning
ADOPTED = frozenset({"E11", "E12"})  # reasons an episode ceased


def _first_start(run: list[dict], test: Callable[[dict], bool]) -> date | None:
    return next((e["start_date"] for e in run if test(e)), None)


def milestones(i: Inspection, decisions: list[dict]) -> dict[int, dict]:
    """Each decision's period of care: its milestones as known on the inspection date, by period."""
    episodes = grouped(
        CareEpisode.objects.filter(period__in={d["period_id"] for d in decisions}, start_date__lte=i.as_of)
        .order_by("start_date")
        .values("period_id", "start_date", "end_date", "legal_status", "placement_type", "reason_ceased"),
        "period_id",
    )
    known = {}
    for period_id, run in episodes.items():
        last = run[-1]
        known[period_id] = {
            "order": _first_start(run, lambda e: e["legal_status"] == PLACEMENT_ORDER),
            "placed": _first_start(run, lambda e: e["placement_type"] in codes.PLACED_FOR_ADOPTION),
            "ffa": _first_start(run, lambda e: e["placement_type"] in FOSTERING_FOR_ADOPTION),
            "adopted": i.by_date(last["end_date"]) if last["reason_ceased"] in ADOPTED else None,
        }
    return known


def rows(i: Inspection) -> Iterator[Row]:
    """Children with a decision that they should be placed for adoption made by the date: the decision still in
    force, or the child adopted or the decision reversed in the twelve months to the date."""
    decisions = list(
        AdoptionDecision.objects.filter(decided_on__lte=i.as_of)
        .order_by("decided_on", "pk")
        .values(
            "child_id", "period_id", "period__start_date", "decided_on", "matched_on", "reversed_on",
            "reversed_reason", "adopters__reference",
        )
    )  # fmt: skip
    by_period = milestones(i, decisions)
    i.load_children([d["child_id"] for d in decisions])
    for decision in decisions:
        known = by_period.get(decision["period_id"], {})
        reversed_on = i.by_date(decision["reversed_on"])
        adopted = known.get("adopted")
        closed = reversed_on or adopted
        if closed is not None and not i.in_last_year(closed):
            continue
        matched = i.by_date(decision["matched_on"])
        yield Row(
            i.child(decision["child_id"]),
            {
                "family": decision["adopters__reference"] if matched else None,
                "entered": decision["period__start_date"],
                "decided": decision["decided_on"],
                "order": known.get("order"),
                "matched": matched,
                "placed": known.get("placed"),
                "adopted": adopted,
                "reversed": reversed_on,
                # The DfE's own wording, so it comes from codes.
                "reason": codes.REASON_PLACED_CEASED.label(decision["reversed_reason"]) if reversed_on else None,
                "ffa": known.get("ffa"),
            },
        )
