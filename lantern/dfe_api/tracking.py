"""Who is pending for the DfE and why: the cohort's payloads now against what the DfE last accepted."""

from dataclasses import dataclass, field
from datetime import date

from lantern.dfe_api.delta import delta
from lantern.dfe_api.models import ChildSubmission
from lantern.dfe_api.selectors import cohort_ids, payloads
from lantern.dfe_api.spec import Payload, payload_hash, purge_record


@dataclass
class Pending:
    la_child_id: str
    reason: str  # new, changed, purge
    payload: Payload  # what would be sent: whole, partial or a purge
    full: Payload | None  # the full payload now (None for a purge): what the DfE holds once this is accepted
    full_hash: str
    changes: list[str] = field(default_factory=list)
    last_error: str = ""


def pending(today: date) -> list[Pending]:
    """Every child whose payload differs from what the DfE last accepted, and every child sent before who has
    left the cohort, ordered by LA child id."""
    sent = {s.la_child_id: s for s in ChildSubmission.objects.all()}
    in_cohort = cohort_ids(today)
    result: list[Pending] = []
    seen: set[str] = set()
    for _child_id, full in payloads(in_cohort):
        la_id = full["la_child_id"]
        seen.add(la_id)
        digest = payload_hash(full)
        previous = sent.get(la_id)
        if previous is None or previous.purged or not previous.sent_hash:
            result.append(Pending(la_id, "new", full, full, digest, ["whole record"], _error(previous)))
        elif previous.sent_hash != digest:
            change = delta(full, previous.sent_payload or {})
            result.append(Pending(la_id, "changed", change.payload, full, digest, change.changes, previous.error))
    for la_id, previous in sent.items():
        if la_id not in seen and not previous.purged and previous.sent_hash:
            result.append(
                Pending(la_id, "purge", purge_record(la_id, previous.mis_child_id), None, "", ["left the cohort"],
                        previous.error)
            )  # fmt: skip
    return sorted(result, key=lambda p: p.la_child_id)


def _error(previous: ChildSubmission | None) -> str:
    return previous.error if previous else ""
