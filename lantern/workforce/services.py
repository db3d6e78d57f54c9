from datetime import date

from lantern.core.services import Refusal, local_today, save_checked
from lantern.core.writing import service
from lantern.people.models import Child
from lantern.workforce.models import Allocation, Worker


def _check_allocation(refusal: Refusal, *, worker: Worker, start_date: date, today: date) -> None:
    refusal.not_in_future("start_date", start_date, "Allocation date", today=today)
    if worker.end_date is not None and worker.end_date < start_date:
        refusal.add("worker", f"{worker.full_name} left on {worker.end_date:%d/%m/%Y} and cannot be allocated")


@service
def child_allocate(
    *, by, child: Child, worker: Worker, role: str, start_date: date, end_reason: str = "", today: date | None = None
) -> Allocation:
    """Allocate a worker to a child, ending the previous allocation in that role the day before."""
    today = today or local_today()
    refusal = Refusal()
    _check_allocation(refusal, worker=worker, start_date=start_date, today=today)
    current = Allocation.objects.select_for_update().filter(child=child, role=role, end_date__isnull=True).first()
    if current is not None:
        refusal.not_before("start_date", start_date, current.start_date, "Allocation date", "the current allocation")
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
