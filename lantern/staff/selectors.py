"""Reads for the staff pages: who belongs to a team (and so can open its records), and which teams are due a review."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Max, QuerySet
from django.utils import timezone

from lantern.accounts.models import AccountEvent, User
from lantern.accounts.roles import ROLE_SCOPE, Scope
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


def wider_readers(team: Team) -> list[tuple[User, str]]:
    """The active accounts outside the team that can still open its records, each with why: service managers of
    the team's service (in other teams) and every authority-wide role. The team's own members are not repeated."""

    def names(scope: Scope) -> list[str]:
        return [role.value for role, role_scope in ROLE_SCOPE.items() if role_scope is scope]

    members = team_members(team).values("pk")
    service = (
        User.objects.filter(
            is_active=True,
            groups__name__in=names(Scope.SERVICE),
            worker__end_date__isnull=True,
            worker__team__service_id=team.service_id,
        )
        .exclude(pk__in=members)
        .distinct()
    )
    authority = User.objects.filter(is_active=True, groups__name__in=names(Scope.AUTHORITY)).distinct()
    readers: dict[int, tuple[User, str]] = {}
    for user in service.prefetch_related("groups").order_by("last_name", "first_name", "username"):
        readers[user.pk] = (user, f"Reads all of {team.service.name}")
    for user in authority.prefetch_related("groups").order_by("last_name", "first_name", "username"):
        readers[user.pk] = (user, "Reads the whole authority")
    return list(readers.values())


def wider_lines(team: Team) -> list[str]:
    return [
        f"(outside the team) {u.username}: {', '.join(sorted(g.name for g in u.groups.all()))}; {why.lower()}"
        for u, why in wider_readers(team)
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
