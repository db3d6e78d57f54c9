"""Reads for audits: who a sample rule can draw, the programme's progress, and the agreement figures."""

import random
from collections import defaultdict
from datetime import date

from django.db.models import QuerySet

from lantern.audits.agreement import Agreement, agreement
from lantern.audits.models import AuditAction, CaseAudit, SampleRule
from lantern.care.models import CarePeriod
from lantern.journey.models import CINPlan, CPPlan, Referral
from lantern.leaving_care.models import CareLeaver
from lantern.workforce.models import Allocation, AllocationRole
from lantern.workingdays.calendar import add_months


def eligible(rule: str, on: date) -> dict[int, int | None]:
    """Each child the rule takes on `on`, with the team of their allocated social worker (None: unallocated)."""
    if rule == SampleRule.CP_OVER_12_MONTHS:
        open_plans = CPPlan.objects.filter(start_date__lte=add_months(on, -12), end_date__isnull=True)
        ids = set(open_plans.values_list("child_id", flat=True))
    elif rule == SampleRule.CP_PLANS:
        ids = set(CPPlan.objects.filter(start_date__lte=on, end_date__isnull=True).values_list("child_id", flat=True))
    elif rule == SampleRule.CIN_PLANS:
        ids = set(CINPlan.objects.filter(start_date__lte=on, end_date__isnull=True).values_list("child_id", flat=True))
    elif rule == SampleRule.IN_CARE:
        periods = CarePeriod.objects.filter(start_date__lte=on, end_date__isnull=True)
        ids = set(periods.values_list("child_id", flat=True))
    elif rule == SampleRule.CARE_LEAVERS:
        ids = set(CareLeaver.objects.values_list("child_id", flat=True))
    else:
        open_cases = Referral.objects.filter(referral_date__lte=on, closure_date__isnull=True)
        ids = set(open_cases.values_list("child_id", flat=True))
    teams: dict[int, int | None] = dict.fromkeys(ids)
    allocated = Allocation.objects.filter(role=AllocationRole.SOCIAL_WORKER, end_date__isnull=True, child_id__in=ids)
    for child_id, team_id in allocated.values_list("child_id", "team_id"):
        teams[child_id] = team_id
    return teams


def draw(candidates: dict[int, int | None], *, size: int, per_team_minimum: int, seed: int) -> list[int]:
    """A reproducible sample: the same children for the same candidates and seed. Each team first gets its
    minimum (where it has that many), then the rest is drawn from everyone left."""
    rng = random.Random(seed)
    by_team: dict[int | None, list[int]] = defaultdict(list)
    for child_id in sorted(candidates):
        by_team[candidates[child_id]].append(child_id)
    chosen: list[int] = []
    for team in sorted(by_team, key=lambda t: (t is None, t or 0)):
        if team is None:
            continue
        chosen += rng.sample(by_team[team], min(per_team_minimum, len(by_team[team])))
    rest = sorted(set(candidates) - set(chosen))
    chosen += rng.sample(rest, max(0, min(size - len(chosen), len(rest))))
    return sorted(chosen)


def audits_in_scope(children: QuerySet) -> QuerySet:
    return CaseAudit.objects.filter(child__in=children).select_related("child", "programme")


def open_actions(children: QuerySet) -> QuerySet:
    return (
        AuditAction.objects.filter(child__in=children, done_on__isnull=True)
        .select_related("child", "owner", "audit")
        .order_by("due_date", "id")
    )


def agreement_by(field: str, audits: QuerySet) -> list[Agreement]:
    """Agreement per auditor (`auditor_name`), team (`team_name`) or theme, from one query, biggest first."""
    grouped: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for name, first, moderated in audits.values_list(field, "auditor_grade", "moderated_grade"):
        grouped[name or "Not recorded"].append((first, moderated))
    figures = [agreement(name, pairs) for name, pairs in grouped.items()]
    return sorted(figures, key=lambda a: (-a.audits, a.name))
