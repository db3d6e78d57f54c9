from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from lantern.core.dates import day_label
from lantern.core.services import Refusal, local_today, save_checked
from lantern.core.writing import service
from lantern.people.models import Child
from lantern.workforce.models import (
    WORKER_CHANGE_REASONS,
    Absence,
    Allocation,
    Post,
    Supervision,
    SupervisionAction,
    SupervisionDiscussion,
    Team,
    Worker,
    WorkerRole,
)

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


def _check_fte(refusal: Refusal, fte: Decimal | None) -> None:
    if fte is None or not (Decimal(0) < Decimal(fte) <= Decimal(1)):
        refusal.add("fte", "Full-time equivalent must be more than 0 and no more than 1, for example 0.5")


def _check_holder(refusal: Refusal, worker: Worker | None, *, post: Post | None, team: Team) -> None:
    if worker is None:
        return
    other = Post.objects.filter(worker=worker).exclude(pk=post.pk if post else None).select_related("team").first()
    if other is not None:
        refusal.add(
            "worker", f"{worker.full_name} already fills a {other.get_grade_display().lower()} post in {other.team}"
        )
    if worker.end_date is not None and worker.end_date < local_today():
        refusal.add("worker", f"{worker.full_name} left on {day_label(worker.end_date)} and cannot fill a post")


@service
def post_create(
    *, by, team: Team, grade: str, fte: Decimal, worker: Worker | None = None, vacant_since: date | None = None
) -> Post:
    """Add a post to a team's establishment: held by a worker, or vacant since a day."""
    refusal = Refusal()
    refusal.code("grade", grade, WorkerRole.values, "Grade")
    _check_fte(refusal, fte)
    _check_holder(refusal, worker, post=None, team=team)
    if worker is None and vacant_since is None:
        refusal.add("vacant_since", "Enter the date the post became vacant, or choose who fills it")
    refusal.not_in_future("vacant_since", vacant_since, "Date the post became vacant", today=local_today())
    refusal.raise_if_any()
    return save_checked(Post(team=team, grade=grade, fte=fte, worker=worker, vacant_since=vacant_since), by=by)


@service
def post_fill(*, by, post: Post, worker: Worker | None, vacant_since: date | None = None) -> Post:
    """Fill a post (a permanent holder ends its vacancy; an agency worker covers it) or leave it vacant."""
    refusal = Refusal()
    if worker is not None and post.worker_id is not None and post.worker_id != worker.pk:
        refusal.add("worker", f"This post is already filled by {post.worker.full_name}: end that first")
    _check_holder(refusal, worker, post=post, team=post.team)
    if worker is None and vacant_since is None:
        refusal.add("vacant_since", "Enter the date the post became vacant")
    refusal.not_in_future("vacant_since", vacant_since, "Date the post became vacant", today=local_today())
    refusal.raise_if_any()
    post.worker = worker
    if worker is not None and worker.employment == Worker.Employment.PERMANENT:
        post.vacant_since = None
    elif vacant_since is not None:
        post.vacant_since = vacant_since
    return save_checked(post, by=by)


@service
def absence_record(*, by, worker: Worker, start_date: date, end_date: date, kind: str) -> Absence:
    refusal = Refusal()
    refusal.code("kind", kind, Absence.Kind.values, "Kind of absence")
    refusal.not_before("end_date", end_date, start_date, "Last day of absence", "the first day")
    refusal.raise_if_any()
    return save_checked(Absence(worker=worker, start_date=start_date, end_date=end_date, kind=kind), by=by)


@dataclass
class ActionSet:
    action: str
    owner: Worker | None
    due_date: date | None


@dataclass
class Discussed:
    child: Child
    decision: str
    reflection: str = ""
    actions: list[ActionSet] = field(default_factory=list)


@service
def supervision_record(
    *,
    by,
    worker: Worker,
    supervisor: Worker | None,
    held_on: date | None,
    discussed: list[Discussed],
    today: date | None = None,
) -> Supervision:
    """Record a case supervision: the children discussed, the decision about each, its actions and the reflection.

    Fields are named as the form names them: `held_on`, `supervisor`, and `child_N_decision`,
    `child_N_action_owner`, `child_N_action_due_date` for the Nth child (from 1)."""
    today = today or local_today()
    refusal = Refusal()
    if held_on is None:
        refusal.add("held_on", "Enter the date of the supervision")
    refusal.not_in_future("held_on", held_on, "Date of the supervision", today=today)
    refusal.not_before("held_on", held_on, worker.start_date, "Date of the supervision", "the worker's start date")
    if supervisor is None:
        refusal.add("supervisor", "Select the supervisor")
    elif supervisor.pk == worker.pk:
        refusal.add("supervisor", f"The supervisor must be someone other than {worker.full_name}")
    seen: set[int] = set()
    for n, item in enumerate(discussed, start=1):
        if item.child.pk in seen:
            refusal.add(f"child_{n}", f"{item.child.full_name} is already discussed above")
        seen.add(item.child.pk)
        if not item.decision.strip():
            refusal.add(f"child_{n}_decision", f"Enter the decision about {item.child.full_name}")
        for action in item.actions:
            if action.owner is None:
                refusal.add(f"child_{n}_action_owner", "Select who owns the action")
            if action.due_date is None:
                refusal.add(f"child_{n}_action_due_date", "Enter the date the action is due")
            refusal.not_before(
                f"child_{n}_action_due_date", action.due_date, held_on, "Date the action is due",
                "the date of the supervision",
            )  # fmt: skip
    refusal.raise_if_any()
    supervision = save_checked(Supervision(worker=worker, supervisor=supervisor, held_on=held_on), by=by)
    for item in discussed:
        discussion = save_checked(
            SupervisionDiscussion(
                supervision=supervision, child=item.child, decision=item.decision, reflection=item.reflection
            ),
            by=by,
        )
        for action in item.actions:
            save_checked(
                SupervisionAction(
                    discussion=discussion, action=action.action, owner=action.owner, due_date=action.due_date
                ),
                by=by,
            )
    return supervision
