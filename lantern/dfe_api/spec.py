"""The DfE children's social care child-level API payload, spec v0.8 (docs/domain/dfe-api.md).

Everything that knows the shape of the payload is here, so a later spec version is one change: the blocks, their
id fields, which blocks may carry `purge`, and `child_record`, which turns one child's rows (read in bulk by
`selectors.cohort_rows`) into the JSON the DfE takes. Values are plain JSON (dates as YYYY-MM-DD, codes as the
DfE's), lists sorted by their id, so that the same record always gives the same payload and the same hash.
"""

import hashlib
import json
from datetime import date
from typing import Any

SPEC_VERSION = "0.8"
BATCH_SIZE = 100

# The fields every partial payload carries, whatever changed.
REQUIRED = ("la_child_id", "mis_child_id", "child_details")

# Lists of items with a stable id: the DfE matches a later delta's item to an earlier one by it.
ITEM_IDS = {
    "social_care_episodes": "social_care_episode_id",
    "child_and_family_assessments": "child_and_family_assessment_id",
    "child_in_need_plans": "child_in_need_plan_id",
    "section_47_assessments": "section_47_assessment_id",
    "child_protection_plans": "child_protection_plan_id",
    "child_looked_after_placements": "child_looked_after_placement_id",
}
# Single blocks inside an episode (or the child) that are sent whole when any field of theirs changes.
WHOLE_BLOCKS = ("health_and_wellbeing", "adoption", "care_leavers")

Payload = dict[str, Any]


def iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def payload_hash(payload: Payload) -> str:
    """The hash of a payload as canonical JSON: equal payloads, equal hashes, whatever the dict order."""
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def purge_record(la_child_id: str, mis_child_id: str) -> Payload:
    """A child who has left the cohort: the DfE deletes what it holds."""
    return {"la_child_id": la_child_id, "mis_child_id": mis_child_id, "purge": True}


def child_record(rows: dict[str, Any]) -> Payload:
    """One child's full payload from their bulk-read rows (see `selectors.ChildRows`)."""
    child = rows["child"]
    record: Payload = {
        "la_child_id": child["la_child_id"],
        "mis_child_id": str(child["id"]),
        "child_details": {
            "unique_pupil_number": child["upn"] or None,
            "former_unique_pupil_number": child["former_upn"] or None,
            "unique_pupil_number_unknown_reason": child["upn_unknown"] or None,
            "first_name": child["first_name"],
            "surname": child["last_name"],
            "date_of_birth": iso(child["date_of_birth"]),
            "expected_date_of_birth": iso(child["expected_date_of_birth"]),
            "sex": child["sex"],
            "ethnicity": child["ethnicity"],
            "disabilities": sorted(rows["disabilities"]),
            "postcode": rows["postcode"],
            "uasc_flag": bool(child["uasc"]),
            "uasc_end_date": iso(child["uasc_ceased_date"]),
        },
        "health_and_wellbeing": {
            "sdq_assessments": [{"date": iso(day), "score": score} for day, score in rows["sdq"]],
        },
        "social_care_episodes": [_episode(episode) for episode in rows["episodes"]],
    }
    return record


def _episode(ep: dict[str, Any]) -> Payload:
    referral = ep["referral"]
    episode: Payload = {
        "social_care_episode_id": str(referral["id"]),
        "referral_date": iso(referral["referral_date"]),
        "referral_source": referral["referral_source"],
        "referral_no_further_action_flag": bool(referral["referral_nfa"]),
        "closure_date": iso(referral["closure_date"]),
        "closure_reason": referral["reason_for_closure"] or None,
        "care_worker_details": [
            {"worker_id": worker_id, "start_date": iso(start), "end_date": iso(end)}
            for worker_id, start, end in ep["workers"]
        ],
        "child_and_family_assessments": [
            {
                "child_and_family_assessment_id": str(a["id"]),
                "start_date": iso(a["start_date"]),
                "authorisation_date": iso(a["authorised_date"]),
                "factors": sorted(a["factors"]),
            }
            for a in ep["assessments"]
        ],
        "child_in_need_plans": [
            {"child_in_need_plan_id": str(p["id"]), "start_date": iso(p["start_date"]), "end_date": iso(p["end_date"])}
            for p in ep["cin_plans"]
        ],
        "section_47_assessments": [
            {
                "section_47_assessment_id": str(s["id"]),
                "start_date": iso(s["start_date"]),
                "icpc_required_flag": not s["icpc_not_required"],
                "icpc_date": iso(s["icpc_date"]),
                "end_date": iso(s["end_date"]),
            }
            for s in ep["section47"]
        ],
        "child_protection_plans": [
            {
                "child_protection_plan_id": str(p["id"]),
                "start_date": iso(p["start_date"]),
                "end_date": iso(p["end_date"]),
            }
            for p in ep["cp_plans"]
        ],
        "child_looked_after_placements": [
            {
                "child_looked_after_placement_id": str(e["id"]),
                "start_date": iso(e["start_date"]),
                "start_reason": e["reason_new_episode"],
                "placement_type": e["placement_type"],
                "postcode": e["placement_postcode"] or None,
                "end_date": iso(e["end_date"]),
                "end_reason": e["reason_ceased"] or None,
                "change_reason": e["reason_place_change"] or None,
            }
            for e in ep["placements"]
        ],
    }
    if ep["adoption"]:
        episode["adoption"] = {
            "initial_decision_date": iso(ep["adoption"]["decided_on"]),
            "matched_date": iso(ep["adoption"]["matched_on"]),
            "placed_date": iso(ep["adoption"]["placed_on"]),
        }
    if ep["care_leaver"]:
        episode["care_leavers"] = {
            "contact_date": iso(ep["care_leaver"]["contact_date"]),
            "activity": ep["care_leaver"]["activity"] or None,
            "accommodation": ep["care_leaver"]["accommodation"] or None,
        }
    return episode
