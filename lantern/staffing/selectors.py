"""The workforce's figures, in bulk: the establishment (vacancy and agency rates), turnover, caseloads beside the
timeliness of each worker's children's clocks (stored `OpenClock` rows), supervision due, and the DfE's children's
social work workforce census for a year (reference date 30 September)."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from statistics import median

from django.db.models import Count, Q, QuerySet

from lantern.people.models import Child
from lantern.timescales.clocks import Clock, Status
from lantern.timescales.drift import CASEHOLDING_ROLES, caseloads
from lantern.timescales.models import OpenClock
from lantern.timescales.selectors import supervision_clocks
from lantern.workforce.models import Absence, Post, Team, Worker, WorkerRole

# The census counts children and family social workers, managers included; personal advisers and family support
# workers are not registered social workers.
SOCIAL_WORK_ROLES = {
    WorkerRole.SOCIAL_WORKER,
    WorkerRole.SENIOR_PRACTITIONER,
    WorkerRole.TEAM_MANAGER,
    WorkerRole.SERVICE_MANAGER,
    WorkerRole.IRO,
}
CASELOAD_BANDS = [(0, 5), (6, 10), (11, 15), (16, 20), (21, 25), (26, None)]


def rate(part: Decimal | int, whole: Decimal | int) -> float | None:
    """A share as a percentage to one place; None when there is nothing to share (shown as "none")."""
    return round(float(part) * 100 / float(whole), 1) if whole else None


def fte_text(value: Decimal) -> str:
    """An FTE as people write it: 2.5, 1, 0.75."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def in_post(workers: QuerySet[Worker], on: date) -> QuerySet[Worker]:
    return workers.filter(start_date__lte=on).filter(Q(end_date__isnull=True) | Q(end_date__gt=on))


@dataclass
class Establishment:
    posts: int = 0
    fte: Decimal = Decimal(0)
    vacant_fte: Decimal = Decimal(0)  # no permanent holder (agency-covered included, as the census counts them)
    agency_fte: Decimal = Decimal(0)
    filled_fte: Decimal = Decimal(0)  # held by anyone, permanent or agency

    @property
    def figures(self) -> dict[str, str]:
        return {
            "fte": fte_text(self.fte),
            "vacant": fte_text(self.vacant_fte),
            "agency": fte_text(self.agency_fte),
            "filled": fte_text(self.filled_fte),
        }

    @property
    def vacancy_rate(self) -> float | None:
        return rate(self.vacant_fte, self.fte)

    @property
    def agency_rate(self) -> float | None:
        return rate(self.agency_fte, self.filled_fte)


def establishments(teams: Iterable[Team]) -> dict[int, Establishment]:
    """Each team's establishment, in one query."""
    found: dict[int, Establishment] = {team.pk: Establishment() for team in teams}
    for post in Post.objects.filter(team_id__in=list(found)).select_related("worker"):
        e = found[post.team_id]
        e.posts += 1
        e.fte += post.fte
        agency = post.worker is not None and post.worker.employment == Worker.Employment.AGENCY
        if post.worker is None or agency:
            e.vacant_fte += post.fte
        if post.worker is not None:
            e.filled_fte += post.fte
        if agency:
            e.agency_fte += post.fte
    return found


def total(parts: Iterable[Establishment]) -> Establishment:
    whole = Establishment()
    for e in parts:
        whole.posts += e.posts
        whole.fte += e.fte
        whole.vacant_fte += e.vacant_fte
        whole.agency_fte += e.agency_fte
        whole.filled_fte += e.filled_fte
    return whole


def team_posts(team: Team) -> list[Post]:
    return list(Post.objects.filter(team=team).select_related("worker").order_by("grade", "vacant_since", "pk"))


@dataclass
class Turnover:
    starters: int
    leavers: int
    in_post: int

    @property
    def rate(self) -> float | None:
        """Leavers in the 12 months as a share of the workers in post at the end of them (the census's turnover)."""
        return rate(self.leavers, self.in_post)


def turnover(team_ids: list[int], *, start: date, end: date) -> Turnover:
    workers = Worker.objects.filter(team_id__in=team_ids)
    return Turnover(
        starters=workers.filter(start_date__gte=start, start_date__lte=end).count(),
        leavers=workers.filter(end_date__gte=start, end_date__lte=end).count(),
        in_post=in_post(workers, end).count(),
    )


@dataclass
class WorkerLoad:
    worker: Worker
    children: int
    clocks: int
    overdue: int
    supervision: Clock | None

    @property
    def overdue_share(self) -> float | None:
        return rate(self.overdue, self.clocks)


def worker_loads(team_ids: list[int], *, as_of: date) -> list[WorkerLoad]:
    """Each caseholding worker now in the teams: their children, their children's running clocks (the stored
    ones) and the share overdue, heaviest caseload first. A fixed number of queries, whatever the number of
    workers."""
    workers = list(in_post(Worker.objects.filter(team_id__in=team_ids), as_of).select_related("team"))
    counts = caseloads(worker_ids=[w.pk for w in workers])
    clock_rows = (
        OpenClock.objects.filter(
            child__allocations__end_date__isnull=True,
            child__allocations__role__in=CASEHOLDING_ROLES,
            child__allocations__worker_id__in=[w.pk for w in workers],
        )
        .values("child__allocations__worker_id")
        .annotate(total=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=as_of)))
        .order_by()
    )
    clocks = {row["child__allocations__worker_id"]: (row["total"], row["overdue"]) for row in clock_rows}
    supervision = supervision_clocks(workers=workers, as_of=as_of)
    loads = [
        WorkerLoad(w, counts.get(w.pk, 0), *clocks.get(w.pk, (0, 0)), supervision.get(w.pk))
        for w in workers
        if counts.get(w.pk)
        or w.role in (WorkerRole.SOCIAL_WORKER, WorkerRole.SENIOR_PRACTITIONER)
        or w.role == WorkerRole.PERSONAL_ADVISER
    ]
    return sorted(loads, key=lambda load: (-load.children, load.worker.last_name, load.worker.first_name))


@dataclass
class Distribution:
    workers: int
    children: int
    average: float | None
    median: float | None
    bands: list[tuple[str, int]] = field(default_factory=list)


def distribution(loads: list[WorkerLoad]) -> Distribution:
    sizes = [load.children for load in loads]
    bands = Counter()
    for n in sizes:
        for low, high in CASELOAD_BANDS:
            if n >= low and (high is None or n <= high):
                bands[(low, high)] += 1
    labels = [
        (f"{low} to {high}" if high is not None else f"{low} or more", bands[(low, high)])
        for low, high in CASELOAD_BANDS
    ]
    return Distribution(
        workers=len(sizes),
        children=sum(sizes),
        average=round(sum(sizes) / len(sizes), 1) if sizes else None,
        median=float(median(sizes)) if sizes else None,
        bands=labels,
    )


def supervision_due(loads: list[WorkerLoad]) -> list[WorkerLoad]:
    """Workers whose supervision is overdue or due soon, the most overdue first."""
    due = [load for load in loads if load.supervision and load.supervision.status in (Status.OVERDUE, Status.DUE_SOON)]
    return sorted(due, key=lambda load: load.supervision.due_date)


def census_year_end(today: date) -> date:
    """The census reference date: the latest 30 September on or before today."""
    end = date(today.year, 9, 30)
    return end if end <= today else date(today.year - 1, 9, 30)


def census(*, year_end: date) -> list[tuple[str, float | int | None]]:
    """The DfE children's social work workforce census figures for the year to `year_end` (30 September), for
    children and family social workers (the census's scope)."""
    start = date(year_end.year - 1, 10, 1)
    workers = Worker.objects.filter(role__in=SOCIAL_WORK_ROLES)
    here = list(in_post(workers, year_end))
    permanent = [w for w in here if w.employment == Worker.Employment.PERMANENT]
    agency = [w for w in here if w.employment == Worker.Employment.AGENCY]
    posts = Post.objects.filter(grade__in=SOCIAL_WORK_ROLES).select_related("worker")
    vacancies = sum(
        (p.fte for p in posts if p.worker is None or p.worker.employment == Worker.Employment.AGENCY), Decimal(0)
    )
    perm_fte = sum((w.fte for w in permanent), Decimal(0))
    agency_fte = sum((w.fte for w in agency), Decimal(0))
    loads = caseloads(worker_ids=[w.pk for w in here])
    caseholders = [n for n in loads.values() if n]
    sick_days = 0
    absence = Absence.objects.filter(
        worker__in=permanent, kind=Absence.Kind.SICKNESS, start_date__lte=year_end, end_date__gte=start
    )
    for a in absence:
        sick_days += (min(a.end_date, year_end) - max(a.start_date, start)).days + 1
    starters = workers.filter(employment=Worker.Employment.PERMANENT, start_date__gte=start, start_date__lte=year_end)
    leavers = workers.filter(employment=Worker.Employment.PERMANENT, end_date__gte=start, end_date__lte=year_end)
    leavers_fte = sum((w.fte for w in leavers), Decimal(0))
    return [
        ("Year", f"1 October {start.year} to 30 September {year_end.year}"),
        ("Social workers in post (headcount, permanent)", len(permanent)),
        ("Social workers in post (FTE, permanent)", float(perm_fte)),
        ("Agency workers (headcount)", len(agency)),
        ("Agency workers (FTE)", float(agency_fte)),
        ("Agency rate (% of FTE in post)", rate(agency_fte, perm_fte + agency_fte)),
        ("Vacancies (FTE)", float(vacancies)),
        ("Vacancy rate (% of FTE posts)", rate(vacancies, vacancies + perm_fte)),
        ("Caseholding social workers", len(caseholders)),
        ("Cases held", sum(caseholders)),
        ("Average caseload", round(sum(caseholders) / len(caseholders), 1) if caseholders else None),
        ("Days lost to sickness (permanent)", sick_days),
        ("Sickness days per FTE", round(sick_days / float(perm_fte), 1) if perm_fte else None),
        ("Starters (FTE, permanent)", float(sum((w.fte for w in starters), Decimal(0)))),
        ("Leavers (FTE, permanent)", float(leavers_fte)),
        ("Turnover rate (% leavers FTE of FTE in post)", rate(leavers_fte, perm_fte)),
    ]


def children_by_worker(worker: Worker) -> list[Child]:
    """The children allocated to this worker now (whom a supervision may discuss)."""
    return list(
        Child.objects.filter(
            allocations__worker=worker, allocations__end_date__isnull=True, allocations__role__in=CASEHOLDING_ROLES
        )
        .distinct()
        .order_by("last_name", "first_name")
    )
