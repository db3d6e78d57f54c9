"""List 11: prospective adopters, one row per household (Lantern records adopters as a household, not each
adopter); the adopters' ethnicity and disability are not recorded, and a couple has no one gender."""

from __future__ import annotations

from collections.abc import Iterator

from lantern.care.models import Adopters, AdoptionDecision
from lantern.returns.annex_a import adoption
from lantern.returns.annex_a.shared import GENDER, Inspection, Row, grouped, yes_no

# codes.ADOPTER_SEX (SEX_ADOPTR) as Annex A's gender, for a single adopter; the couples are left blank.
ADOPTER_GENDER = {"M1": GENDER["M"], "F1": GENDER["F"]}
COUPLES = frozenset({"MM", "FF", "MF"})


def rows(i: Inspection) -> Iterator[Row]:
    """Prospective adopters who enquired by the date: still in the process at the date, or matched, placed with,
    adopted or left in the twelve months to it."""
    households = list(Adopters.objects.filter(enquiry_on__lte=i.as_of).order_by("reference").values())
    decisions = list(
        AdoptionDecision.objects.filter(adopters__in=[h["id"] for h in households], matched_on__lte=i.as_of)
        .order_by("matched_on", "pk")
        .values("adopters_id", "period_id", "matched_on")
    )
    milestones = adoption.milestones(i, decisions)
    matches = grouped(decisions, "adopters_id")
    for household in households:
        matched = matches.get(household["id"], [])
        placed = [p for p in (milestones.get(m["period_id"], {}).get("placed") for m in matched) if p]
        adopted = [a for a in (milestones.get(m["period_id"], {}).get("adopted") for m in matched) if a]
        left = i.by_date(household["left_on"])
        done = left or (max(adopted) if adopted and len(adopted) == len(matched) else None)
        if done is not None and not i.in_last_year(done):
            continue
        yield Row(
            {},
            {
                "adopter": household["reference"],
                "family": household["reference"],
                "adopter_gender": ADOPTER_GENDER.get(household["sex"]),
                "ffa": yes_no(household["fostering_for_adoption"]),
                "enquiry": household["enquiry_on"],
                "stage_one_start": i.by_date(household["stage_one_start"]),
                "stage_one_end": i.by_date(household["stage_one_end"]),
                "stage_two_start": i.by_date(household["stage_two_start"]),
                "stage_two_end": i.by_date(household["stage_two_end"]),
                "application": i.by_date(household["application_on"]),
                "approved": i.by_date(household["approved_on"]),
                "matched": matched[0]["matched_on"] if matched else None,
                "placed": min(placed) if placed else None,
                "children": len(placed) if placed else None,
                "adopted": max(adopted) if adopted else None,
                "left": left,
                "left_reason": (household["left_reason"] or None) if left else None,
            },
        )
