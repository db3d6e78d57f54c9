"""Reads for children in care: a child's care on their record, and the children-in-care list, both in bulk."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from lantern.care.models import CareEpisode, CarePeriod, PermanencePlan
from lantern.care.postcodes import PlacementPlace, distance_band, placement_place
from lantern.core import codes
from lantern.core.models import AuthoritySettings
from lantern.people.models import Child
from lantern.workforce.access import can_record
from lantern.workforce.models import Allocation


def council_authority() -> str:
    """The council's ONS code: a placement whose authority is another is out of area."""
    return AuthoritySettings.current().ons_code


def collection_year_start(day: date) -> date:
    """1 April of the SSDA903 collection year that `day` falls in."""
    return date(day.year if day.month >= 4 else day.year - 1, 4, 1)


def placements_in_year(episodes: list[CareEpisode], since: date) -> int:
    """Placements the child had since `since`: the one they were in then, and each move after (a change of
    legal status only, RNE L, is the same placement)."""
    count = 0
    for episode in sorted(episodes, key=lambda e: e.start_date):
        if episode.end_date is not None and episode.end_date < since:
            continue
        if count == 0 or episode.reason_new_episode in codes.NEW_PLACEMENT_REASONS:
            count += 1
    return count


@dataclass
class EpisodeRow:
    episode: CareEpisode
    place: PlacementPlace

    @property
    def legal_status(self) -> str:
        return f"{self.episode.legal_status}: {codes.LEGAL_STATUS.label(self.episode.legal_status)}"

    @property
    def placement(self) -> str:
        return f"{self.episode.placement_type}: {codes.PLACEMENT_TYPE.label(self.episode.placement_type)}"

    @property
    def provider(self) -> str:
        code = self.episode.placement_provider
        return f"{code}: {codes.PLACEMENT_PROVIDER.label(code)}" if code else "None (not required)"


@dataclass
class CareSummary:
    period: CarePeriod | None
    current: EpisodeRow | None
    episodes: list[EpisodeRow]

    @property
    def looked_after(self) -> bool:
        return self.period is not None and self.period.end_date is None


def care_summary(child: Child) -> CareSummary:
    """The child's latest period of care, its open episode with where it is, and every episode of the period."""
    period = CarePeriod.objects.filter(child=child).order_by("-start_date").first()
    if period is None:
        return CareSummary(None, None, [])
    council = council_authority()
    rows = [
        EpisodeRow(e, placement_place(e.home_postcode, e.placement_postcode, council))
        for e in period.episodes.order_by("-start_date")
    ]
    current = next((r for r in rows if r.episode.end_date is None), None)
    return CareSummary(period, current, rows)


# The children-in-care list ----------------------------------------------------------------------------------


@dataclass
class InCareRow:
    child: Child
    episode: CareEpisode
    period_start: date
    place: PlacementPlace
    permanence_plan: str  # the code, or ""
    team: str
    social_worker: str
    iro: str
    placements_this_year: int

    @property
    def band(self) -> str:
        return distance_band(self.place.distance)

    @property
    def permanence_plan_label(self) -> str:
        return codes.PERMANENCE_PLAN.label(self.permanence_plan) if self.permanence_plan else "None recorded"


def children_in_care(children: QuerySet[Child], *, today: date) -> list[InCareRow]:
    """Every child of `children` looked after today, with their placement, its distance and area, the permanence
    plan, the team, social worker and IRO, and their placements since 1 April: five queries for any number."""
    open_episodes = list(
        CareEpisode.objects.filter(child__in=children, end_date__isnull=True, period__end_date__isnull=True)
        .select_related("child", "period")
        .order_by("child__last_name", "child__first_name", "child__la_child_id")
    )
    child_ids = [e.child_id for e in open_episodes]
    period_ids = [e.period_id for e in open_episodes]
    since = collection_year_start(today)
    by_period: dict[int, list[CareEpisode]] = defaultdict(list)
    for episode in (
        CareEpisode.objects.filter(period_id__in=period_ids)
        .exclude(end_date__lt=since)
        .only("period_id", "start_date", "end_date", "reason_new_episode")
    ):
        by_period[episode.period_id].append(episode)
    plans: dict[int, str] = {}
    for plan in PermanencePlan.objects.filter(period_id__in=period_ids).order_by("decided_on", "pk"):
        plans[plan.child_id] = plan.plan  # the latest decided wins
    social_workers: dict[int, Allocation] = {}
    iros: dict[int, Allocation] = {}
    for allocation in Allocation.objects.filter(
        child_id__in=child_ids,
        end_date__isnull=True,
        role__in=[Allocation.Role.SOCIAL_WORKER, Allocation.Role.IRO],
    ).select_related("worker", "team"):
        (iros if allocation.role == Allocation.Role.IRO else social_workers)[allocation.child_id] = allocation
    council = council_authority()
    rows = []
    for episode in open_episodes:
        worker = social_workers.get(episode.child_id)
        iro = iros.get(episode.child_id)
        rows.append(
            InCareRow(
                child=episode.child,
                episode=episode,
                period_start=episode.period.start_date,
                place=placement_place(episode.home_postcode, episode.placement_postcode, council),
                permanence_plan=plans.get(episode.child_id, ""),
                team=worker.team.name if worker else "",
                social_worker=worker.worker.full_name if worker else "",
                iro=iro.worker.full_name if iro else "",
                placements_this_year=placements_in_year(by_period[episode.period_id], since),
            )
        )
    return rows


def record_section(child: Child, user) -> dict:
    """What the child's record shows of their care (`care/_record_care.html`), and whether to offer its forms."""
    return {"care": care_summary(child), "can_record_care": can_record(user)}
