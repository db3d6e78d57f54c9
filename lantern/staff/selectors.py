"""Reads for the staff pages: who belongs to a team (and so can open its records), and which teams are due a review."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Max, QuerySet
from django.utils import timezone

from lantern.accounts.models import AccountEvent, User
from lantern.staff.models import AccessReview
from lantern.workforce.models import Team, Worker

REVIEW_EVERY_DAYS = 90


def team_members(team: Team) -> QuerySet[User]:
    """The accounts whose current worker record is in the team, with their roles."""
    workers = Worker.objects.filter(team=team, end_date__isnull=True, user__isnull=False)
    return User.objects.filter(worker__in=workers).prefetch_related("groups").order_by("last_name", "first_name")


def member_lines(team: Team) -> list[str]:
    return [
        f"{u.username}: {', '.join(sorted(g.name for g in u.groups.all())) or 'no role'}"
        + ("" if u.is_active else " (disabled)")
        for u in team_members(team)
    ]


@dataclass
class TeamReview:
    team: Team
    last: AccessReview | None
    due: bool


def reviews(teams: QuerySet[Team] | None = None) -> list[TeamReview]:
    """Each team's latest review, and whether it is due (none yet, or more than REVIEW_EVERY_DAYS ago)."""
    teams = teams if teams is not None else Team.objects.all()
    latest = {row["team"]: row["at"] for row in AccessReview.objects.values("team").annotate(at=Max("confirmed_at"))}
    last_rows = {
        r.team_id: r
        for r in AccessReview.objects.filter(confirmed_at__in=latest.values()).select_related("confirmed_by")
    }
    cutoff = timezone.now() - timedelta(days=REVIEW_EVERY_DAYS)
    return [
        TeamReview(team=t, last=last_rows.get(t.pk), due=t.pk not in latest or latest[t.pk] < cutoff)
        for t in teams.select_related("service").order_by("service__name", "name")
    ]


def account_history(user: User) -> list[AccountEvent]:
    return list(AccountEvent.objects.filter(user=user).select_related("by").order_by("-at")[:30])
