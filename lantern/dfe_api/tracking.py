"""Who is pending for the DfE and why.

Each cohort child's payload hash is kept (`PayloadState`), worked out again whole each night and before a send, and
for only the children whose records were saved since in between; pending is then a query: a state whose hash is
not the one the DfE last accepted (new or changed), or a child the DfE holds who has no state (left the cohort:
purge). The payloads themselves, and what changed field by field, are built only for the children asked about.
"""

import time
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from lantern.care.models import AdoptionDecision, CareEpisode, CarePeriod, StrengthsAndDifficulties
from lantern.core.writing import service
from lantern.dfe_api.delta import delta
from lantern.dfe_api.models import ChildSubmission, PayloadRefresh, PayloadState
from lantern.dfe_api.selectors import cohort_ids, payloads
from lantern.dfe_api.spec import Payload, payload_hash, purge_record
from lantern.journey.models import (
    Assessment,
    ChildProtectionConference,
    CINPlan,
    CPPlan,
    Referral,
    Section47Enquiry,
)
from lantern.leaving_care.models import CareLeaver, CareLeaverContact
from lantern.people.models import Address, Child
from lantern.workforce.models import Allocation

# Every record a payload reads that carries an updated-at (disabilities and factors are saved with their parent).
SOURCES = (
    Address, StrengthsAndDifficulties, Referral, Allocation, Assessment, CINPlan, Section47Enquiry,
    ChildProtectionConference, CPPlan, CarePeriod, CareEpisode, AdoptionDecision, CareLeaver, CareLeaverContact,
)  # fmt: skip


@dataclass
class Pending:
    la_child_id: str
    reason: str  # new, changed, purge
    payload: Payload  # what would be sent: whole, partial or a purge
    full: Payload | None  # the full payload now (None for a purge): what the DfE holds once this is accepted
    full_hash: str
    changes: list[str] = field(default_factory=list)
    last_error: str = ""


@service
def refresh_states(
    today: date, *, only: set[int] | None = None, keep: dict[int, Payload] | None = None
) -> PayloadRefresh:
    """Work out the payload hashes of the whole cohort (`only=None`) or of these children, as of `today`.
    `keep` collects the payloads that differ from what the DfE last accepted (so a send builds each once)."""
    started, clock = timezone.now(), time.perf_counter()
    cohort = cohort_ids(today)
    ids = cohort if only is None else cohort & only
    held = PayloadState.objects.all() if only is None else PayloadState.objects.filter(child_id__in=only)
    existing = {child_id: (pk, digest) for child_id, pk, digest in held.values_list("child_id", "id", "payload_hash")}
    stale = [child_id for child_id in existing if child_id not in ids]  # left the cohort
    for start in range(0, len(stale), 500):
        PayloadState.objects.filter(child_id__in=stale[start : start + 500]).delete()
    new, changed = [], []
    accepted = dict(ChildSubmission.objects.filter(purged=False).values_list("la_child_id", "sent_hash")) if (
        keep is not None
    ) else {}  # fmt: skip
    for child_id, payload in payloads(ids):
        digest = payload_hash(payload)
        if keep is not None and accepted.get(payload["la_child_id"]) != digest:
            keep[child_id] = payload
        if child_id not in existing:
            new.append(PayloadState(child_id=child_id, la_child_id=payload["la_child_id"], payload_hash=digest,
                                    built_at=started))  # fmt: skip
        elif existing[child_id][1] != digest:
            pk = existing[child_id][0]
            changed.append(PayloadState(id=pk, child_id=child_id, la_child_id=payload["la_child_id"],
                                        payload_hash=digest, built_at=started))  # fmt: skip
    PayloadState.objects.bulk_create(new, batch_size=500)
    PayloadState.objects.bulk_update(changed, ["la_child_id", "payload_hash", "built_at"], batch_size=500)
    return PayloadRefresh.objects.create(
        started_at=started,
        finished_at=timezone.now(),
        today=today,
        whole=only is None,
        children=len(ids),
        seconds=round(time.perf_counter() - clock, 2),
    )


def changed_since(moment: datetime) -> set[int]:
    """Children any of whose payload's records were saved at or after `moment` (one query per kind)."""
    changed = set(Child.objects.filter(updated_at__gte=moment).values_list("pk", flat=True))
    for model in SOURCES:
        changed.update(model.objects.filter(updated_at__gte=moment).values_list("child_id", flat=True))
    return changed


def last_whole_refresh(today: date) -> PayloadRefresh | None:
    return PayloadRefresh.objects.filter(whole=True, today=today).first()


def bring_up_to_date(today: date) -> PayloadRefresh | None:
    """The states made current for the children saved since the last refresh; None when today has no whole
    refresh yet (the caller queues one: a whole cohort is too long to work out while a page waits)."""
    if last_whole_refresh(today) is None:
        return None
    last = PayloadRefresh.objects.filter(today=today).first()
    changed = changed_since(last.started_at)
    if not changed:
        return last
    return refresh_states(today, only=changed)


def _sent() -> QuerySet:
    return ChildSubmission.objects.filter(la_child_id=OuterRef("la_child_id"), purged=False).exclude(sent_hash="")


def pending_states() -> QuerySet:
    """States that differ from what the DfE last accepted, each with its `sent_hash` (None: new)."""
    return (
        PayloadState.objects.annotate(sent_hash=Subquery(_sent().values("sent_hash")[:1]))
        .filter(Q(sent_hash__isnull=True) | ~Q(payload_hash=F("sent_hash")))
        .order_by("la_child_id")
    )


def purges() -> QuerySet:
    """Children the DfE holds who are no longer in the cohort."""
    has_state = PayloadState.objects.filter(la_child_id=OuterRef("la_child_id"))
    return (
        ChildSubmission.objects.filter(purged=False).exclude(sent_hash="").filter(~Exists(has_state))
        .order_by("la_child_id")
    )  # fmt: skip


def counts() -> dict[str, int]:
    states = pending_states()
    return {
        "new": states.filter(sent_hash__isnull=True).count(),
        "changed": states.filter(sent_hash__isnull=False).count(),
        "purge": purges().count(),
    }


def explain(la_child_ids: list[str], *, built: dict[int, Payload] | None = None) -> list[Pending]:
    """The pending items for these children (new and changed from their states, purges from the DfE's side),
    with their payloads and what changed field by field, built for these children only."""
    states = {s.la_child_id: s for s in pending_states().filter(la_child_id__in=la_child_ids)}
    sent = {s.la_child_id: s for s in ChildSubmission.objects.filter(la_child_id__in=la_child_ids)}
    if built is None:
        built = dict(payloads([s.child_id for s in states.values()]))
    items = []
    for la_id in la_child_ids:
        previous = sent.get(la_id)
        state = states.get(la_id)
        error = previous.error if previous else ""
        if state is None:
            if previous is not None and not previous.purged and previous.sent_hash:
                purge = purge_record(la_id, previous.mis_child_id)
                items.append(Pending(la_id, "purge", purge, None, "", ["left the cohort"], error))
            continue
        full = built[state.child_id]
        digest = payload_hash(full)
        if state.sent_hash is None:
            items.append(Pending(la_id, "new", full, full, digest, ["whole record"], error))
        else:
            change = delta(full, previous.sent_payload or {})
            items.append(Pending(la_id, "changed", change.payload, full, digest, change.changes, error))
    return items


def pending(today: date) -> list[Pending]:
    """Every pending child as of `today`, after working out the whole cohort again (the command and the send)."""
    built: dict[int, Payload] = {}
    refresh_states(today, keep=built)
    ids = list(pending_states().values_list("la_child_id", flat=True))
    ids += list(purges().values_list("la_child_id", flat=True))
    return sorted(explain(ids, built=built), key=lambda p: p.la_child_id)
