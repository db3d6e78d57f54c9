"""Reads of the clocks: one child, a caseload, a team or the whole authority, each with a fixed number of queries."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from lantern.people.models import Child
from lantern.timescales.clocks import Clock, Evaluator, child_clocks
from lantern.timescales.facts import ChildFacts, load_all_facts, load_facts
from lantern.timescales.models import DriftSetting, TimescaleSetting
from lantern.timescales.rules.workforce import SUPERVISION
from lantern.workforce.models import Supervision, Worker
from lantern.workingdays.calendar import council_calendar


def evaluator(*, as_of: date) -> Evaluator:
    amounts = dict(TimescaleSetting.objects.values_list("rule_id", "amount"))
    return Evaluator(
        calendar=council_calendar(),
        as_of=as_of,
        amounts=amounts,
        due_soon=DriftSetting.current().due_soon_working_days,
    )


def _sorted(clocks: Iterable[Clock]) -> list[Clock]:
    return sorted(clocks, key=lambda c: (c.started_date, c.rule.id, c.subject))


def child_timescales(*, child: Child, as_of: date) -> list[Clock]:
    """Every clock that applies to the child on `as_of`, live and historic, in the order they started."""
    ev = evaluator(as_of=as_of)
    return _sorted(child_clocks(load_facts([child])[child.pk], ev))


# Above this many children, the records are read table by table for everyone rather than for a list of ids.
WHOLE_AUTHORITY = 5000


@dataclass
class ChildrenClocks:
    """Every clock of some children on a day, with what was read to work them out (drift signals reuse it)."""

    facts: dict[int, ChildFacts]
    clocks: dict[int, list[Clock]]
    evaluator: Evaluator


def clocks_by_child(*, children: list[Child], as_of: date) -> ChildrenClocks:
    """The clocks of a caseload, a team or most of the authority, each child's records read in bulk."""
    if len(children) > WHOLE_AUTHORITY:
        # Most of the authority: one pass over each table beats thousands of ids in IN lists.
        wanted = {child.pk for child in children}
        facts = {pk: f for pk, f in load_all_facts().items() if pk in wanted}
    else:
        facts = load_facts(children)
    ev = evaluator(as_of=as_of)
    return ChildrenClocks(facts, {child_id: child_clocks(f, ev) for child_id, f in facts.items()}, ev)


def children_clocks(*, children: Iterable[Child], as_of: date, live_only: bool = True) -> list[Clock]:
    """Clocks for a caseload or a team, as one list."""
    found = clocks_by_child(children=list(children), as_of=as_of)
    return [c for clocks in found.clocks.values() for c in clocks if c.live or not live_only]


def authority_clocks(*, as_of: date, live_only: bool = True) -> list[Clock]:
    ev = evaluator(as_of=as_of)
    clocks: list[Clock] = []
    for facts in load_all_facts().values():
        clocks.extend(c for c in child_clocks(facts, ev) if c.live or not live_only)
    return clocks


def supervision_clocks(*, workers: Iterable[Worker], as_of: date) -> dict[int, Clock]:
    """Each working worker's current supervision clock (from their start, then from each supervision held)."""
    ev = evaluator(as_of=as_of)
    workers = [w for w in workers if w.start_date <= as_of and (w.end_date is None or w.end_date > as_of)]
    held: dict[int, list[date]] = defaultdict(list)
    for worker_id, day in Supervision.objects.filter(worker__in=workers, held_on__lte=as_of).values_list(
        "worker_id", "held_on"
    ):
        held[worker_id].append(day)
    current: dict[int, Clock] = {}
    for worker in workers:
        series = list(
            ev.series(
                lambda i, _: SUPERVISION,
                None,
                f"Supervision of {worker.full_name}",
                worker.start_date,
                held[worker.pk],
                target=("worker", worker.pk),
            )
        )
        if series:
            current[worker.pk] = series[-1]
    return current
