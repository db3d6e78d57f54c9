"""List 8: children in care at the inspection date, and those who ceased to be looked after in the six months
to it, with their latest placement, visits, reviews, health and missing episodes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.db.models import Q

from lantern.care.models import CareEpisode, CarePeriod, CLAReview, DentalCheck, HealthAssessment, PermanencePlan
from lantern.core import codes
from lantern.journey.models import Visit
from lantern.missing.models import MissingEpisode
from lantern.returns.annex_a.shared import PRIMARY_NEED, Inspection, Row, grouped, latest, yes_no
from lantern.returns.common import day_start
from lantern.workforce.models import Worker

# The schema's own short wording for each national code (liia-tools Annex_A_schema.yml), keyed by the code list
# named beside it; tests/returns/test_annex_a_labels.py checks that every code has one.

LEGAL_STATUS = {  # codes.LEGAL_STATUS
    "E1": "E1: Placement order", "C1": "C1: ICO", "C2": "C2: FCO", "D1": "D1: Freeing order",
    "V2": "V2: Single period under S20", "L1": "L1: Police protection LA accommodation", "L2": "L2: EPO",
    "L3": "L3: Child assessment order LA accommodation", "J1": "J1: Remanded to LA or youth detention",
    "J2": "J2: LA accommodation under PACE", "J3": "J3: Youth rehabilitation order",
    "V3": "V3: Short term breaks, episodes recorded", "V4": "V4: Short term breaks, agreements recorded",
}  # fmt: skip
PERMANENCE = {  # codes.PERMANENCE_PLAN
    "RETURN_FAMILY": "a) Return to family", "ADOPTION": "b) Adoption", "SGO_CAO": "c) SGO/CAO",
    "SUPPORTED_LIVING": "d) Supported living in the community",
    "LONG_TERM_RESIDENTIAL": "e) Long-term residential placement", "LONG_TERM_FOSTERING": "f) Long-term fostering",
    "OTHER": "g) other",
}  # fmt: skip
REASON_CEASED = {  # codes.REASON_EPISODE_CEASED
    "E11": "a) E11: Adopted - application unopposed", "E12": "b) E12: Adopted - consent dispensed",
    "E2": "c) E2: Died", "E3": "d) E3: Care taken by another LA",
    "E4A": "e) E4A: Returned home to live with parents or relatives - part of planning",
    "E4B": "f) E4B: Returned home to live with parents or relatives - not part of planning",
    "E13": "g) E13: Parents, relatives or other with no parental responsibility",
    "E41": "h) E41: Residence order granted",
    "E45": "i) E45: Special Guardianship Orders - former carer relative/friend",
    "E46": "j) E46: Special Guardianship Orders - former carer other",
    "E47": "k) E47: Special Guardianship Orders - relative/friend",
    "E48": "l) E48: Special Guardianship Orders - other",
    "E5": "m) E5: Moved into independent living - supported", "E6": "n) E6: Moved into independent living - no support",
    "E7": "o) E7: Transferred to residential care funded by adult social services", "E9": "p) E9: Sentenced to custody",
    "E14": "q) E14: Accommodation on remand ended", "E15": "r) E15: Age assessment determined child was 18 or over",
    "E16": "s) E16: Child moved abroad", "E8": "t) E8: Care ceased for any other reason", "X1": "u) X1: CodeError",
    "E17": "v) E17: Aged 18+ and remained with current carers",
}  # fmt: skip
PLACEMENT_TYPE = {  # codes.PLACEMENT_TYPE, but for SCHEMA_PREDATES
    "U1": "a) U1: Foster placement - relatives - long term", "U2": "b) U2: Foster placement - relative - FFA",
    "U3": "c) U3: Foster placement - relative - not FFA", "U4": "d) U4: Foster placement - long term",
    "U5": "e) U5: Foster placement - FFA", "U6": "f) U6: Foster placement - not FFA",
    "A3": "g) A3: Placed for adoption - consent - current foster",
    "A4": "h) A4: Placed for adoption - consent - not foster",
    "A5": "i) A5: Placed for adoption - order - foster", "A6": "j) A6: Placed for adoption - order - not foster",
    "P1": "k) P1: Placed with parents", "P2": "l) P2: Independent living", "P3": "m) P3: Residential employment",
    "H5": "n) H5: Residential accommodation", "K1": "o) K1: Secure Children's Homes", "K2": "p) K2: Children's Homes",
    "R1": "q) R1: Residential Care Home", "R2": "r) R2: NHS/Health Trust",
    "R3": "s) R3: Family Centre or Mother and Baby Unit", "R5": "t) R5: Young Offender Institution",
    "S1": "u) S1: Residential school", "Z1": "v) Z1: Other placements", "T0": "w) T0: Temporary placement",
    "T1": "x) T1: Temporary placement - hospital", "T2": "y) T2: Temporary placement - holiday",
    "T3": "z) T3: Temporary placement - carer holiday", "T4": "zz) T4: Temporary placement - seven days or less",
}  # fmt: skip
# Placement types the schema predates (K3 from 2024/25, Z11–Z14 from 2025/26) get "code: description" from codes.
SCHEMA_PREDATES = frozenset({"K3", "Z11", "Z12", "Z13", "Z14"})
PROVIDER = {  # codes.PLACEMENT_PROVIDER
    "PR0": "a) PR0: Parents/Parental responsibility", "PR1": "b) PR1: Own provision",
    "PR2": "c) PR2: Other LA provision", "PR3": "d) PR3: Other public provision", "PR4": "e) PR4: Private provision",
    "PR5": "f) PR5: Voluntary/third sector",
}  # fmt: skip
PLACEMENT_LOCATION = {True: "a) In", False: "b) Out"}  # inside the authority's own postcode districts or not


def placement_label(code: str) -> str:
    return PLACEMENT_TYPE.get(code) or f"{code}: {codes.PLACEMENT_TYPE.label(code)}"


def placement_start(episodes: list[dict], index: int) -> date:
    """Where the current placement began: back to the latest episode that began a new placement."""
    while index > 0 and episodes[index]["reason_new_episode"] not in codes.NEW_PLACEMENT_REASONS:
        index -= 1
    return episodes[index]["start_date"]


def legal_status_start(episodes: list[dict], index: int) -> date:
    status = episodes[index]["legal_status"]
    while index > 0 and episodes[index - 1]["legal_status"] == status:
        index -= 1
    return episodes[index]["start_date"]


def placements_in(episodes: list[dict], i: Inspection) -> int:
    """Placements the child had in the 12 months: the one running at the start, and each new one since."""
    running = [
        e for e in episodes if e["start_date"] <= i.as_of and (e["end_date"] is None or e["end_date"] >= i.year_start)
    ]
    return sum(1 for n, e in enumerate(running) if n == 0 or e["reason_new_episode"] in codes.NEW_PLACEMENT_REASONS)


def rows(i: Inspection) -> Iterator[Row]:
    periods = CarePeriod.objects.filter(start_date__lte=i.as_of).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=i.window_start)
    )
    child_ids = periods.values("child_id")
    i.load_children(child_ids)
    episodes = grouped(
        CareEpisode.objects.filter(period__in=periods.values("pk"), start_date__lte=i.as_of)
        .order_by("start_date")
        .values(
            "period_id", "start_date", "end_date", "reason_new_episode", "legal_status", "category_of_need",
            "placement_type", "placement_provider", "placement_postcode", "urn", "reason_ceased",
        ),
        "period_id",
    )  # fmt: skip
    every_period = grouped(
        CarePeriod.objects.filter(child__in=child_ids).values("pk", "child_id", "start_date", "end_date"), "child_id"
    )
    reviews = grouped(
        CLAReview.objects.filter(period__in=periods.values("pk"), review_date__lte=i.as_of).values(
            "period_id", "review_date"
        ),
        "period_id",
    )
    plans = grouped(
        PermanencePlan.objects.filter(period__in=periods.values("pk"), decided_on__lte=i.as_of)
        .order_by("decided_on", "pk")
        .values("period_id", "plan"),
        "period_id",
    )
    health = grouped(
        HealthAssessment.objects.filter(child__in=child_ids, assessment_date__lte=i.as_of).values(
            "child_id", "assessment_date"
        ),
        "child_id",
    )
    dental = grouped(
        DentalCheck.objects.filter(child__in=child_ids, check_date__lte=i.as_of).values("child_id", "check_date"),
        "child_id",
    )
    missing = grouped(
        MissingEpisode.objects.filter(
            child__in=child_ids, started_at__gte=day_start(i.year_start), started_at__lt=i.end_moment
        )
        .order_by("started_at", "pk")
        .values("child_id", "kind", "return_interview_offered", "return_interview_accepted"),
        "child_id",
    )
    areas = set(i.settings.postcode_area_list)
    for period in periods.order_by("start_date", "pk").values("pk", "child_id", "start_date", "end_date"):
        child = i.child(period["child_id"])
        run = episodes.get(period["pk"], [])
        if not run:
            continue
        current = run[-1]
        ended = i.by_date(period["end_date"])
        earlier = [
            p
            for p in every_period[child["pk"]]
            if p["pk"] != period["pk"] and p["start_date"] < period["start_date"] and i.in_last_year(p["end_date"])
        ]
        postcode = (current["placement_postcode"] or "").upper()
        district = postcode.split(" ")[0] if postcode else ""
        inside = district in areas if district else None
        away = missing.get(child["pk"], [])
        last_missing = next((m for m in reversed(away) if m["kind"] == "M"), None)
        plan = plans.get(period["pk"], [])
        iro_visits = [
            v["visit_date"] for v in i.visits(child, since=period["start_date"]) if v["worker__role"] == Worker.Role.IRO
        ]
        uasc = child["uasc"] and (child["uasc_ceased_date"] is None or child["uasc_ceased_date"] >= i.year_start)
        yield Row(
            child,
            {
                "uasc": yes_no(bool(uasc)),
                "start": period["start_date"],
                "need": PRIMARY_NEED.get(current["category_of_need"]),
                "again": yes_no(bool(earlier)),
                "status_start": legal_status_start(run, len(run) - 1),
                "status": LEGAL_STATUS.get(current["legal_status"]),
                "last_review": latest(r["review_date"] for r in reviews.get(period["pk"], [])),
                "last_visit": latest(
                    v["visit_date"] for v in i.visits(child, kind=Visit.Kind.CLA, since=period["start_date"])
                ),
                "permanence": PERMANENCE.get(plan[-1]["plan"]) if plan else None,
                "last_iro": latest(iro_visits),
                "last_health": latest(h["assessment_date"] for h in health.get(child["pk"], [])),
                "last_dental": latest(d["check_date"] for d in dental.get(child["pk"], [])),
                "placements": placements_in(run, i),
                "ended": ended,
                "reason": REASON_CEASED.get(current["reason_ceased"]) if ended else None,
                "placement_start": placement_start(run, len(run) - 1),
                "placement": placement_label(current["placement_type"]),
                "provider": PROVIDER.get(current["placement_provider"]),
                "postcode": current["placement_postcode"] or None,
                "urn": current["urn"] or None,
                "location": None if inside is None else PLACEMENT_LOCATION[inside],
                # Lantern has no postcode-to-authority lookup: it names its own authority for a placement inside
                # its postcode districts and leaves other placements blank.
                "la": i.settings.ons_code if inside else None,
                "missing": sum(1 for m in away if m["kind"] == "M"),
                "absent": sum(1 for m in away if m["kind"] == "A"),
                "offered": yes_no(last_missing["return_interview_offered"], unknown=True) if last_missing else None,
                "accepted": yes_no(last_missing["return_interview_accepted"], unknown=True) if last_missing else None,
            },
        )
