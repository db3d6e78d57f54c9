"""Allocate children to workers through time, team by team: the least-loaded worker mostly (sometimes
whoever the manager picks), reallocation when a worker leaves (LEFTRL) or for other reasons, and the team
manager holding cases while a team has nobody free."""

import random
from collections import defaultdict
from datetime import date, timedelta

from lantern.demo import mixes
from lantern.demo.plans import NeedPlan
from lantern.demo.workforce import HOLDERS, Segment, Workforce

JOIN, END, LEAVE, START, MOVE = range(5)


def allocate(force: Workforce, needs: list[tuple[int, int, NeedPlan]]) -> dict[int, list[Segment]]:
    """Each child's allocations (by child index), as (worker, team, role, start, end, end reason)."""
    rng = random.Random(f"{force.w.seed}-allocation")
    groups: dict[tuple[int, str], list[tuple[int, NeedPlan]]] = defaultdict(list)
    for child, slot, need in needs:
        groups[(force.team_for(need.kind, slot), need.role)].append((child, need))
    out: dict[int, list[Segment]] = defaultdict(list)
    for (team, role), group in sorted(groups.items()):
        TeamSweep(force, team, role, group, rng, out).run()
    return out


class TeamSweep:
    """One team's children of one allocation role, swept through time in date order."""

    def __init__(
        self,
        force: Workforce,
        team: int,
        role: str,
        group: list[tuple[int, NeedPlan]],
        rng: random.Random,
        out: dict[int, list[Segment]],
    ) -> None:
        self.team, self.role, self.group, self.rng, self.out = team, role, group, rng, out
        self.today = force.w.today
        holders = HOLDERS[role]
        self.workers = [w for w in force.workers if w.team == team and w.role in holders]
        self.managers = [w for w in force.workers if w.team == team and w.role == "team_manager"]
        self.active: dict[int, dict[int, None]] = {}  # worker -> its open needs, in order
        self.active_managers: dict[int, dict[int, None]] = {}
        self.holder: dict[int, tuple[int, date]] = {}  # need -> (worker, since)
        self.leaves = {w.index: w.end for w in self.workers + self.managers}

    def run(self) -> None:
        events = []
        for w in self.workers + self.managers:
            events.append((w.start, JOIN, w.index))
            if w.end is not None:
                events.append((w.end, LEAVE, w.index))
        for i, (_, need) in enumerate(self.group):
            events.append((need.start, START, i))
            if need.end is not None:
                events.append((need.end, END, i))
            length = ((need.end or self.today) - need.start).days
            if length > 90 and self.rng.random() < 0.15:
                events.append((need.start + timedelta(days=self.rng.randint(30, length - 30)), MOVE, i))
        events.sort()
        manager_ids = {m.index for m in self.managers}
        for on, kind, ident in events:
            if kind == JOIN:
                if ident in manager_ids:
                    self.active_managers[ident] = {}
                else:
                    self.active[ident] = {}
                    self.take_from_managers(on)
            elif kind == LEAVE:
                pool = self.active_managers if ident in manager_ids else self.active
                held = pool.pop(ident, {})
                for need in list(held):
                    self.close(need, on, "LEFTRL", continuing=True)
                    self.assign(need, on)
            elif kind == START:
                self.assign(ident, on)
            elif kind == END:
                if ident in self.holder:
                    self.close(ident, on, self.group[ident][1].end_reason)
                    self.holder.pop(ident)
            elif kind == MOVE and ident in self.holder and len(self.active) > 1:
                worker, _ = self.holder[ident]
                self.close(ident, on, mixes.REALLOCATION_REASON.pick(self.rng), continuing=True)
                self.assign(ident, on, exclude=worker)
        for need, (worker, since) in self.holder.items():
            self.emit(need, worker, since, None, "")

    def pick(self, on: date, exclude: int | None) -> int | None:
        # Nobody is given a case on their last day.
        candidates = [w for w in self.active if w != exclude and self.leaves[w] != on]
        if not candidates:
            managers = [m for m in self.active_managers if self.leaves[m] != on] or list(self.active_managers)
            return managers[0] if managers else None
        if self.rng.random() < 0.75:
            return min(candidates, key=lambda w: len(self.active[w]))
        return self.rng.choice(candidates)

    def assign(self, need: int, on: date, exclude: int | None = None) -> None:
        worker = self.pick(on, exclude)
        if worker is None:
            return
        (self.active.get(worker) if worker in self.active else self.active_managers[worker])[need] = None
        self.holder[need] = (worker, on)

    def close(self, need: int, on: date, reason: str, continuing: bool = False) -> None:
        worker, since = self.holder[need]
        for pool in (self.active, self.active_managers):
            if worker in pool:
                pool[worker].pop(need, None)
        if not (continuing and since == on):  # a same-day hand-on leaves no allocation behind
            self.emit(need, worker, since, on, reason)

    def take_from_managers(self, on: date) -> None:
        for manager in list(self.active_managers):
            for need in list(self.active_managers[manager]):
                self.close(need, on, "MANAGE", continuing=True)
                self.assign(need, on)

    def emit(self, need: int, worker: int, since: date, until: date | None, reason: str) -> None:
        child = self.group[need][0]
        self.out[child].append((worker, self.team, self.role, since, until, reason))
