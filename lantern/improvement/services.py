"""Writes of the improvement plan: an action (added or changed), its milestones and evidence, a RAG set by hand
with its reason, and the monthly RAG snapshot. The import calls the same checks (`action_problems`)."""

from datetime import date

from lantern.audits.models import CaseAudit
from lantern.core.services import Refusal, local_today, save_checked
from lantern.core.writing import service
from lantern.improvement.models import Action, Evidence, EvidenceKind, Milestone, Rag, RagSnapshot, Status, Theme
from lantern.improvement.selectors import action_rows
from lantern.people.models import Child
from lantern.performance.definitions import MEASURES
from lantern.performance.measures import Unit

THEMES = [
    ("quality_of_practice", "Quality of practice"),
    ("workforce", "Workforce capacity and capability"),
    ("strategic_leadership", "Strategic leadership"),
    ("quality_assurance", "Quality assurance and performance management"),
    ("partnerships", "Partnerships"),
]


@service
def themes_ensure(*, by=None) -> list[Theme]:
    """The five themes of the inspection's plan (the first migration writes them too; a flushed test database
    and the demo ask again)."""
    for order, (key, title) in enumerate(THEMES, start=1):
        if not Theme.objects.filter(key=key).exists():
            save_checked(Theme(key=key, title=title, order=order), by=by)
    return list(Theme.objects.all())


def action_problems(
    *,
    ref: str,
    text: str,
    start_date: date | None,
    due_date: date | None,
    status: str,
    measure_id: str,
    baseline: float | None,
    target: float | None,
    editing: Action | None = None,
) -> Refusal:
    """Every problem with an action, by field: the forms and the import share these checks."""
    refusal = Refusal()
    if not ref.strip():
        refusal.add("ref", "Enter the action's reference, like QP1")
    elif Action.objects.filter(ref=ref.strip()).exclude(pk=editing.pk if editing else None).exists():
        refusal.add("ref", f"The reference {ref.strip()} is already used by another action")
    if not text.strip():
        refusal.add("text", "Say what the action is")
    refusal.not_before("due_date", due_date, start_date, "The due date", "the start date")
    if status not in Status.values:
        refusal.add("status", "Choose the status: not started, in progress or complete")
    if measure_id:
        measure = MEASURES.get(measure_id)
        if measure is None:
            refusal.add("measure_id", f"There is no measure “{measure_id}” in the performance pack")
        elif measure.unit is Unit.FRACTION:
            for name, value in (("target", target), ("baseline", baseline)):
                if value is not None and not 0 <= value <= 1:
                    refusal.add(name, f"The {name} of a percentage must be between 0% and 100%")
        if measure is not None and target is None and measure.target is None:
            refusal.add("target", "This measure has no target in the pack: enter the action's target")
    elif target is not None or baseline is not None:
        refusal.add("measure_id", "A target or baseline needs the measure it is for")
    return refusal


def _owner_name(owner) -> str:
    return (owner.get_full_name() or owner.get_username()) if owner else ""


@service
def action_save(
    *,
    by,
    theme: Theme,
    ref: str,
    text: str,
    recommendation: str = "",
    owner=None,
    owner_name: str = "",
    start_date: date,
    due_date: date,
    status: str = Status.NOT_STARTED,
    measure_id: str = "",
    baseline: float | None = None,
    target: float | None = None,
    action: Action | None = None,
) -> Action:
    """Add an action, or change `action`. Linking a measure takes the RAG from it: a RAG set by hand is cleared."""
    refusal = action_problems(
        ref=ref, text=text, start_date=start_date, due_date=due_date, status=status, measure_id=measure_id,
        baseline=baseline, target=target, editing=action,
    )  # fmt: skip
    if owner is None and len(owner_name) > 120:
        refusal.add("owner_name", "The owner's name must be 120 characters or fewer")
    refusal.raise_if_any()
    action = action or Action()
    action.theme, action.ref, action.text, action.recommendation = theme, ref.strip(), text, recommendation
    action.owner, action.owner_name = owner, _owner_name(owner) if owner else owner_name.strip()
    action.start_date, action.due_date, action.status = start_date, due_date, status
    action.measure_id, action.baseline, action.target = measure_id, baseline, target
    if measure_id:
        action.manual_rag, action.manual_rag_reason, action.manual_rag_on = "", "", None
    return save_checked(action, by=by)


@service
def manual_rag_set(*, by, action: Action, rag: str, reason: str, today: date | None = None) -> Action:
    refusal = Refusal()
    if action.measure_id:
        refusal.add("rag", "This action's RAG is worked out from its measure: unlink the measure to set it by hand")
    if rag not in Rag.values:
        refusal.add("rag", "Choose red, amber or green")
    if not reason.strip():
        refusal.add("reason", "Say why the action is this RAG: a RAG set by hand needs its reason")
    refusal.raise_if_any()
    action.manual_rag, action.manual_rag_reason, action.manual_rag_on = rag, reason.strip(), today or local_today()
    return save_checked(action, by=by)


@service
def milestone_add(*, by, action: Action, text: str, due_date: date) -> Milestone:
    refusal = Refusal()
    if not text.strip():
        refusal.add("text", "Say what the milestone is")
    refusal.not_before("due_date", due_date, action.start_date, "The milestone's date", "the action's start")
    refusal.raise_if_any()
    return save_checked(Milestone(action=action, text=text.strip(), due_date=due_date), by=by)


@service
def evidence_add(
    *,
    by,
    action: Action,
    kind: str,
    title: str = "",
    url: str = "",
    audit_id: int | None = None,
    la_child_id: str = "",
    note: str = "",
    today: date | None = None,
) -> Evidence:
    """Evidence that an action is done or working: a document (title and link), a case audit, a child's record
    (its LA child ID), or a note."""
    refusal = Refusal()
    audit = child = None
    if kind == EvidenceKind.DOCUMENT:
        if not title.strip():
            refusal.add("title", "Enter the document's title")
        if not url.strip():
            refusal.add("url", "Enter the document's link")
    elif kind == EvidenceKind.AUDIT:
        audit = CaseAudit.objects.filter(pk=audit_id).first() if audit_id else None
        if audit is None:
            refusal.add("audit_id", "Enter the number of a case audit on Lantern")
    elif kind == EvidenceKind.RECORD:
        child = Child.objects.filter(la_child_id=la_child_id.strip()).first() if la_child_id.strip() else None
        if child is None:
            refusal.add("la_child_id", "Enter the LA child ID of a child on Lantern")
    elif kind == EvidenceKind.NOTE:
        if not note.strip():
            refusal.add("note", "Write the note")
    else:
        refusal.add("kind", "Choose what the evidence is")
    refusal.raise_if_any()
    return save_checked(
        Evidence(action=action, kind=kind, title=title.strip(), url=url.strip() if kind == "document" else "",
                 audit=audit, child=child, note=note.strip(), added_on=today or local_today(), added_by=by),
        by=by,
    )  # fmt: skip


@service
def snapshot_rags(*, as_of: date | None = None, by=None) -> int:
    """Every action's RAG for the month of `as_of`, kept (replacing one kept earlier in the month)."""
    as_of = as_of or local_today()
    month = as_of.replace(day=1)
    rows = action_rows(Action.objects.select_related("owner"), as_of)
    existing = {s.action_id: s for s in RagSnapshot.objects.filter(month=month)}
    for row in rows:
        snapshot = existing.get(row.action.pk) or RagSnapshot(action=row.action, month=month)
        snapshot.as_of, snapshot.rag, snapshot.source = as_of, row.rag, "measure" if row.measure else "manual"
        snapshot.value = row.value
        snapshot.expected = row.judgement.expected if row.judgement else None
        save_checked(snapshot, by=by)
    return len(rows)
