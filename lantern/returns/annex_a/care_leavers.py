"""List 9: care leavers at the inspection date, with their latest contact, accommodation and activity."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Q

from lantern.leaving_care.models import CareLeaver, CareLeaverContact, PathwayPlanReview
from lantern.returns.annex_a.shared import NO, YES, Inspection, Row, grouped, latest, yes_no

# The schema's own wording (liia-tools Annex_A_schema.yml), keyed by the code list named beside each map;
# tests/returns/test_annex_a_labels.py checks that every code has one.
ELIGIBILITY = {  # codes.CARE_LEAVER_ELIGIBILITY
    "RELEVANT": "a) Relevant child", "FORMER_RELEVANT": "b) Former relevant child",
    "QUALIFYING": "c) Qualifying care leaver", "ELIGIBLE": "d) Eligible child",
}  # fmt: skip
IN_TOUCH = {  # codes.IN_TOUCH
    "YES": YES, "NO": NO, "DIED": "c) Died", "REFU": "d) Refu", "NREQ": "e) NREQ", "RHOM": "f) Rhom",
}  # fmt: skip
# codes.CARE_LEAVER_ACCOMMODATION is the kind of accommodation (a letter) and its suitability (1 or 2) in one
# code; Annex A has a column for each. "0" (information not known) leaves both blank.
ACCOMMODATION = {
    "B": "B: Parents/relatives", "C": "C: Community home/residential care",
    "D": "D: Semi-independent, transitional accommodation and self-contained accommodation",
    "E": "E: Supported lodgings", "G": "G: Abroad", "H": "H: Deported",
    "K": "K: Ordinary lodgings, without formal support", "R": "R: Residence not known",
    "S": "S: No fixed abode/homeless", "T": "T: Foyers and similar supported accommodation",
    "U": "U: Independent living", "V": "V: Emergency accommodation", "W": "W: Bed and breakfast",
    "X": "X: In custody", "Y": "Y: Other accommodation", "Z": "Z: With former foster carers",
}  # fmt: skip
SUITABILITY = {"1": "a) Suitable", "2": "b) Unsuitable"}
# codes.CARE_LEAVER_ACTIVITY; "0" (information not known) is left blank.
ACTIVITY = {
    "F1": "F1: Full time in higher education", "P1": "P1: Part time in higher education",
    "F2": "F2: Full time in education other than higher", "P2": "P2: Part time in education other than higher",
    "F4": "F4: Young person engaged full time in an apprenticeship",
    "P4": "P4: Young person engaged part time in an apprenticeship",
    "F5": "F5: Young person engaged full time in training or employment (not apprenticeship)",
    "P5": "P5: Young person engaged part time in training or employment (not apprenticeship)",
    "G4": "G4: Not in education, employment or training - illness or disability",
    "G5": "G5: Not in education, employment or training - other",
    "G6": "G6: Not in education, employment or training - pregnancy or parenting",
}  # fmt: skip
NOT_KNOWN = "0"


def rows(i: Inspection) -> Iterator[Row]:
    leavers = CareLeaver.objects.filter(eligible_from__lte=i.as_of).filter(
        Q(child__death_date__isnull=True) | Q(child__death_date__gt=i.as_of)
    )
    child_ids = leavers.values("child_id")
    i.load_children(child_ids)
    contacts = grouped(
        CareLeaverContact.objects.filter(child__in=child_ids, contact_date__lte=i.as_of)
        .order_by("contact_date", "pk")
        .values("child_id", "contact_date", "in_touch", "activity", "accommodation"),
        "child_id",
    )
    reviews = grouped(
        PathwayPlanReview.objects.filter(child__in=child_ids, review_date__lte=i.as_of).values(
            "child_id", "review_date"
        ),
        "child_id",
    )
    for leaver in leavers.order_by("child__la_child_id").values("child_id", "eligibility"):
        child = i.child(leaver["child_id"])
        last = contacts.get(child["pk"], [None])[-1]
        accommodation = (last or {}).get("accommodation") or ""
        known = accommodation != NOT_KNOWN
        yield Row(
            child,
            {
                "uasc": yes_no(bool(child["uasc"])),
                "eligibility": ELIGIBILITY.get(leaver["eligibility"]),
                "last_review": latest(r["review_date"] for r in reviews.get(child["pk"], [])),
                "in_touch": IN_TOUCH.get(last["in_touch"]) if last else None,
                "last_contact": last["contact_date"] if last else None,
                "accommodation": ACCOMMODATION.get(accommodation[:1]) if known else None,
                "suitable": SUITABILITY.get(accommodation[1:]) if known else None,
                "activity": ACTIVITY.get(last["activity"]) if last else None,
            },
        )
