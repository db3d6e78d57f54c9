"""Reads of the stored open clocks (`timescales.OpenClock`) for the service view and its drill-down.

The counts are SQL aggregates and the drill-down is paginated in SQL, so both take the same time for a service of
200 children as for an authority of 200,000. A clock's status is worked out from its dates on the day asked about,
with the same rule as `Evaluator.clock`: overdue once the due day has passed, due soon from `due_soon_from`.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from datetime import date

from django.db.models import Count, F, QuerySet

from lantern.people.models import Child
from lantern.timescales.clocks import Status
from lantern.timescales.models import OpenClock
from lantern.timescales.rules import RULES
from lantern.workforce.models import Allocation, Team
from lantern.workingdays.calendar import WorkingCalendar
from lantern.worklists.links import action_for
from lantern.worklists.selectors import (
    SERVICE_STATUSES,
    SLUG_OF,
    UNALLOCATED,
    RuleRow,
    TeamBlock,
    WorkItem,
    open_allocations,
)

CHUNK = 2000


def open_clocks(
    children: QuerySet[Child],
    *,
    as_of: date,
    rule: str | None = None,
    status: Status | None = None,
    worker_id: int | None = None,
) -> QuerySet[OpenClock]:
    """The stored open clocks of these children, in worklist order: overdue first, then by due date."""
    clocks = OpenClock.objects.filter(child_id__in=children.values("pk")).with_status(status, as_of)
    if rule is not None:
        clocks = clocks.filter(rule_id=rule)
    if worker_id is not None:
        clocks = clocks.filter(child_id__in=open_allocations().filter(worker_id=worker_id).values("child_id"))
    # Due date order is status order: an overdue clock is due before today, a due-soon one before a not-due one.
    return clocks.order_by("due_on", "child__last_name", "child__first_name", "child__la_child_id", "rule_id", "pk")


def team_blocks(
    teams: Iterable[Team], children: QuerySet[Child], *, as_of: date, rule: str | None, unallocated: bool
) -> list[TeamBlock]:
    """Overdue and due soon clocks by team, as `selectors.team_blocks` counts them, from two aggregate queries."""
    teams = list(teams)
    counting = open_clocks(children, as_of=as_of, rule=rule).open_on(as_of).order_by()
    counts: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    by_team = (
        counting.filter(
            child__allocations__end_date__isnull=True, child__allocations__team_id__in=[t.pk for t in teams]
        )
        .values("rule_id", team=F("child__allocations__team_id"), status=OpenClock.objects.status_case(as_of))
        .annotate(n=Count("id", distinct=True))
    )
    for row in by_team:
        counts[str(row["team"])][(row["rule_id"], SLUG_OF[Status(row["status"])])] += row["n"]
    if unallocated:
        alone = (
            counting.exclude(child_id__in=open_allocations().values("child_id"))
            .values("rule_id", status=OpenClock.objects.status_case(as_of))
            .annotate(n=Count("id"))
        )
        for row in alone:
            counts[UNALLOCATED][(row["rule_id"], SLUG_OF[Status(row["status"])])] += row["n"]
    keys = [(str(team.pk), team.name) for team in teams]
    if unallocated:
        keys.append((UNALLOCATED, "Not allocated"))
    slugs = [SLUG_OF[s] for s in SERVICE_STATUSES]
    blocks = []
    for key, name in keys:
        found = counts.get(key, Counter())
        rows = [
            RuleRow(r.id, r.name, {slug: found[(r.id, slug)] for slug in slugs})
            for r in RULES
            if any(found[(r.id, slug)] for slug in slugs)
        ]
        blocks.append(
            TeamBlock(
                key,
                name,
                sum(n for (_, slug), n in found.items() if slug == SLUG_OF[Status.OVERDUE]),
                sum(n for (_, slug), n in found.items() if slug == SLUG_OF[Status.DUE_SOON]),
                rows,
            )
        )
    return blocks


def work_items(
    rows: Iterable[OpenClock], *, as_of: date, calendar: WorkingCalendar, back: str | None = None
) -> list[WorkItem]:
    """Worklist lines for stored clocks (their children already joined), with the children's open allocations."""
    rows = list(rows)
    allocations: dict[int, list[Allocation]] = defaultdict(list)
    child_ids = {row.child_id for row in rows}
    for allocation in (
        open_allocations().filter(child_id__in=child_ids).select_related("worker").order_by("role", "start_date", "pk")
    ):
        allocations[allocation.child_id].append(allocation)
    items = []
    for row in rows:
        clock = row.as_clock(as_of=as_of, calendar=calendar)
        child = row.child
        items.append(
            WorkItem(clock, child, tuple(allocations[child.pk]), action_for(clock, child.la_child_id, back=back))
        )
    return items


def all_work_items(clocks: QuerySet[OpenClock], *, as_of: date, calendar: WorkingCalendar) -> Iterator[WorkItem]:
    """Every line of a drill-down, read a chunk at a time, for streaming exports."""
    clocks = clocks.select_related("child")
    total = clocks.count()
    for start in range(0, total, CHUNK):
        yield from work_items(clocks[start : start + CHUNK], as_of=as_of, calendar=calendar)
