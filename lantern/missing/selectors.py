"""Reads for the missing pages: who is missing now, who keeps going missing, and the exploitation picture.

Each takes a queryset of children the caller has already limited to what the user may read
(`workforce.access.visible_children`), and reads in bulk: the same number of queries for 5 children as for 5,000.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import QuerySet

from lantern.accounts.roles import Scope
from lantern.core import codes
from lantern.missing.models import ExploitationScreening, MissingEpisode, SafetyPlan
from lantern.people.models import Child
from lantern.workforce.models import Allocation, Team, Worker

# Repeat missing: 3 or more episodes started in the last 90 days (the threshold most councils' protocols use).
REPEAT_EPISODES = 3
REPEAT_WINDOW_DAYS = 90
# Whose a missing episode is when the child has no allocated worker.
COORDINATOR = "Missing coordinator"


def visible_teams(scope: Scope, worker: Worker | None) -> QuerySet[Team]:
    """The teams whose children a user may list: all (authority-wide), their service's, or their own."""
    teams = Team.objects.order_by("name")
    if scope is Scope.AUTHORITY:
        return teams
    if scope is Scope.NONE or worker is None:
        return teams.none()
    if scope is Scope.TEAM:
        return teams.filter(pk=worker.team_id)
    return teams.filter(service_id=worker.team.service_id)


def in_team(children: QuerySet[Child], team_id: int) -> QuerySet[Child]:
    allocations = Allocation.objects.filter(end_date__isnull=True, team_id=team_id)
    return children.filter(pk__in=allocations.values("child_id"))


def _owners(child_ids: list[int]) -> dict[int, str]:
    """The child's allocated social worker (else personal adviser), or the missing coordinator when none."""
    owners: dict[int, str] = {}
    rows = (
        Allocation.objects.filter(end_date__isnull=True, child_id__in=child_ids)
        .exclude(role=Allocation.Role.IRO)
        .select_related("worker", "team")
        .order_by("role")  # personal_adviser, then social_worker: the social worker, read last, wins
    )
    for allocation in rows:
        owners[allocation.child_id] = f"{allocation.worker.full_name} ({allocation.team.name})"
    return {pk: owners.get(pk, COORDINATOR) for pk in child_ids}


@dataclass(frozen=True)
class MissingNow:
    episode: MissingEpisode
    child: Child
    owner: str
    hours_missing: int
    earlier_in_window: int  # other episodes started in the last 90 days

    @property
    def kind_label(self) -> str:
        return codes.MISSING_TYPE.label(self.episode.kind)


def missing_now(children: QuerySet[Child], *, now: datetime) -> list[MissingNow]:
    """Every episode not yet ended, longest missing first."""
    episodes = list(
        MissingEpisode.objects.filter(child__in=children, returned_at__isnull=True, started_at__lte=now)
        .select_related("child")
        .order_by("started_at", "pk")
    )
    ids = [e.child_id for e in episodes]
    owners = _owners(ids)
    since = now - timedelta(days=REPEAT_WINDOW_DAYS)
    recent: dict[int, int] = defaultdict(int)
    for child_id in MissingEpisode.objects.filter(child_id__in=ids, started_at__gte=since).values_list(
        "child_id", flat=True
    ):
        recent[child_id] += 1
    return [
        MissingNow(
            e, e.child, owners[e.child_id], int((now - e.started_at).total_seconds() // 3600), recent[e.child_id] - 1
        )
        for e in episodes
    ]


@dataclass(frozen=True)
class RepeatMissing:
    child: Child
    owner: str
    episodes: int
    latest: MissingEpisode
    still_missing: bool
    interviews_held: int
    interviews_declined: int
    interviews_outstanding: int  # returned, no interview held or declined
    screening: ExploitationScreening | None
    safety_plan: SafetyPlan | None


def repeat_missing(children: QuerySet[Child], *, as_of: date, now: datetime) -> list[RepeatMissing]:
    """Children with `REPEAT_EPISODES` or more episodes started in the last 90 days, most episodes first."""
    since = now - timedelta(days=REPEAT_WINDOW_DAYS)
    by_child: dict[int, list[MissingEpisode]] = defaultdict(list)
    for episode in (
        MissingEpisode.objects.filter(child__in=children, started_at__gte=since, started_at__lte=now)
        .select_related("child")
        .order_by("started_at", "pk")
    ):
        by_child[episode.child_id].append(episode)
    repeat = {pk: eps for pk, eps in by_child.items() if len(eps) >= REPEAT_EPISODES}
    ids = list(repeat)
    owners = _owners(ids)
    screenings: dict[int, ExploitationScreening] = {}
    for s in ExploitationScreening.objects.filter(child_id__in=ids, screened_on__lte=as_of).order_by("screened_on"):
        screenings[s.child_id] = s
    plans: dict[int, SafetyPlan] = {}
    for p in SafetyPlan.objects.filter(child_id__in=ids, made_on__lte=as_of).order_by("made_on"):
        plans[p.child_id] = p
    rows = []
    for pk, eps in repeat.items():
        returned = [e for e in eps if e.returned_at is not None]
        held = sum(1 for e in returned if e.return_interview_at is not None)
        declined = sum(1 for e in returned if e.return_interview_at is None and e.return_interview_declined_at)
        rows.append(
            RepeatMissing(
                eps[0].child,
                owners[pk],
                len(eps),
                eps[-1],
                eps[-1].returned_at is None,
                held,
                declined,
                len(returned) - held - declined,
                screenings.get(pk),
                plans.get(pk),
            )
        )
    rows.sort(key=lambda r: (-r.episodes, r.child.last_name, r.child.first_name, r.child.la_child_id))
    return rows


@dataclass(frozen=True)
class ChildMissingPicture:
    episodes: list[MissingEpisode]
    screenings: list[ExploitationScreening]
    safety_plans: list[SafetyPlan]


def child_picture(child: Child) -> ChildMissingPicture:
    return ChildMissingPicture(
        list(child.missing_episodes.order_by("-started_at")[:10]),
        list(child.exploitation_screenings.order_by("-screened_on")[:5]),
        list(child.safety_plans.order_by("-made_on")[:5]),
    )
