"""The workforce over the years: services, teams, chains of workers in each post (leavers, vacancies, agency
cover), and the allocation of children to workers as their needs start, move and end."""

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from lantern.demo.figures import figure
from lantern.demo.plans import NeedPlan
from lantern.demo.world import (
    ASSESSMENT,
    CHILDREN_IN_CARE,
    DISABLED,
    FRONT_DOOR,
    IRO,
    IRO_SERVICE,
    LEAVING_CARE,
    PA,
    SAFEGUARDING,
    SW,
    World,
)

SERVICES = [
    ("Front Door and Assessment", [FRONT_DOOR, ASSESSMENT]),
    ("Safeguarding and Family Support", [SAFEGUARDING, DISABLED]),
    ("Children in Care and Care Leavers", [CHILDREN_IN_CARE, LEAVING_CARE]),
    ("Quality Assurance and Independent Reviewing", [IRO_SERVICE]),
]
TEAM_NAMES = {
    FRONT_DOOR: "Front Door (MASH)",
    ASSESSMENT: "Assessment Team",
    SAFEGUARDING: "Child in Need and Protection Team",
    DISABLED: "Children with Disabilities Team",
    CHILDREN_IN_CARE: "Children in Care Team",
    LEAVING_CARE: "Leaving Care Team",
    IRO_SERVICE: "IRO Service",
}
# The allocation role a team's children need, and the worker roles that can hold them.
HOLDERS = {SW: ("social_worker", "senior_practitioner"), PA: ("personal_adviser",), IRO: ("iro",)}
AGENCY_TENURE_DAYS = 270


@dataclass(slots=True)
class TeamPlan:
    index: int
    name: str
    kind: str
    service: int


@dataclass(slots=True)
class WorkerPlan:
    index: int
    first_name: str
    last_name: str
    role: str
    team: int
    employment: str
    fte: Decimal
    registration: str
    start: date
    end: date | None
    user_role: str = ""


# (worker, team, allocation role, start, end, end reason)
Segment = tuple[int, int, str, date, date | None, str]


class Workforce:
    def __init__(self, w: World) -> None:
        self.w = w
        self.rng = random.Random(f"{w.seed}-workforce")
        self.services = [name for name, _ in SERVICES]
        self.teams: list[TeamPlan] = []
        self.by_kind: dict[str, list[int]] = defaultdict(list)
        self.workers: list[WorkerPlan] = []
        self.registrations: set[str] = set()
        counts = dict(w.size.teams)
        counts[LEAVING_CARE] = max(1, w.size.children_in_care // 700)
        counts[IRO_SERVICE] = max(1, w.size.children_in_care // 1000)
        counts[FRONT_DOOR] = 1
        for service, (_, kinds) in enumerate(SERVICES):
            for kind in kinds:
                n = counts.get(kind, 1)
                for i in range(n):
                    name = TEAM_NAMES[kind] + (f" {i + 1}" if n > 1 else "")
                    self.teams.append(TeamPlan(len(self.teams), name, kind, service))
                    self.by_kind[kind].append(len(self.teams) - 1)

    def team_for(self, kind: str, slot: int) -> int:
        teams = self.by_kind[kind]
        return teams[slot % len(teams)]

    # Staffing ---------------------------------------------------------------------------------------------

    def staff(self, needs: list[tuple[int, int, NeedPlan]]) -> None:
        """Posts per team from the children it held on average over the window, then a chain of workers per post."""
        w, rng = self.w, self.rng
        window = max(1, (w.today - w.start).days)
        load: dict[int, float] = defaultdict(float)
        earliest: dict[int, date] = {}
        for _, slot, need in needs:
            team = self.team_for(need.kind, slot)
            lo, hi = max(need.start, w.start), min(need.end or w.today, w.today)
            load[team] += max(0, (hi - lo).days) / window
            earliest[team] = min(earliest.get(team, need.start), need.start)
        for team in self.teams:
            first = min(earliest.get(team.index, w.start), w.start) - timedelta(days=rng.randint(30, 2000))
            target = {IRO_SERVICE: figure("iro_caseload"), LEAVING_CARE: figure("pa_caseload")}.get(
                team.kind, figure("caseload_per_worker") * rng.uniform(0.85, 1.2)
            )
            if team.index == self.by_kind[SAFEGUARDING][0]:
                target = 20  # the demo social worker's team runs a little hot
            posts = max(1, round(load[team.index] / target))
            if team.kind == FRONT_DOOR:
                posts = max(2, w.size.referrals_per_year // 400)
            role = {IRO_SERVICE: "iro", LEAVING_CARE: "personal_adviser"}.get(team.kind, "social_worker")
            self.chain(team.index, "team_manager", first, manager=True)
            for post in range(posts):
                post_role = "senior_practitioner" if role == "social_worker" and post % 5 == 1 else role
                # The first post is never left empty, so every team always has someone to hold its children.
                self.chain(team.index, post_role, first, covered=post == 0)
            if team.kind in (SAFEGUARDING, CHILDREN_IN_CARE, DISABLED):
                for _ in range(max(1, posts // 6)):
                    self.chain(team.index, "family_support", first)
        for _, kinds in SERVICES:
            # A service manager sits in the service's first team (Worker.team is required).
            home = self.by_kind[kinds[0]][0]
            self.chain(home, "service_manager", w.start - timedelta(days=rng.randint(400, 3000)), manager=True)

    def chain(self, team: int, role: str, first: date, manager: bool = False, covered: bool = False) -> None:
        """Successive workers in one post: leavers (turnover), a gap (vacancy) and agency cover."""
        w, rng = self.w, self.rng
        start = first
        agency = not manager and rng.random() < figure("agency_share")
        while start <= w.today:
            mean = AGENCY_TENURE_DAYS if agency else 365 / figure("turnover")
            end = start + timedelta(days=max(60, int(rng.expovariate(1 / mean))))
            self.add_worker(team, role, agency, start, None if end > w.today else end)
            if end > w.today:
                return
            start = end if manager or covered else end + timedelta(days=rng.randint(7, 100))
            agency = not manager and rng.random() < 0.56  # keeps ~16% of posts agency-filled

    def add_worker(self, team: int, role: str, agency: bool, start: date, end: date | None) -> None:
        rng = self.rng
        registration = ""
        if role not in ("personal_adviser", "family_support"):
            while not registration or registration in self.registrations:
                registration = f"SW{rng.randint(100_000, 999_999)}"
            self.registrations.add(registration)
        sex = rng.choice("MFFF")  # the profession is mostly women
        fte = Decimal("1.00")
        if not agency and rng.random() < 0.25:
            fte = Decimal(rng.choice(["0.80", "0.60", "0.50", "0.80"]))
        self.workers.append(
            WorkerPlan(
                len(self.workers),
                self.w.first_name(rng, sex),
                self.w.surname(rng),
                role,
                team,
                "agency" if agency else "permanent",
                fte,
                registration,
                start,
                end,
            )
        )


SUPERVISION_DAYS = 28
SUPERVISION_LATE = 0.2


def plan_supervisions(force: Workforce) -> list[tuple[int, int | None, date]]:
    """(worker, supervisor, held on): about every 4 weeks through each worker's time in post since the window
    opened, with some gaps; the supervisor is the team manager in post (the service manager for managers)."""
    w = force.w
    rng = random.Random(f"{w.seed}-supervision")
    managers: dict[int, list[WorkerPlan]] = defaultdict(list)  # team -> team managers over time
    service_managers: dict[int, list[WorkerPlan]] = defaultdict(list)  # service -> service managers
    for p in force.workers:
        if p.role == "team_manager":
            managers[p.team].append(p)
        elif p.role == "service_manager":
            service_managers[force.teams[p.team].service].append(p)

    def in_post(people: list[WorkerPlan], on: date, other_than: int) -> int | None:
        for p in people:
            if p.index != other_than and p.start <= on and (p.end is None or on < p.end):
                return p.index
        return None

    held: list[tuple[int, int | None, date]] = []
    for p in force.workers:
        last = min(p.end or w.today, w.today)
        on = w.clock.on_or_after(max(p.start, w.start) + timedelta(days=rng.randint(5, 30)))
        while on <= last and on <= w.today:
            if p.role == "team_manager":
                supervisor = in_post(service_managers[force.teams[p.team].service], on, p.index)
            elif p.role == "service_manager":
                supervisor = None
            else:
                supervisor = in_post(managers[p.team], on, p.index)
            held.append((p.index, supervisor, on))
            u = rng.random()
            if u < 0.03:
                gap = rng.randint(60, 120)  # a long gap: sickness, a manager's vacancy
            elif u < SUPERVISION_LATE:
                gap = rng.randint(SUPERVISION_DAYS + 1, 50)
            else:
                gap = rng.randint(SUPERVISION_DAYS - 7, SUPERVISION_DAYS)
            on = w.clock.on_or_after(on + timedelta(days=gap))
    return held
