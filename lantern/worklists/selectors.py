"""Reads for the worklists: the live clocks of a set of children, grouped by worker, team and rule.

Everything starts from a queryset of children that the caller has already limited to what the user may read
(`visible_children`). The children, their open allocations and their records are each read in bulk, so a
worklist takes the same number of queries for 2 children as for 2,000.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from lantern.accounts.roles import Scope
from lantern.people.models import Child
from lantern.timescales.clocks import Clock, Evaluator, Status
from lantern.timescales.drift import Signal, caseload_signals, caseloads, drift_signals
from lantern.timescales.facts import ChildFacts
from lantern.timescales.models import DriftSetting
from lantern.timescales.rules import RULES
from lantern.timescales.selectors import clocks_by_child
from lantern.workforce.models import Allocation, Team, Worker
from lantern.worklists.links import Action, action_for

# The order of a worklist: overdue first, then due soon, then the rest.
STATUS_ORDER = [Status.OVERDUE, Status.DUE_SOON, Status.NOT_DUE]
# Status as a GET parameter (no spaces) and back.
STATUS_SLUGS = {"overdue": Status.OVERDUE, "due_soon": Status.DUE_SOON, "not_due": Status.NOT_DUE}
SLUG_OF = {status: slug for slug, status in STATUS_SLUGS.items()}
STATUS_LABELS = {Status.OVERDUE: "Overdue", Status.DUE_SOON: "Due soon", Status.NOT_DUE: "Not due"}
# The team "filter" for children with no open allocation, shown to authority-wide roles.
UNALLOCATED = "none"


@dataclass(frozen=True)
class WorkItem:
    """One live clock on a worklist, with the child it is for and who works with them."""

    clock: Clock
    child: Child
    allocations: tuple[Allocation, ...]
    action: Action

    @property
    def status_slug(self) -> str:
        return SLUG_OF[self.clock.status]

    @property
    def team_ids(self) -> set[int]:
        return {a.team_id for a in self.allocations}

    @property
    def worker_ids(self) -> set[int]:
        return {a.worker_id for a in self.allocations}

    @property
    def social_worker(self) -> Worker | None:
        return next((a.worker for a in self.allocations if a.role == Allocation.Role.SOCIAL_WORKER), None)

    @property
    def due_time(self) -> datetime | None:
        """The time of day it is due, for clocks counted in hours."""
        due = self.clock.due
        if isinstance(due, datetime):
            return timezone.localtime(due) if timezone.is_aware(due) else due
        return None

    @property
    def days_overdue(self) -> int | None:
        remaining = self.clock.working_days_remaining
        return -remaining if remaining is not None and remaining < 0 else None


def sort_key(item: WorkItem):
    child = item.child
    return (
        STATUS_ORDER.index(item.clock.status),
        item.clock.due_date,
        child.last_name,
        child.first_name,
        child.la_child_id,
        item.clock.rule.name,
        item.clock.subject,
    )


@dataclass
class Worklist:
    """The live, open clocks of some children on `as_of`, overdue first; and what was read to find them."""

    as_of: date
    children: list[Child]
    items: list[WorkItem]
    facts: dict[int, ChildFacts] = field(repr=False)
    clocks: dict[int, list[Clock]] = field(repr=False)
    evaluator: Evaluator = field(repr=False)

    def filtered(
        self, *, rule: str | None = None, status: Status | None = None, worker_id: int | None = None
    ) -> list[WorkItem]:
        return [
            item
            for item in self.items
            if (rule is None or item.clock.rule.id == rule)
            and (status is None or item.clock.status is status)
            and (worker_id is None or worker_id in item.worker_ids)
        ]

    def signals(self, settings: DriftSetting | None = None) -> list[Signal]:
        """The drift signals of these children, from what has already been read."""
        return drift_signals(
            children=self.children,
            as_of=self.as_of,
            facts=self.facts,
            clocks=self.clocks,
            evaluator=self.evaluator,
            settings=settings,
        )


def open_allocations() -> QuerySet[Allocation]:
    return Allocation.objects.filter(end_date__isnull=True)


def allocated_to_team(children: QuerySet[Child], team_id: int | str) -> QuerySet[Child]:
    """The children with an open allocation in the team; `UNALLOCATED` gives those with no open allocation."""
    # IN (subquery), not a correlated EXISTS: SQLite then starts from the team's allocations, not every child.
    if team_id == UNALLOCATED:
        return children.exclude(pk__in=open_allocations().values("child_id"))
    return children.filter(pk__in=open_allocations().filter(team_id=team_id).values("child_id"))


def allocated_to_worker(children: QuerySet[Child], worker: Worker) -> QuerySet[Child]:
    return children.filter(pk__in=open_allocations().filter(worker=worker).values("child_id"))


def worklist(children: QuerySet[Child], *, as_of: date, back: str | None = None) -> Worklist:
    """The live clocks that are not done yet for these children, overdue first, then due soon, then the rest.

    `back`: the page each action's form returns to once saved (the worklist itself).
    """
    child_list = list(children.order_by("last_name", "first_name", "la_child_id"))
    allocations: dict[int, list[Allocation]] = defaultdict(list)
    ids = [child.pk for child in child_list]
    # The ids already read, in chunks (as load_facts does): a subquery of the scoped children plans badly.
    for chunk in [ids[i : i + 5000] for i in range(0, len(ids), 5000)]:
        rows = (
            open_allocations().filter(child_id__in=chunk).select_related("worker").order_by("role", "start_date", "pk")
        )
        for allocation in rows:
            allocations[allocation.child_id].append(allocation)
    found = clocks_by_child(children=child_list, as_of=as_of)
    clocks = found.clocks
    items = []
    for child in child_list:
        for clock in clocks[child.pk]:
            if clock.live and clock.is_open:
                items.append(
                    WorkItem(
                        clock, child, tuple(allocations[child.pk]), action_for(clock, child.la_child_id, back=back)
                    )
                )
    items.sort(key=sort_key)
    return Worklist(as_of, child_list, items, found.facts, clocks, found.evaluator)


def with_missing_work(work: Worklist, children: QuerySet[Child], *, back: str | None = None) -> Worklist:
    """The missing coordinator's worklist: theirs, plus the missing and exploitation clocks of every child with
    no allocated worker (an allocated child's are their worker's). Drift signals stay those of their own children."""
    unallocated = children.exclude(pk__in=open_allocations().values("child_id")).filter(
        Q(missing_episodes__isnull=False) | Q(exploitation_screenings__isnull=False)
    )
    theirs = {child.pk for child in work.children}
    others = worklist(unallocated.exclude(pk__in=theirs).distinct(), as_of=work.as_of, back=back)
    work.items.extend(item for item in others.items if item.clock.rule.applies_to == "missing")
    work.items.sort(key=sort_key)
    return work


# Whose teams a user may look at.


def visible_teams(scope: Scope, worker: Worker | None) -> QuerySet[Team]:
    teams = Team.objects.select_related("service").order_by("name")
    if scope is Scope.AUTHORITY:
        return teams
    if scope is Scope.NONE or worker is None:
        return teams.none()
    if scope is Scope.TEAM:
        return teams.filter(pk=worker.team_id)
    return teams.filter(service_id=worker.team.service_id)


# Summaries: counts by worker, by rule, by team.


@dataclass
class WorkerRow:
    worker: Worker
    caseload: int
    over_threshold: bool
    overdue: int
    due_soon: int


def worker_rows(team: Team, items: list[WorkItem], *, as_of: date, settings: DriftSetting) -> list[WorkerRow]:
    """The team's workers (and anyone else holding the team's children), with their caseloads and clock counts.

    Caseload is the worker's open social-worker allocations (all of them, as the threshold counts them);
    overdue and due soon count the clocks of the team's children allocated to the worker, in any role.
    """
    holders = {a.worker_id: a.worker for item in items for a in item.allocations if a.team_id == team.pk}
    in_team = Worker.objects.filter(team=team).filter(Q(end_date__isnull=True) | Q(end_date__gt=as_of))
    workers = {w.pk: w for w in in_team} | holders
    loads = caseloads(worker_ids=list(workers))
    overdue: Counter[int] = Counter()
    due_soon: Counter[int] = Counter()
    for item in items:
        for worker_id in {a.worker_id for a in item.allocations if a.team_id == team.pk}:
            if item.clock.status is Status.OVERDUE:
                overdue[worker_id] += 1
            elif item.clock.status is Status.DUE_SOON:
                due_soon[worker_id] += 1
    rows = [
        WorkerRow(
            worker,
            loads.get(pk, 0),
            loads.get(pk, 0) > settings.caseload_threshold,
            overdue[pk],
            due_soon[pk],
        )
        for pk, worker in workers.items()
    ]
    return sorted(rows, key=lambda r: (r.worker.last_name, r.worker.first_name, r.worker.pk))


@dataclass
class RuleRow:
    rule_id: str
    name: str
    counts: dict[str, int]  # status slug -> count

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def rule_rows(items: Iterable[WorkItem], statuses: Iterable[Status] = STATUS_ORDER) -> list[RuleRow]:
    """Counts per rule and status, in the registry's order, leaving out rules with nothing running."""
    statuses = list(statuses)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for item in items:
        if item.clock.status in statuses:
            counts[item.clock.rule.id][SLUG_OF[item.clock.status]] += 1
    return [
        RuleRow(rule.id, rule.name, {SLUG_OF[s]: counts[rule.id][SLUG_OF[s]] for s in statuses})
        for rule in RULES
        if rule.id in counts
    ]


@dataclass
class TeamBlock:
    """One team on the service view: its overdue and due soon clocks, in total and by rule."""

    key: str  # the team's id, or UNALLOCATED
    name: str
    overdue: int
    due_soon: int
    rules: list[RuleRow]


SERVICE_STATUSES = [Status.OVERDUE, Status.DUE_SOON]


def team_blocks(teams: Iterable[Team], items: list[WorkItem], *, unallocated: bool) -> list[TeamBlock]:
    """Overdue and due soon clocks by team; a clock counts under each team its child is allocated in."""
    by_team: dict[str, list[WorkItem]] = defaultdict(list)
    for item in items:
        if item.clock.status not in SERVICE_STATUSES:
            continue
        for team_id in item.team_ids:
            by_team[str(team_id)].append(item)
        if not item.allocations:
            by_team[UNALLOCATED].append(item)
    keys = [(str(team.pk), team.name) for team in teams]
    if unallocated:
        keys.append((UNALLOCATED, "Not allocated"))
    blocks = []
    for key, name in keys:
        team_items = by_team.get(key, [])
        blocks.append(
            TeamBlock(
                key,
                name,
                sum(1 for i in team_items if i.clock.status is Status.OVERDUE),
                sum(1 for i in team_items if i.clock.status is Status.DUE_SOON),
                rule_rows(team_items, SERVICE_STATUSES),
            )
        )
    return blocks


def worker_signals(worker: Worker, settings: DriftSetting) -> list[Signal]:
    return caseload_signals(caseloads(worker_ids=[worker.pk]), settings=settings)
