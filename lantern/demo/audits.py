"""The demo's year of case audits: a monthly programme drawn by a rule (a different one each month), first-line
audits by each child's team manager (optimistic, as the seeds found), QA moderation of most of them that lowers
about a third, and the actions arising (some still open, some late)."""

import random
from datetime import date, timedelta

from lantern.accounts.models import User
from lantern.accounts.roles import Role
from lantern.audits.grades import RANK, SCALE
from lantern.audits.models import (
    AuditAction,
    AuditDomain,
    AuditProgramme,
    AuditTool,
    CaseAudit,
    DomainGrade,
    SampledChild,
    SampleRule,
)
from lantern.audits.selectors import draw, eligible
from lantern.demo.writer import Writer
from lantern.workforce.models import Worker
from lantern.workingdays.calendar import add_months

DOMAINS = [
    ("Safety and risk", ["Is the child safe, and is risk understood and managed?"]),
    ("Voice of the child", ["Is the child seen, heard and their wishes recorded?"]),
    ("Assessment and planning", ["Is the plan SMART and does it follow from the assessment?"]),
    ("Management oversight", ["Is there timely, reflective oversight that challenges drift?"]),
    ("Recording", ["Is the record up to date and would the child understand it?"]),
]
RULES = [SampleRule.CP_OVER_12_MONTHS, SampleRule.CIN_PLANS, SampleRule.IN_CARE, SampleRule.OPEN_CASES,
         SampleRule.CP_PLANS, SampleRule.CARE_LEAVERS]  # fmt: skip
FIRST_GRADES = [40, 420, 390, 150]  # per thousand: outstanding, good, requires improvement, inadequate
AUDITED = 0.85
MODERATED = 0.65
LOWERED = 0.34
RAISED = 0.05
ACTIONS_DONE = 0.7
ACTIONS = [
    "Update the plan with SMART actions and review dates",
    "Record the child's wishes and feelings",
    "Hold a management oversight review of drift",
    "Complete the chronology",
]


def add_audits(out: Writer, *, seed: int, today: date, sample_size: int = 12) -> None:
    rng = random.Random(f"{seed}-audits")
    (tool,) = out.write_now([AuditTool(name="Practice audit", version=1)])
    domains = out.write_now(
        [AuditDomain(tool=tool, order=n, title=t, questions=q) for n, (t, q) in enumerate(DOMAINS, start=1)]
    )
    qa = User.objects.filter(groups__name=Role.QA.value).order_by("pk").first()
    qa_name = (qa.get_full_name() or qa.username) if qa else "QA lead"
    managers = {}
    for worker in Worker.objects.filter(role=Worker.Role.TEAM_MANAGER).order_by("pk"):
        managers.setdefault(worker.team_id, worker)
    case_holders = {}
    for worker in Worker.objects.exclude(role=Worker.Role.TEAM_MANAGER).order_by("pk"):
        case_holders.setdefault(worker.team_id, worker)
    first_of_month = today.replace(day=1)
    audits, samples, grades_for = [], [], []
    for back in range(12, 0, -1):
        month = add_months(first_of_month, -back)
        rule = RULES[back % len(RULES)]
        (programme,) = out.write_now([AuditProgramme(
            title=f"{month:%B %Y} audit: {SampleRule(rule).label.lower()}", theme="", month=month, rule=rule,
            sample_size=sample_size, per_team_minimum=1, seed=rng.randrange(1, 10**6), tool=tool, drawn_on=month,
        )])  # fmt: skip
        candidates = eligible(rule, month)
        for child_id in draw(candidates, size=sample_size, per_team_minimum=1, seed=programme.seed):
            team_id = candidates[child_id]
            samples.append(SampledChild(programme=programme, child_id=child_id, team_id=team_id))
            manager = managers.get(team_id)
            if manager is None or rng.random() >= AUDITED:
                continue
            on = min(month + timedelta(days=rng.randint(3, 26)), today)
            first = rng.choices([g.value for g in SCALE], weights=FIRST_GRADES)[0]
            moderated, reason, moderated_on = "", "", None
            if rng.random() < MODERATED:
                moderated = _moderate(rng, first)
                reason = "Agreed with the auditor" if moderated == first else "Moderation found the evidence " + (
                    "weaker" if RANK[moderated] > RANK[first] else "stronger") + " than the audit said"  # fmt: skip
                moderated_on = min(on + timedelta(days=rng.randint(2, 14)), today)
            worker = case_holders.get(team_id)
            audits.append(CaseAudit(
                child_id=child_id, programme=programme, tool=tool, theme="", audit_date=on, auditor=manager.user,
                auditor_name=manager.full_name, auditor_grade=first, moderator=qa if moderated else None,
                moderator_name=qa_name if moderated else "", moderated_grade=moderated, moderation_reason=reason,
                moderation_date=moderated_on, worker=worker, worker_name=worker.full_name if worker else "",
                team_id=team_id, team_name=manager.team.name,
            ))  # fmt: skip
            grades_for.append(moderated or first)
    out.write_now(samples)
    audits = out.write_now(audits)
    domain_grades, actions = [], []
    for audit, final in zip(audits, grades_for, strict=True):
        for domain in domains:
            spread = max(0, min(3, RANK[final] + rng.choice([-1, 0, 0, 0, 1])))
            domain_grades.append(DomainGrade(audit=audit, domain=domain, grade=SCALE[spread].value))
        if RANK[final] >= RANK["requires_improvement"]:
            for _ in range(rng.randint(1, 2)):
                due = audit.audit_date + timedelta(days=rng.randint(14, 35))
                done = due <= today and rng.random() < ACTIONS_DONE
                actions.append(AuditAction(
                    audit=audit, child_id=audit.child_id, action=rng.choice(ACTIONS),
                    owner=audit.worker, due_date=due, done_on=min(due, today) if done else None,
                ))  # fmt: skip
    out.write_now(domain_grades)
    out.write_now(actions)


def _moderate(rng: random.Random, first: str) -> str:
    rank = RANK[first]
    roll = rng.random()
    if roll < LOWERED and rank < 3:
        return SCALE[rank + 1].value
    if roll < LOWERED + RAISED and rank > 0:
        return SCALE[rank - 1].value
    return first
