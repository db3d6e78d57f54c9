"""Writes for case audits: drawing a programme's sample, recording an audit, moderating it, and its actions."""

from datetime import date

from lantern.accounts.roles import Role
from lantern.audits.grades import Grade
from lantern.audits.models import (
    AuditAction,
    AuditDomain,
    AuditProgramme,
    AuditTool,
    CaseAudit,
    DomainGrade,
    SampledChild,
)
from lantern.audits.selectors import draw, eligible
from lantern.core.services import Refusal, local_today, save_checked
from lantern.core.writing import service
from lantern.people.models import Child
from lantern.workforce.models import Allocation, AllocationRole, Worker

GRADES = set(Grade.values)
# Who moderates: QA and service managers; a team manager's or QA's own audit is never moderated by its auditor.
MODERATORS = (Role.QA, Role.SERVICE_MANAGER)


def _name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


@service
def audit_tool_create(*, by, name: str, domains: list[tuple[str, list[str]]]) -> AuditTool:
    """A new version of the tool (the first, or the next after the current one), whose domains and questions are
    these; the earlier version stays with the audits that used it."""
    refusal = Refusal()
    if not name.strip():
        refusal.add("name", "Enter the tool's name")
    if not domains or any(not title.strip() for title, _ in domains):
        refusal.add("domains", "Give every domain a title")
    refusal.raise_if_any()
    latest = AuditTool.objects.filter(name=name).order_by("-version").first()
    AuditTool.objects.filter(name=name, is_current=True).update(is_current=False)
    tool = save_checked(AuditTool(name=name, version=(latest.version + 1) if latest else 1), by=by)
    for order, (title, questions) in enumerate(domains, start=1):
        save_checked(AuditDomain(tool=tool, order=order, title=title, questions=list(questions)), by=by)
    return tool


@service
def programme_draw(
    *,
    by,
    title: str,
    theme: str,
    month: date,
    rule: str,
    sample_size: int,
    per_team_minimum: int,
    seed: int,
    tool: AuditTool,
    today: date | None = None,
) -> AuditProgramme:
    """A programme and its sample, drawn now by the rule and recorded (the seed redraws the same children)."""
    today = today or local_today()
    refusal = Refusal()
    if not 1 <= sample_size <= 500:
        refusal.add("sample_size", "Enter a sample of 1 to 500 children")
    refusal.raise_if_any()
    programme = save_checked(
        AuditProgramme(title=title, theme=theme, month=month.replace(day=1), rule=rule, sample_size=sample_size,
                       per_team_minimum=per_team_minimum, seed=seed, tool=tool, drawn_on=today, drawn_by=by),
        by=by,
    )  # fmt: skip
    candidates = eligible(rule, today)
    chosen = draw(candidates, size=sample_size, per_team_minimum=per_team_minimum, seed=seed)
    SampledChild.objects.bulk_create(
        [SampledChild(programme=programme, child_id=child_id, team_id=candidates[child_id]) for child_id in chosen]
    )
    return programme


def _current_worker(child: Child) -> Worker | None:
    allocation = (
        Allocation.objects.filter(child=child, role=AllocationRole.SOCIAL_WORKER, end_date__isnull=True)
        .select_related("worker", "team")
        .first()
    )
    return allocation.worker if allocation else None


@service
def audit_record(
    *,
    by,
    child: Child,
    audit_date: date,
    auditor_grade: str,
    domain_grades: dict[int, str] | None = None,
    programme: AuditProgramme | None = None,
    theme: str = "",
    strengths: str = "",
    improvements: str = "",
    worker_feedback: str = "",
    family_feedback: str = "",
    safeguarding_concern: str = "",
    out_of_sample_reason: str = "",
    today: date | None = None,
) -> CaseAudit:
    """An audit by `by` of the child's case as it stands. A safeguarding concern becomes, at once, an action for
    the team manager of the child's team, due today."""
    today = today or local_today()
    refusal = Refusal()
    refusal.not_in_future("audit_date", audit_date, "Date of the audit", today=today)
    if auditor_grade not in GRADES:
        refusal.add("auditor_grade", "Choose the overall grade: outstanding, good, requires improvement or inadequate")
    tool = programme.tool if programme else AuditTool.objects.filter(is_current=True).first()
    domains = {d.pk: d for d in AuditDomain.objects.filter(tool=tool)} if tool else {}
    for domain_id, grade in (domain_grades or {}).items():
        if domain_id not in domains:
            refusal.add("domain_grades", "A domain graded is not in this audit's tool")
        elif grade not in GRADES:
            refusal.add(f"domain_{domain_id}", f"Choose a grade for {domains[domain_id].title}")
    in_sample = programme is not None and programme.sample.filter(child=child).exists()
    if programme is not None and not in_sample and not out_of_sample_reason.strip():
        refusal.add("out_of_sample_reason", "This child is not in the programme's sample: say why they are audited")
    refusal.raise_if_any()
    worker = _current_worker(child)
    audit = save_checked(
        CaseAudit(
            child=child, programme=programme, tool=tool, theme=theme or (programme.theme if programme else ""),
            audit_date=audit_date, auditor=by, auditor_name=_name(by), auditor_grade=auditor_grade,
            worker=worker, worker_name=worker.full_name if worker else "",
            team=worker.team if worker else None, team_name=worker.team.name if worker else "",
            strengths=strengths, improvements=improvements, worker_feedback=worker_feedback,
            family_feedback=family_feedback, safeguarding_concern=safeguarding_concern,
            out_of_sample_reason=out_of_sample_reason if not in_sample else "",
        ),
        by=by,
    )  # fmt: skip
    for domain_id, grade in (domain_grades or {}).items():
        save_checked(DomainGrade(audit=audit, domain=domains[domain_id], grade=grade), by=by)
    if safeguarding_concern.strip():
        manager = (
            Worker.objects.filter(team=audit.team, role=Worker.Role.TEAM_MANAGER, end_date__isnull=True).first()
            if audit.team
            else None
        )
        save_checked(
            AuditAction(audit=audit, child=child, action=f"Safeguarding concern from the audit: {safeguarding_concern}",
                        owner=manager, due_date=today, safeguarding=True),
            by=by,
        )  # fmt: skip
    return audit


@service
def audit_moderate(
    *, by, audit: CaseAudit, moderated_grade: str, reason: str, moderation_date: date, today: date | None = None
) -> CaseAudit:
    """The moderator's grade and reason: by someone other than the auditor."""
    today = today or local_today()
    refusal = Refusal()
    if moderated_grade not in GRADES:
        refusal.add("moderated_grade", "Choose the moderated grade")
    if not reason.strip():
        refusal.add("reason", "Say why the grade stands or changes")
    refusal.not_in_future("moderation_date", moderation_date, "Date of the moderation", today=today)
    refusal.not_before("moderation_date", moderation_date, audit.audit_date, "Date of the moderation", "the audit")
    if audit.auditor_id is not None and audit.auditor_id == by.pk:
        refusal.add("moderated_grade", "An audit is moderated by someone other than its auditor")
    refusal.raise_if_any()
    audit.moderator, audit.moderator_name = by, _name(by)
    audit.moderated_grade, audit.moderation_reason, audit.moderation_date = moderated_grade, reason, moderation_date
    return save_checked(audit, by=by)


@service
def audit_action_add(*, by, audit: CaseAudit, action: str, owner: Worker | None, due_date: date) -> AuditAction:
    refusal = Refusal()
    if not action.strip():
        refusal.add("action", "Say what must be done")
    refusal.not_before("due_date", due_date, audit.audit_date, "The due date", "the audit")
    if owner is not None and owner.end_date is not None:
        refusal.add("owner", f"{owner.full_name} has left: choose someone in post")
    refusal.raise_if_any()
    return save_checked(AuditAction(audit=audit, child=audit.child, action=action, owner=owner, due_date=due_date),
                        by=by)  # fmt: skip


@service
def audit_action_done(*, by, action: AuditAction, done_on: date, note: str = "", today: date | None = None):
    today = today or local_today()
    refusal = Refusal()
    refusal.not_in_future("done_on", done_on, "Date done", today=today)
    refusal.not_before("done_on", done_on, action.audit.audit_date, "Date done", "the audit")
    if action.done_on is not None:
        refusal.add("done_on", "This action is already recorded as done")
    refusal.raise_if_any()
    action.done_on, action.done_note = done_on, note
    return save_checked(action, by=by)
