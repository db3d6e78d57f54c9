"""Bulk reads for the DfE API: the cohort and every row its payloads need, in a fixed number of queries per chunk
of children (never a query per child)."""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from django.db.models import Q

from lantern.care.models import AdoptionDecision, CareEpisode, CarePeriod, StrengthsAndDifficulties
from lantern.core import codes
from lantern.dfe_api.spec import Payload, child_record
from lantern.journey.models import (
    Assessment,
    AssessmentFactor,
    ChildProtectionConference,
    CINPlan,
    ConferenceKind,
    CPPlan,
    Referral,
    Section47Enquiry,
)
from lantern.leaving_care.models import CareLeaver, CareLeaverContact
from lantern.people.models import Address, Child, ChildDisability
from lantern.workforce.models import Allocation, AllocationRole

CHUNK = 500


def cohort_start(today: date) -> date:
    """The cohort is every child open to social care on or after 1 April of the previous collection year: the
    window the DfE's early adopters send (this year's and last year's returns, child by child)."""
    year = today.year if today >= date(today.year, 4, 1) else today.year - 1
    return date(year - 1, 4, 1)


def cohort_ids(today: date) -> set[int]:
    """Ids of the children in the cohort on `today`: a CIN episode, a period of care or care-leaver status open on
    or after the cohort's start (care leavers stay in while Lantern keeps them)."""
    start = cohort_start(today)
    open_since = Q(closure_date__isnull=True) | Q(closure_date__gte=start)
    ids = set(Referral.objects.filter(open_since, referral_date__lte=today).values_list("child_id", flat=True))
    in_care = Q(end_date__isnull=True) | Q(end_date__gte=start)
    ids |= set(CarePeriod.objects.filter(in_care, start_date__lte=today).values_list("child_id", flat=True))
    ids |= set(CareLeaver.objects.values_list("child_id", flat=True))
    return ids


def payloads(child_ids: Iterable[int]) -> Iterator[tuple[int, Payload]]:
    """(child id, full payload) for each child, in chunks: the same number of queries per chunk, whatever the
    number of records each child has."""
    ordered = sorted(child_ids)
    for start in range(0, len(ordered), CHUNK):
        chunk = ordered[start : start + CHUNK]
        for child_id, rows in _rows(chunk).items():
            yield child_id, child_record(rows)


def _by_child(rows: Iterable[dict]) -> dict[int, list[dict]]:
    grouped: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        grouped[row["child_id"]].append(row)
    return grouped


def _within(ids: list[int], field: str = "child_id") -> Q:
    """The chunk's children: a range when the ids are dense (a long IN list costs more to build than the query),
    the ids themselves when they are sparse (a few changed children)."""
    if ids[-1] - ids[0] < 4 * len(ids):
        return Q(**{f"{field}__gte": ids[0], f"{field}__lte": ids[-1]})
    return Q(**{f"{field}__in": ids})


def _rows(ids: list[int]) -> dict[int, dict[str, Any]]:
    children = Child.objects.filter(_within(ids, "id")).values(
        "id", "la_child_id", "upn", "former_upn", "upn_unknown", "first_name", "last_name", "date_of_birth",
        "expected_date_of_birth", "sex", "ethnicity", "uasc", "uasc_ceased_date",
    )  # fmt: skip
    disabilities = _by_child(ChildDisability.objects.filter(_within(ids)).values("child_id", "code"))
    addresses = _by_child(
        Address.objects.filter(_within(ids)).order_by("start_date", "id").values("child_id", "postcode", "end_date")
    )
    sdq = _by_child(
        StrengthsAndDifficulties.objects.filter(_within(ids), score__isnull=False)
        .order_by("completed_on", "id")
        .values("child_id", "completed_on", "score")
    )
    referrals = _by_child(
        Referral.objects.filter(_within(ids))
        .order_by("referral_date", "id")
        .values("id", "child_id", "referral_date", "referral_source", "referral_nfa", "closure_date",
                "reason_for_closure")
    )  # fmt: skip
    workers = _by_child(
        Allocation.objects.filter(_within(ids), role=AllocationRole.SOCIAL_WORKER)
        .order_by("start_date", "id")
        .values("child_id", "worker_id", "worker__registration_number", "start_date", "end_date")
    )
    assessments = _by_child(
        Assessment.objects.filter(_within(ids))
        .order_by("id")
        .values("id", "child_id", "referral_id", "start_date", "authorised_date")
    )
    factors: dict[int, list[str]] = defaultdict(list)
    for assessment_id, code in AssessmentFactor.objects.filter(_within(ids, "assessment__child_id")).values_list(
        "assessment_id", "code"
    ):
        factors[assessment_id].append(code)
    cin_plans = _by_child(
        CINPlan.objects.filter(_within(ids)).order_by("id").values("id", "child_id", "referral_id", "start_date",
                                                                        "end_date")
    )  # fmt: skip
    section47 = _by_child(
        Section47Enquiry.objects.filter(_within(ids))
        .order_by("id")
        .values("id", "child_id", "referral_id", "start_date", "end_date", "icpc_not_required")
    )
    icpc_dates = dict(
        ChildProtectionConference.objects.filter(_within(ids), kind=ConferenceKind.INITIAL, section47__isnull=False)
        .order_by("held_on")
        .values_list("section47_id", "held_on")
    )
    cp_plans = _by_child(
        CPPlan.objects.filter(_within(ids)).order_by("id").values("id", "child_id", "referral_id", "start_date",
                                                                       "end_date")
    )  # fmt: skip
    placements = _by_child(
        CareEpisode.objects.filter(_within(ids))
        .order_by("start_date", "id")
        .values("id", "child_id", "start_date", "reason_new_episode", "placement_type", "placement_postcode",
                "end_date", "reason_ceased", "reason_place_change")
    )  # fmt: skip
    adoptions = _by_child(
        AdoptionDecision.objects.filter(_within(ids))
        .order_by("decided_on", "id")
        .values("child_id", "decided_on", "matched_on", "reversed_on")
    )
    leaver_contacts = _by_child(
        CareLeaverContact.objects.filter(_within(ids))
        .order_by("contact_date", "id")
        .values("child_id", "contact_date", "activity", "accommodation")
    )
    out = {}
    wanted = set(ids)
    for child in children:
        cid = child["id"]
        if cid not in wanted:
            continue
        current = [a for a in addresses.get(cid, []) if a["end_date"] is None] or addresses.get(cid, [])
        episodes = _episodes(
            referrals.get(cid, []),
            workers=workers.get(cid, []),
            assessments=[{**a, "factors": factors.get(a["id"], [])} for a in assessments.get(cid, [])],
            cin_plans=cin_plans.get(cid, []),
            section47=[{**s, "icpc_date": icpc_dates.get(s["id"])} for s in section47.get(cid, [])],
            cp_plans=cp_plans.get(cid, []),
            placements=placements.get(cid, []),
            adoptions=adoptions.get(cid, []),
            leaver_contacts=leaver_contacts.get(cid, []),
        )
        out[cid] = {
            "child": child,
            "disabilities": [d["code"] for d in disabilities.get(cid, [])],
            "postcode": current[-1]["postcode"] if current else None,
            "sdq": [(s["completed_on"], s["score"]) for s in sdq.get(cid, [])],
            "episodes": episodes,
        }
    return out


def _episode_for(referrals: list[dict], day: date) -> dict | None:
    """The CIN episode a dated item belongs to: the latest referral on or before the day (else the first)."""
    before = [r for r in referrals if r["referral_date"] <= day]
    return before[-1] if before else (referrals[0] if referrals else None)


def _episodes(referrals: list[dict], **items: list[dict]) -> list[dict]:
    episodes = {
        r["id"]: {
            "referral": r,
            "workers": [],
            "assessments": [],
            "cin_plans": [],
            "section47": [],
            "cp_plans": [],
            "placements": [],
            "adoption": None,
            "care_leaver": None,
        }
        for r in referrals
    }
    if not episodes:
        return []
    for kind in ("assessments", "cin_plans", "section47", "cp_plans"):
        for item in items[kind]:
            episodes[item["referral_id"]][kind].append(item)
    for allocation in items["workers"]:
        owner = _episode_for(referrals, allocation["start_date"])
        worker_id = allocation["worker__registration_number"] or str(allocation["worker_id"])
        episodes[owner["id"]]["workers"].append((worker_id, allocation["start_date"], allocation["end_date"]))
    for placement in items["placements"]:
        episodes[_episode_for(referrals, placement["start_date"])["id"]]["placements"].append(placement)
    live = [a for a in items["adoptions"] if a["reversed_on"] is None]
    if live:
        decision = live[-1]
        owner = _episode_for(referrals, decision["decided_on"])
        placed = [
            p["start_date"]
            for p in episodes[owner["id"]]["placements"]
            if p["placement_type"] in codes.PLACED_FOR_ADOPTION and p["start_date"] >= decision["decided_on"]
        ]
        episodes[owner["id"]]["adoption"] = {**decision, "placed_on": placed[0] if placed else None}
    if items["leaver_contacts"]:
        latest = items["leaver_contacts"][-1]
        episodes[referrals[-1]["id"]]["care_leaver"] = latest
    return list(episodes.values())
