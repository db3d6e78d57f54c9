from datetime import date

from lantern.core.dates import day_label
from lantern.core.services import Refusal, local_today, save_checked
from lantern.core.writing import service
from lantern.people.models import Child
from lantern.workforce.models import WORKER_CHANGE_REASONS, Allocation, Worker

WORKER_CHANGE_REASON_CODES = {code for code, _ in WORKER_CHANGE_REASONS}


def _check_allocation(refusal: Refusal, *, worker: Worker, start_date: date, today: date) -> None:
    refusal.not_in_future("start_date", start_date, "Allocation date", today=today)
    if worker.end_date is not None and worker.end_date < start_date:
        refusal.add("worker", f"{worker.full_name} left on {day_label(worker.end_date)} and cannot be allocated")


@service
def child_allocate(
    *,
    by,
    child: Child,
    worker: Worker,
    role: str,
    start_date: date,
    end_reason: str = "",
    reason_required: bool = False,
    today: date | None = None,
) -> Allocation:
    """Allocate a worker to a child (in the worker's team), ending the previous allocation in that role that day.

    `end_reason` is why the previous worker's episode ended (SSDA903 SW_REASON); the allocation page requires it
    for a transfer (`reason_required`), an import or the demo may leave it to default to "Other"."""
    today = today or local_today()
    refusal = Refusal()
    _check_allocation(refusal, worker=worker, start_date=start_date, today=today)
    if worker.end_date is not None and worker.end_date < today and "worker" not in refusal.errors:
        refusal.add("worker", f"{worker.full_name} left on {day_label(worker.end_date)} and cannot be allocated")
    if role not in Allocation.Role.values:
        refusal.add("role", f"Role {role!r} is not one of the choices")
    if end_reason and end_reason not in WORKER_CHANGE_REASON_CODES:
        refusal.add("end_reason", f"Reason {end_reason!r} is not a recognised SW_REASON code")
    current = Allocation.objects.select_for_update().filter(child=child, role=role, end_date__isnull=True).first()
    if current is not None:
        refusal.not_before("start_date", start_date, current.start_date, "Allocation date", "the current allocation")
        if current.worker_id == worker.pk:
            refusal.add("worker", f"{worker.full_name} is already allocated to {child.full_name}")
        if reason_required and not end_reason:
            refusal.add("end_reason", f"Select why {current.worker.full_name}'s allocation is ending")
    refusal.raise_if_any()
    if current is not None:
        current.end_date = start_date
        current.end_reason = end_reason or "OTHERS"
        save_checked(current, by=by)
    return save_checked(
        Allocation(child=child, worker=worker, team=worker.team, role=role, start_date=start_date), by=by
    )


@service
def allocation_from_return(*, by, record: Allocation, today: date | None = None) -> Allocation:
    """An allocation as a return has it (SSDA903 SWEpisodes: its start and end given): the allocation form's rules."""
    today = today or local_today()
    refusal = Refusal()
    _check_allocation(refusal, worker=record.worker, start_date=record.start_date, today=today)
    refusal.not_in_future("end_date", record.end_date, "Date the allocation ended", today=today)
    refusal.raise_if_any()
    return save_checked(record, by=by)


@service
def allocation_end(
    *, by, allocation: Allocation, end_date: date, end_reason: str, today: date | None = None
) -> Allocation:
    """End an allocation with no worker taking over (the case closes, or it waits for a worker): SW_REASON says why."""
    today = today or local_today()
    refusal = Refusal()
    refusal.not_in_future("end_date", end_date, "Date the allocation ended", today=today)
    refusal.not_before(
        "end_date", end_date, allocation.start_date, "Date the allocation ended",
        f"the date it started, {day_label(allocation.start_date)}",
    )  # fmt: skip
    if allocation.end_date is not None:
        refusal.add("end_date", f"This allocation already ended on {day_label(allocation.end_date)}")
    if end_reason not in WORKER_CHANGE_REASON_CODES:
        refusal.add("end_reason", "Select why the allocation is ending")
    refusal.raise_if_any()
    allocation.end_date = end_date
    allocation.end_reason = end_reason
    return save_checked(allocation, by=by)
