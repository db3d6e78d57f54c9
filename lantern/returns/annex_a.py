"""Ofsted ILACS Annex A: Lists 1–11 as one workbook, one sheet per list (domain/statutory-data.md section 3).

The layout is data: `LISTS` holds one definition per list (sheet name, reporting window, and each column's exact
header with how its cell is worked out). Column headers are liia-tools' `Annex_A_schema.yml` verbatim; coded cells
use that schema's lettered labels ("a) Male", "e) 2A: Schools" …).

Reporting windows (D2I's Annex A SQL): the six months up to and including the inspection date for contacts, early
help, referrals, assessments and section 47 enquiries; children in need, on a plan, in care or leaving care at the
date, plus those whose episode, plan or care ended in those six months. Counts "in the last 12 months" run to the
date too. "Allocated team/worker" is the social worker allocated on the date (blank when nobody is).

Everything is read with a handful of queries per list, never one per child, and written with XlsxWriter in
constant-memory mode.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import IO, Any

import xlsxwriter
from django.db.models import Q, QuerySet

from lantern.care.models import (
    Adopters,
    AdoptionDecision,
    CareEpisode,
    CarePeriod,
    CLAReview,
    DentalCheck,
    HealthAssessment,
    PermanencePlan,
)
from lantern.core import codes
from lantern.core.models import AuthoritySettings
from lantern.journey.models import (
    Assessment,
    ChildProtectionConference,
    CINPlan,
    Contact,
    CPPlan,
    EarlyHelpEpisode,
    Referral,
    Section47Enquiry,
    Visit,
)
from lantern.leaving_care.models import CareLeaver, CareLeaverContact, PathwayPlanReview
from lantern.missing.models import MissingEpisode
from lantern.people.models import Child, ChildDisability
from lantern.returns.common import ExportSummary, add_months, age_on, day_start, local_date
from lantern.workforce.models import Allocation, Worker
from lantern.worklists.exports import safe_cell

WINDOW_MONTHS = 6
COUNT_MONTHS = 12

# Lettered labels (liia-tools Annex_A_schema.yml) -------------------------------------------------------------

GENDER = {"M": "a) Male", "F": "b) Female", "U": "c) Not stated/recorded"}
# The schema letters REFU and NOBT both "s)"; kept as published.
ETHNICITY = {
    "WBRI": "a) WBRI", "WIRI": "b) WIRI", "WIRT": "c) WIRT", "WOTH": "d) WOTH", "WROM": "e) WROM",
    "MWBC": "f) MWBC", "MWBA": "g) MWBA", "MWAS": "h) MWAS", "MOTH": "i) MOTH", "AIND": "j) AIND",
    "APKN": "k) APKN", "ABAN": "l) ABAN", "AOTH": "m) AOTH", "BCRB": "n) BCRB", "BAFR": "o) BAFR",
    "BOTH": "p) BOTH", "CHNE": "q) CHNE", "OOTH": "r) OOTH", "REFU": "s) REFU", "NOBT": "s) NOBT",
}  # fmt: skip
SOURCE = {
    "1A": "a) 1A: Individual", "1B": "b) 1B: Individual", "1C": "c) 1C: Individual", "1D": "d) 1D: Individual",
    "2A": "e) 2A: Schools", "2B": "f) 2B: Education services", "3A": "g) 3A: Health services",
    "3B": "h) 3B: Health services", "3C": "i) 3C: Health services", "3D": "j) 3D: Health services",
    "3E": "k) 3E: Health services", "3F": "l) 3F: Health services", "4": "m) 4: Housing",
    "5A": "n) 5A: LA services", "5B": "o) 5B: LA services", "5C": "p) 5C: LA services",
    "5D": "p1) 5D: LA services", "6": "q) 6: Police", "7": "r) 7: Other legal agency", "8": "s) 8: Other",
    "9": "t) 9: Anonymous", "10": "u) 10: Unknown",
}  # fmt: skip
YES, NO, UNKNOWN = "a) Yes", "b) No", "c) Unknown"
PRIMARY_NEED = {code: f"{code} - {label}" for code, label in codes.PRIMARY_NEED.labels.items()}
REASON_FOR_CLOSURE = {code: f"{code} - {label}" for code, label in codes.REASON_FOR_CLOSURE.labels.items()}
CASE_STATUS = {
    "looked_after": "a) Looked after child",
    "cp": "b) Child Protection plan",
    "cin": "c) Child in need plan",
    "assessment": "d) Open assessment",
    "closed": "e) Closed episode",
}
CATEGORY_OF_ABUSE = {
    "NEG": "a) Neglect", "PHY": "b) Physical abuse", "SAB": "c) Sexual abuse", "EMO": "d) Emotional abuse",
    "MUL": "e) Multiple/not recommended",
}  # fmt: skip
LEGAL_STATUS = {
    "E1": "E1: Placement order", "C1": "C1: ICO", "C2": "C2: FCO", "D1": "D1: Freeing order",
    "V2": "V2: Single period under S20", "L1": "L1: Police protection LA accommodation", "L2": "L2: EPO",
    "L3": "L3: Child assessment order LA accommodation", "J1": "J1: Remanded to LA or youth detention",
    "J2": "J2: LA accommodation under PACE", "J3": "J3: Youth rehabilitation order",
    "V3": "V3: Short term breaks, episodes recorded", "V4": "V4: Short term breaks, agreements recorded",
}  # fmt: skip
PERMANENCE = {
    "RETURN_FAMILY": "a) Return to family", "ADOPTION": "b) Adoption", "SGO_CAO": "c) SGO/CAO",
    "SUPPORTED_LIVING": "d) Supported living in the community",
    "LONG_TERM_RESIDENTIAL": "e) Long-term residential placement", "LONG_TERM_FOSTERING": "f) Long-term fostering",
    "OTHER": "g) other",
}  # fmt: skip
REASON_CEASED = {
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
# Placement types the schema predates (K3 from 2024/25, Z11–Z14 from 2025/26) get "code: description".
PLACEMENT_TYPE = {
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
PROVIDER = {
    "PR0": "a) PR0: Parents/Parental responsibility", "PR1": "b) PR1: Own provision",
    "PR2": "c) PR2: Other LA provision", "PR3": "d) PR3: Other public provision", "PR4": "e) PR4: Private provision",
    "PR5": "f) PR5: Voluntary/third sector",
}  # fmt: skip
ELIGIBILITY = {
    "RELEVANT": "a) Relevant child", "FORMER_RELEVANT": "b) Former relevant child",
    "QUALIFYING": "c) Qualifying care leaver", "ELIGIBLE": "d) Eligible child",
}  # fmt: skip
IN_TOUCH = {"YES": YES, "NO": NO, "DIED": "c) Died", "REFU": "d) Refu", "NREQ": "e) NREQ", "RHOM": "f) Rhom"}
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


def yes_no(value: bool | None, *, unknown: bool = False) -> str | None:
    if value is None:
        return UNKNOWN if unknown else None
    return YES if value else NO


def placement_label(code: str) -> str:
    return PLACEMENT_TYPE.get(code) or f"{code}: {codes.PLACEMENT_TYPE.label(code)}"


Cell = str | int | date | None


# The data for one inspection date ---------------------------------------------------------------------------


@dataclass
class Row:
    """One row of a list: the child it is about and the values its own columns need."""

    child: dict
    values: dict[str, Any] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        try:
            return self.values[name]
        except KeyError as error:
            raise AttributeError(name) from error


class Inspection:
    """The inspection date, its windows, and what is shared by many lists (children, allocations, visits)."""

    def __init__(self, as_of: date) -> None:
        self.as_of = as_of
        self.window_start = add_months(as_of, -WINDOW_MONTHS)
        self.year_start = add_months(as_of, -COUNT_MONTHS)
        self.settings = AuthoritySettings.current()
        self._children: dict[int, dict] = {}
        self._disabilities: dict[int, list[str]] = {}
        self._allocations: dict[tuple[int, str], dict] = {}
        self._visits: dict[int, list[dict]] = {}
        self._child_querysets: list[QuerySet] = []

    # Moments and windows

    @property
    def end_moment(self) -> datetime:
        return day_start(self.as_of + timedelta(days=1))

    def in_window(self, day: date | None) -> bool:
        return day is not None and self.window_start <= day <= self.as_of

    def in_last_year(self, day: date | None) -> bool:
        return day is not None and self.year_start <= day <= self.as_of

    def by_date(self, day: date | None) -> date | None:
        """The date if it has happened by the inspection date; a later date is not known yet."""
        return day if day is not None and day <= self.as_of else None

    # Children, loaded once for all the lists that name them

    def load_children(self, *child_ids: QuerySet) -> None:
        query = Q()
        for ids in child_ids:
            query |= Q(pk__in=ids)
        children = Child.objects.filter(query)
        self._children = {
            row["pk"]: row
            for row in children.values(
                "pk", "la_child_id", "sex", "ethnicity", "date_of_birth", "uasc", "uasc_ceased_date", "death_date"
            )
        }
        ids = children.values("pk")
        disabilities: dict[int, list[str]] = defaultdict(list)
        for child_id, code in ChildDisability.objects.filter(child__in=ids).values_list("child_id", "code"):
            disabilities[child_id].append(code)
        self._disabilities = disabilities
        allocations: dict[tuple[int, str], dict] = {}
        for row in (
            Allocation.objects.filter(child__in=ids, start_date__lte=self.as_of)
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=self.as_of))
            .order_by("start_date", "pk")
            .values("child_id", "role", "team__name", "worker__first_name", "worker__last_name")
        ):
            allocations[(row["child_id"], row["role"])] = row  # the latest start wins
        self._allocations = allocations
        self._visits = defaultdict(list)
        for row in (
            Visit.objects.filter(child__in=ids, visit_date__lte=self.as_of)
            .order_by("visit_date", "pk")
            .values("child_id", "kind", "visit_date", "seen", "seen_alone", "worker__role")
        ):
            self._visits[row["child_id"]].append(row)

    def child(self, child_id: int) -> dict:
        return self._children[child_id]

    def disability(self, child: dict) -> str:
        recorded = self._disabilities.get(child["pk"], [])
        if not recorded:
            return UNKNOWN
        return YES if any(code != "NONE" for code in recorded) else NO

    def allocated(self, child: dict, role: str = Allocation.Role.SOCIAL_WORKER) -> dict | None:
        return self._allocations.get((child["pk"], role))

    def team(self, child: dict) -> str | None:
        allocation = self.allocated(child)
        return allocation["team__name"] if allocation else None

    def worker(self, child: dict, role: str = Allocation.Role.SOCIAL_WORKER) -> str | None:
        allocation = self.allocated(child, role)
        return f"{allocation['worker__first_name']} {allocation['worker__last_name']}" if allocation else None

    def visits(self, child: dict, *, kind: str | None = None, since: date | None = None) -> list[dict]:
        return [
            v
            for v in self._visits.get(child["pk"], [])
            if (kind is None or v["kind"] == kind) and (since is None or v["visit_date"] >= since)
        ]


def _grouped(rows: Iterable[dict], key: str) -> dict[Any, list[dict]]:
    groups: dict[Any, list[dict]] = defaultdict(list)
    for row in rows:
        groups[row[key]].append(row)
    return groups


def _latest(days: Iterable[date | None]) -> date | None:
    known = [d for d in days if d is not None]
    return max(known) if known else None


# Rows of each list --------------------------------------------------------------------------------------------


def contact_rows(i: Inspection) -> Iterator[Row]:
    contacts = Contact.objects.filter(received_at__gte=day_start(i.window_start), received_at__lt=i.end_moment)
    i.load_children(contacts.values("child_id"))
    for contact in contacts.order_by("received_at", "pk").values("child_id", "received_at", "source"):
        yield Row(
            i.child(contact["child_id"]), {"date": local_date(contact["received_at"]), "source": contact["source"]}
        )


def early_help_rows(i: Inspection) -> Iterator[Row]:
    episodes = EarlyHelpEpisode.objects.filter(start_date__lte=i.as_of).filter(
        Q(start_date__gte=i.window_start) | Q(assessment_completed_date__range=(i.window_start, i.as_of))
    )
    i.load_children(episodes.values("child_id"))
    for episode in episodes.order_by("start_date", "pk").values(
        "child_id", "start_date", "assessment_completed_date", "organisation"
    ):
        yield Row(
            i.child(episode["child_id"]),
            {
                "start": episode["start_date"],
                "completed": i.by_date(episode["assessment_completed_date"]),
                "organisation": episode["organisation"],
            },
        )


def referral_rows(i: Inspection) -> Iterator[Row]:
    last_year = Referral.objects.filter(referral_date__range=(i.year_start, i.as_of))
    i.load_children(last_year.filter(referral_date__gte=i.window_start).values("child_id"))
    referrals = list(
        last_year.order_by("referral_date", "pk").values("child_id", "referral_date", "referral_source", "referral_nfa")
    )
    per_child: dict[int, int] = defaultdict(int)
    for referral in referrals:
        per_child[referral["child_id"]] += 1
    for referral in referrals:
        if i.in_window(referral["referral_date"]):
            yield Row(i.child(referral["child_id"]), {**referral, "in_last_year": per_child[referral["child_id"]]})


def assessment_rows(i: Inspection) -> Iterator[Row]:
    assessments = Assessment.objects.filter(start_date__lte=i.as_of).filter(
        Q(authorised_date__isnull=True) | Q(authorised_date__gte=i.window_start)
    )
    i.load_children(assessments.values("child_id"))
    for assessment in assessments.order_by("start_date", "pk").values(
        "child_id", "start_date", "authorised_date", "child_seen_date", "requires_support"
    ):
        authorised = i.by_date(assessment["authorised_date"])
        yield Row(
            i.child(assessment["child_id"]),
            {
                "start": assessment["start_date"],
                "seen": yes_no(i.by_date(assessment["child_seen_date"]) is not None),
                "authorised": authorised,
                # Only an authorised assessment has an answer.
                "requires_support": yes_no(assessment["requires_support"], unknown=True) if authorised else None,
            },
        )


def section47_rows(i: Inspection) -> Iterator[Row]:
    last_year = Section47Enquiry.objects.filter(start_date__range=(i.year_start, i.as_of))
    i.load_children(last_year.filter(start_date__gte=i.window_start).values("child_id"))
    conferences = _grouped(
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


def _looked_after_ids(i: Inspection) -> set[int]:
    return set(
        CarePeriod.objects.filter(start_date__lte=i.as_of)
        .filter(Q(end_date__isnull=True) | Q(end_date__gt=i.as_of))
        .values_list("child_id", flat=True)
    )


def cin_rows(i: Inspection) -> Iterator[Row]:
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
                "last_seen": _latest(seen),
                "closed": closed,
                "reason": REASON_FOR_CLOSURE.get(episode["reason_for_closure"]) if closed else None,
                "status": CASE_STATUS.get(status),
            },
        )


def cp_rows(i: Inspection) -> Iterator[Row]:
    plans = CPPlan.objects.filter(start_date__lte=i.as_of).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=i.window_start)
    )
    child_ids = plans.values("child_id")
    i.load_children(child_ids)
    every_plan = _grouped(
        CPPlan.objects.filter(child__in=child_ids).order_by("start_date").values("child_id", "start_date"), "child_id"
    )
    reviews = _grouped(
        ChildProtectionConference.objects.filter(
            cp_plan__in=plans.values("pk"), kind=ChildProtectionConference.Kind.REVIEW, held_on__lte=i.as_of
        ).values("cp_plan_id", "held_on"),
        "cp_plan_id",
    )
    protected = set(
        CareEpisode.objects.filter(child__in=child_ids, legal_status__in=("L1", "L2"), start_date__lte=i.as_of)
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
                "last_review": _latest(r["held_on"] for r in reviews.get(plan["pk"], [])),
                "end": i.by_date(plan["end_date"]),
                "protected": yes_no(child["pk"] in protected),
                "previous": sum(1 for p in every_plan[child["pk"]] if p["start_date"] < plan["start_date"]),
            },
        )


def _placement_start(episodes: list[dict], index: int) -> date:
    """Where the current placement began: back over legal-status-only changes (RNE L)."""
    while index > 0 and episodes[index]["reason_new_episode"] == "L":
        index -= 1
    return episodes[index]["start_date"]


def _legal_status_start(episodes: list[dict], index: int) -> date:
    status = episodes[index]["legal_status"]
    while index > 0 and episodes[index - 1]["legal_status"] == status:
        index -= 1
    return episodes[index]["start_date"]


def _placements_in(episodes: list[dict], i: Inspection) -> int:
    """Placements the child had in the 12 months: the one running at the start, and each new one since."""
    running = [
        e for e in episodes if e["start_date"] <= i.as_of and (e["end_date"] is None or e["end_date"] >= i.year_start)
    ]
    return sum(1 for n, e in enumerate(running) if n == 0 or e["reason_new_episode"] != "L")


def cla_rows(i: Inspection) -> Iterator[Row]:
    periods = CarePeriod.objects.filter(start_date__lte=i.as_of).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=i.window_start)
    )
    child_ids = periods.values("child_id")
    i.load_children(child_ids)
    episodes = _grouped(
        CareEpisode.objects.filter(period__in=periods.values("pk"), start_date__lte=i.as_of)
        .order_by("start_date")
        .values(
            "period_id", "start_date", "end_date", "reason_new_episode", "legal_status", "category_of_need",
            "placement_type", "placement_provider", "placement_postcode", "urn", "reason_ceased",
        ),
        "period_id",
    )  # fmt: skip
    every_period = _grouped(
        CarePeriod.objects.filter(child__in=child_ids).values("pk", "child_id", "start_date", "end_date"), "child_id"
    )
    reviews = _grouped(
        CLAReview.objects.filter(period__in=periods.values("pk"), review_date__lte=i.as_of).values(
            "period_id", "review_date"
        ),
        "period_id",
    )
    plans = _grouped(
        PermanencePlan.objects.filter(period__in=periods.values("pk"), decided_on__lte=i.as_of)
        .order_by("decided_on", "pk")
        .values("period_id", "plan"),
        "period_id",
    )
    health = _grouped(
        HealthAssessment.objects.filter(child__in=child_ids, assessment_date__lte=i.as_of).values(
            "child_id", "assessment_date"
        ),
        "child_id",
    )
    dental = _grouped(
        DentalCheck.objects.filter(child__in=child_ids, check_date__lte=i.as_of).values("child_id", "check_date"),
        "child_id",
    )
    missing = _grouped(
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
                "status_start": _legal_status_start(run, len(run) - 1),
                "status": LEGAL_STATUS.get(current["legal_status"]),
                "last_review": _latest(r["review_date"] for r in reviews.get(period["pk"], [])),
                "last_visit": _latest(
                    v["visit_date"] for v in i.visits(child, kind=Visit.Kind.CLA, since=period["start_date"])
                ),
                "permanence": PERMANENCE.get(plan[-1]["plan"]) if plan else None,
                "last_iro": _latest(iro_visits),
                "last_health": _latest(h["assessment_date"] for h in health.get(child["pk"], [])),
                "last_dental": _latest(d["check_date"] for d in dental.get(child["pk"], [])),
                "placements": _placements_in(run, i),
                "ended": ended,
                "reason": REASON_CEASED.get(current["reason_ceased"]) if ended else None,
                "placement_start": _placement_start(run, len(run) - 1),
                "placement": placement_label(current["placement_type"]),
                "provider": PROVIDER.get(current["placement_provider"]),
                "postcode": current["placement_postcode"] or None,
                "urn": current["urn"] or None,
                "location": None if inside is None else ("a) In" if inside else "b) Out"),
                # Lantern has no postcode-to-authority lookup: it names its own authority for a placement inside
                # its postcode districts and leaves other placements blank.
                "la": i.settings.ons_code if inside else None,
                "missing": sum(1 for m in away if m["kind"] == "M"),
                "absent": sum(1 for m in away if m["kind"] == "A"),
                "offered": yes_no(last_missing["return_interview_offered"], unknown=True) if last_missing else None,
                "accepted": yes_no(last_missing["return_interview_accepted"], unknown=True) if last_missing else None,
            },
        )


def care_leaver_rows(i: Inspection) -> Iterator[Row]:
    leavers = CareLeaver.objects.filter(eligible_from__lte=i.as_of).filter(
        Q(child__death_date__isnull=True) | Q(child__death_date__gt=i.as_of)
    )
    child_ids = leavers.values("child_id")
    i.load_children(child_ids)
    contacts = _grouped(
        CareLeaverContact.objects.filter(child__in=child_ids, contact_date__lte=i.as_of)
        .order_by("contact_date", "pk")
        .values("child_id", "contact_date", "in_touch", "activity", "accommodation"),
        "child_id",
    )
    reviews = _grouped(
        PathwayPlanReview.objects.filter(child__in=child_ids, review_date__lte=i.as_of).values(
            "child_id", "review_date"
        ),
        "child_id",
    )
    for leaver in leavers.order_by("child__la_child_id").values("child_id", "eligibility"):
        child = i.child(leaver["child_id"])
        latest = contacts.get(child["pk"], [None])[-1]
        accommodation = (latest or {}).get("accommodation") or ""
        yield Row(
            child,
            {
                "uasc": yes_no(bool(child["uasc"])),
                "eligibility": ELIGIBILITY.get(leaver["eligibility"]),
                "last_review": _latest(r["review_date"] for r in reviews.get(child["pk"], [])),
                "in_touch": IN_TOUCH.get(latest["in_touch"]) if latest else None,
                "last_contact": latest["contact_date"] if latest else None,
                "accommodation": ACCOMMODATION.get(accommodation[:1]) if accommodation != "0" else None,
                "suitable": SUITABILITY.get(accommodation[1:]) if accommodation != "0" else None,
                "activity": ACTIVITY.get(latest["activity"]) if latest else None,
            },
        )


# The layout --------------------------------------------------------------------------------------------------


ADOPTIVE_PLACEMENTS = ("A3", "A4", "A5", "A6")
FOSTERING_FOR_ADOPTION = ("U2", "U5")
ADOPTED = ("E11", "E12")
# The adopters' sex (SEX_ADOPTR) as Annex A's gender, for a single adopter; a couple has no one gender.
ADOPTER_GENDER = {"M1": GENDER["M"], "F1": GENDER["F"]}


def _first_start(run: list[dict], test: Callable[[dict], bool]) -> date | None:
    return next((e["start_date"] for e in run if test(e)), None)


def _adoption_facts(i: Inspection, decisions: list[dict]) -> tuple[dict[int, list[dict]], dict[int, dict]]:
    """The episodes of the decisions' periods, and each period's milestones as known on the date."""
    episodes = _grouped(
        CareEpisode.objects.filter(period__in={d["period_id"] for d in decisions}, start_date__lte=i.as_of)
        .order_by("start_date")
        .values("period_id", "start_date", "end_date", "legal_status", "placement_type", "reason_ceased"),
        "period_id",
    )
    milestones = {}
    for period_id, run in episodes.items():
        last = run[-1]
        adopted = i.by_date(last["end_date"]) if last["reason_ceased"] in ADOPTED else None
        milestones[period_id] = {
            "order": _first_start(run, lambda e: e["legal_status"] == "E1"),
            "placed": _first_start(run, lambda e: e["placement_type"] in ADOPTIVE_PLACEMENTS),
            "ffa": _first_start(run, lambda e: e["placement_type"] in FOSTERING_FOR_ADOPTION),
            "adopted": adopted,
        }
    return episodes, milestones


def adoption_rows(i: Inspection) -> Iterator[Row]:
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
    _, milestones = _adoption_facts(i, decisions)
    i.load_children([d["child_id"] for d in decisions])
    for decision in decisions:
        known = milestones.get(decision["period_id"], {})
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
                "reason": codes.REASON_PLACED_CEASED.label(decision["reversed_reason"]) if reversed_on else None,
                "ffa": known.get("ffa"),
            },
        )


def adopter_rows(i: Inspection) -> Iterator[Row]:
    """Prospective adopters who enquired by the date: still in the process at the date, or matched, placed with,
    adopted or left in the twelve months to it."""
    households = list(Adopters.objects.filter(enquiry_on__lte=i.as_of).order_by("reference").values())
    decisions = list(
        AdoptionDecision.objects.filter(adopters__in=[h["id"] for h in households], matched_on__lte=i.as_of)
        .order_by("matched_on", "pk")
        .values("adopters_id", "period_id", "matched_on")
    )
    _, milestones = _adoption_facts(i, decisions)
    matches = _grouped(decisions, "adopters_id")
    for household in households:
        matched = matches.get(household["id"], [])
        placed = [p for p in (milestones.get(m["period_id"], {}).get("placed") for m in matched) if p]
        adopted = [a for a in (milestones.get(m["period_id"], {}).get("adopted") for m in matched) if a]
        left = i.by_date(household["left_on"])
        done = left or (max(adopted) if adopted and len(adopted) == len(matched) else None)
        if done is not None and not i.in_last_year(done):
            continue
        yield Row(
            {"la_child_id": household["reference"]},
            {
                "gender": ADOPTER_GENDER.get(household["sex"]),
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


@dataclass(frozen=True)
class Column:
    header: str
    cell: Callable[[Inspection, Row], Cell]


@dataclass(frozen=True)
class AnnexList:
    number: int
    title: str
    window: str
    columns: tuple[Column, ...]
    rows: Callable[[Inspection], Iterable[Row]] | None  # None: Lantern does not record this yet (headers only)

    @property
    def sheet(self) -> str:
        return f"List {self.number} - {self.title}"

    @property
    def headers(self) -> list[str]:
        return [column.header for column in self.columns]


def _c(header: str, value: str | Callable[[Inspection, Row], Cell]) -> Column:
    """A column from a row value's name, or from a function of the inspection and the row."""
    if isinstance(value, str):
        name = value
        return Column(header, lambda i, row: row.values.get(name))
    return Column(header, value)


CHILD_ID = _c("Child Unique ID", lambda i, r: r.child["la_child_id"])
PERSON = (
    CHILD_ID,
    _c("Gender", lambda i, r: GENDER.get(r.child["sex"])),
    _c("Ethnicity", lambda i, r: ETHNICITY.get(r.child["ethnicity"])),
    _c("Date of Birth", lambda i, r: r.child["date_of_birth"]),
    _c("Age of Child (Years)", lambda i, r: age_on(r.child["date_of_birth"], i.as_of)),
)
DISABILITY = _c("Does the Child have a Disability", lambda i, r: i.disability(r.child))
ALLOCATED = (
    _c("Allocated Team", lambda i, r: i.team(r.child)),
    _c("Allocated Worker", lambda i, r: i.worker(r.child)),
)

LISTS: tuple[AnnexList, ...] = (
    AnnexList(
        1,
        "Contacts",
        "Contacts received in the six months to the date",
        (*PERSON, _c("Date of Contact", "date"), _c("Contact Source", lambda i, r: SOURCE.get(r.source))),
        contact_rows,
    ),
    AnnexList(
        2,
        "Early help",
        "Early help assessments started or completed in the six months to the date",
        (
            *PERSON,
            _c("Assessment start date", "start"),
            _c("Assessment completion date", "completed"),
            _c("Organisation completing assessment", "organisation"),
        ),
        early_help_rows,
    ),
    AnnexList(
        3,
        "Referrals",
        "Referrals in the six months to the date",
        (
            *PERSON,
            _c("Date of referral", "referral_date"),
            _c("Referral Source", lambda i, r: SOURCE.get(r.referral_source)),
            _c("Referral NFA?", lambda i, r: yes_no(r.referral_nfa)),
            _c("Number of Referrals in Last 12 Months", "in_last_year"),
            *ALLOCATED,
        ),
        referral_rows,
    ),
    AnnexList(
        4,
        "Assessments",
        "Assessments open at any time in the six months to the date",
        (
            *PERSON,
            DISABILITY,
            _c("Continuous Assessment Start Date", "start"),
            _c("Child Seen During Continuous Assessment", "seen"),
            _c("Continuous Assessment Date of Authorisation", "authorised"),
            _c("Was the child assessed as requiring LA children's social care support?", "requires_support"),
            *ALLOCATED,
        ),
        assessment_rows,
    ),
    AnnexList(
        5,
        "Section 47",
        "Section 47 enquiries started in the six months to the date",
        (
            *PERSON,
            DISABILITY,
            _c("Strategy discussion initiating Section 47 Enquiry Start Date", "discussed"),
            _c("Was an Initial Child Protection Conference deemed unnecessary?", "not_required"),
            _c("Date of Initial Child Protection Conference", "icpc"),
            _c("Did the Initial Child Protection Conference Result in a Child Protection Plan", "plan"),
            _c("Number of Section 47 Enquiries in the last 12 months", "enquiries"),
            _c("Number of ICPCs in the last 12 months", "icpcs"),
            *ALLOCATED,
        ),
        section47_rows,
    ),
    AnnexList(
        6,
        "Children in need",
        "CIN episodes open at the date or closed in the six months to it (not referrals closed NFA)",
        (
            *PERSON,
            DISABILITY,
            _c("CIN Start Date", "start"),
            _c("Primary Need Code", "need"),
            _c("Date Child Was Last Seen", "last_seen"),
            _c("CIN Closure Date", "closed"),
            _c("Reason for Closure", "reason"),
            _c("Case Status", "status"),
            *ALLOCATED,
        ),
        cin_rows,
    ),
    AnnexList(
        7,
        "Child protection",
        "Child protection plans open at the date or ended in the six months to it",
        (
            *PERSON,
            DISABILITY,
            _c("Child Protection Plan Start Date", "start"),
            _c("Initial Category of Abuse", "initial"),
            _c("Latest Category of Abuse", "latest"),
            _c("Date of the Last Statutory Visit", "last_visit"),
            _c("Was the Child Seen Alone?", "seen_alone"),
            _c("Date of latest review conference", "last_review"),
            _c("Child Protection Plan End Date", "end"),
            _c(
                "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)",
                "protected",
            ),
            _c("Number of Previous Child Protection Plans", "previous"),
            *ALLOCATED,
        ),
        cp_rows,
    ),
    AnnexList(
        8,
        "Children in care",
        "Children in care at the date, and those who ceased to be looked after in the six months to it",
        (
            *PERSON,
            _c("Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)", "uasc"),
            DISABILITY,
            _c("Date Started to be Looked After", "start"),
            _c("Child's Category of Need", "need"),
            _c(
                "Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)",
                "again",
            ),
            _c("Start date of current legal status", "status_start"),
            _c("Child's Legal Status", "status"),
            _c("Date of Latest Statutory Review", "last_review"),
            _c("Date of Last Social Work Visit", "last_visit"),
            _c("What is the permanence plan for this child?", "permanence"),
            _c("Date of Last IRO Visit / Contact to the Child", "last_iro"),
            _c("Date of Last Health Assessment", "last_health"),
            _c("Date of Last Dental Check", "last_dental"),
            _c("Number of Placements in the Last 12 months", "placements"),
            _c("Date Ceased to be Looked After", "ended"),
            _c("Reason Ceased to be Looked After", "reason"),
            _c("Start Date of Most Recent Placement", "placement_start"),
            _c("Placement Type", "placement"),
            _c("Placement Provider", "provider"),
            _c("Placement postcode", "postcode"),
            _c("URN of Placement", "urn"),
            _c("Placement Location", "location"),
            _c("LA of Placement", "la"),
            _c("Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months", "missing"),
            _c("Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months", "absent"),
            _c("Was the child offered a Return Interview after their last missing episode (Y/N)?", "offered"),
            _c("Did the child accept a Return Interview after their last missing episode (Y/N)?", "accepted"),
            *ALLOCATED,
        ),
        cla_rows,
    ),
    AnnexList(
        9,
        "Care leavers",
        "Care leavers at the date",
        (
            *PERSON,
            _c("Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)", "uasc"),
            DISABILITY,
            *ALLOCATED,
            _c("Allocated Personal Advisor", lambda i, r: i.worker(r.child, Allocation.Role.PERSONAL_ADVISER)),
            _c("Eligibility Category", "eligibility"),
            _c("Latest Pathway Plan Review Date", "last_review"),
            _c("LA in Touch", "in_touch"),
            _c("Latest Date of Contact", "last_contact"),
            _c("Type of Accommodation", "accommodation"),
            _c("Suitability of Accommodation", "suitable"),
            _c("Activity Status", "activity"),
        ),
        care_leaver_rows,
    ),
    AnnexList(
        10,
        "Adoption",
        "Decisions to place for adoption in force at the date, or ended by adoption or reversal in the 12 months",
        (
            CHILD_ID,
            _c("Family identifier", "family"),
            *PERSON[1:],
            DISABILITY,
            _c("Date the Child Entered Care", "entered"),
            _c("Date of Decision that Child Should be Placed for Adoption", "decided"),
            _c("Date of Placement Order", "order"),
            _c("Date of Matching Child and Prospective Adopters", "matched"),
            _c("Date Placed for Adoption", "placed"),
            _c("Date of Adoption Order", "adopted"),
            _c("Date of Decision that Child Should No Longer be Placed for Adoption", "reversed"),
            _c("Reason Why Child No Longer Placed for Adoption", "reason"),
            _c("Date the child was placed for fostering in FFA or concurrent planning placement", "ffa"),
        ),
        adoption_rows,
    ),
    # One row per adoptive household (Lantern records adopters as a household, not each adopter); ethnicity and
    # disability of adopters are not recorded, and a couple has no one gender.
    AnnexList(
        11,
        "Adopters",
        "Prospective adopters in the process at the date, or matched, placed, adopted or left in the 12 months",
        (
            _c("Individual adopter identifier", lambda i, r: r.child["la_child_id"]),
            _c("Family identifier", lambda i, r: r.child["la_child_id"]),
            _c("Gender", "gender"),
            _c("Ethnicity", lambda i, r: None),
            _c("Disability", lambda i, r: None),
            _c("Is the (prospective) adopter fostering for adoption?", "ffa"),
            _c("Date enquiry received", "enquiry"),
            _c("Date Stage 1 started", "stage_one_start"),
            _c("Date Stage 1 ended", "stage_one_end"),
            _c("Date Stage 2 started", "stage_two_start"),
            _c("Date Stage 2 ended", "stage_two_end"),
            _c("Date application submitted", "application"),
            _c("Date application approved", "approved"),
            _c("Date adopter matched with child(ren)", "matched"),
            _c("Date child/children placed with adopter(s)", "placed"),
            _c("No. of children placed", "children"),
            _c("Date of Adoption Order", "adopted"),
            _c("Date of leaving adoption process", "left"),
            _c("Reason for leaving adoption process", "left_reason"),
        ),
        adopter_rows,
    ),
)


def list_rows(annex_list: AnnexList, inspection: Inspection) -> Iterator[list[Cell]]:
    """A list's rows as cells, in column order (what the workbook holds, and what tests check)."""
    if annex_list.rows is None:
        return
    for row in annex_list.rows(inspection):
        yield [column.cell(inspection, row) for column in annex_list.columns]


def export_annex_a(as_of: date, output: IO[bytes]) -> ExportSummary:
    """Write Annex A for an inspection on `as_of` to a binary stream as an xlsx workbook."""
    summary = ExportSummary(f"Annex A as at {as_of:%d/%m/%Y}")
    workbook = xlsxwriter.Workbook(
        output,
        {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False},
    )
    bold = workbook.add_format({"bold": True})
    dated = workbook.add_format({"num_format": "dd/mm/yyyy"})
    inspection = Inspection(as_of)
    for annex_list in LISTS:
        sheet = workbook.add_worksheet(annex_list.sheet)
        for column, header in enumerate(annex_list.headers):
            sheet.write_string(0, column, header, bold)
        count = 0
        for count, cells in enumerate(list_rows(annex_list, inspection), start=1):
            for column, value in enumerate(cells):
                if value is None:
                    continue
                if isinstance(value, date):
                    sheet.write_datetime(count, column, datetime.combine(value, datetime.min.time()), dated)
                elif isinstance(value, int):
                    sheet.write_number(count, column, value)
                else:
                    sheet.write_string(count, column, str(safe_cell(str(value))))
        summary.counts[annex_list.sheet] = count
    workbook.close()
    return summary
