"""Joiners, movers and leavers: an administrator creates an account, changes its roles and team, disables or
enables it, each with a reason kept in the account's history; a team manager confirms who can open the team's records.

An account's team is its Worker record (lantern/workforce): that is what decides whose children a team role reads,
so moving a person moves their access. A leaver's sessions end at once.
"""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from lantern.accounts.enrolment import end_sessions
from lantern.accounts.models import AccountEvent, User
from lantern.accounts.roles import Role
from lantern.core.services import Refusal, local_today
from lantern.core.writing import service
from lantern.staff.models import AccessReview
from lantern.workforce.models import Team, Worker

# The roles whose reading follows a team, and the job each is recorded as on the worker record.
TEAM_ROLES: dict[Role, str] = {
    Role.SOCIAL_WORKER: Worker.Role.SOCIAL_WORKER,
    Role.PERSONAL_ADVISER: Worker.Role.PERSONAL_ADVISER,
    Role.TEAM_MANAGER: Worker.Role.TEAM_MANAGER,
    Role.SERVICE_MANAGER: Worker.Role.SERVICE_MANAGER,
    Role.IRO: Worker.Role.IRO,
}


def _reason(refusal: Refusal, reason: str) -> str:
    reason = " ".join(reason.split())
    if not reason:
        refusal.add("reason", "Enter the reason (for example, a ticket number or who asked)")
    elif len(reason) > 200:
        refusal.add("reason", "The reason must be 200 characters or fewer")
    return reason


def _check_roles_and_team(refusal: Refusal, roles: list[Role], team: Team | None) -> None:
    if not roles:
        refusal.add("roles", "Select at least one role")
    team_roles = [r for r in roles if r in TEAM_ROLES]
    if team_roles and team is None:
        refusal.add("team", f"Select the team: a {team_roles[0].value.lower()} reads their team's records")
    if team is not None and not team_roles:
        refusal.add("team", "Only social workers, personal advisers, managers and IROs belong to a team: choose none")


def _roles_label(roles) -> str:
    return ", ".join(sorted(str(r) for r in roles)) or "none"


def _set_team(user: User, team: Team | None, roles: list[Role]) -> None:
    worker = Worker.objects.filter(user=user).first()
    job = next((TEAM_ROLES[r] for r in roles if r in TEAM_ROLES), None)
    if team is None:
        if worker is not None and worker.end_date is None:
            worker.end_date = local_today()
            worker.save(update_fields=["end_date", "updated_at"])
        return
    if worker is None:
        Worker.objects.create(
            user=user,
            first_name=user.first_name,
            last_name=user.last_name,
            role=job,
            team=team,
            start_date=local_today(),
        )
        return
    worker.team, worker.role, worker.end_date = team, job, None
    worker.save(update_fields=["team", "role", "end_date", "updated_at"])


@service
def staff_join(
    *,
    by: User,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    roles: list[Role],
    team: Team | None,
    reason: str,
) -> User:
    """A joiner's account, with no password yet: `password_link` gives them a link to set one."""
    refusal = Refusal()
    reason = _reason(refusal, reason)
    username = username.strip()
    if User.objects.filter(username__iexact=username).exists():
        refusal.add("username", f"There is already an account called {username}: choose another username")
    _check_roles_and_team(refusal, roles, team)
    refusal.raise_if_any()
    user = User(username=username, first_name=first_name.strip(), last_name=last_name.strip(), email=email.strip())
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    user.groups.set([Group.objects.get_or_create(name=r.value)[0] for r in roles])
    _set_team(user, team, roles)
    detail = f"Roles: {_roles_label(roles)}; team: {team.name if team else 'none'}"
    AccountEvent.objects.create(user=user, kind=AccountEvent.Kind.JOINED, by=by, reason=reason, detail=detail)
    return user


@service
def staff_change(*, by: User, user: User, roles: list[Role], team: Team | None, reason: str) -> User:
    """A mover: new roles or a new team. What they can open follows at their next request."""
    refusal = Refusal()
    reason = _reason(refusal, reason)
    _check_roles_and_team(refusal, roles, team)
    if user == by and Role.ADMINISTRATOR not in roles:
        refusal.add("roles", "You cannot take away your own administrator role: ask another administrator")
    refusal.raise_if_any()
    before_roles = set(user.groups.values_list("name", flat=True))
    worker = Worker.objects.filter(user=user, end_date__isnull=True).select_related("team").first()
    before_team = worker.team.name if worker else "none"
    user.groups.set([Group.objects.get_or_create(name=r.value)[0] for r in roles])
    _set_team(user, team, roles)
    after_team = team.name if team else "none"
    changes = []
    if before_roles != {r.value for r in roles}:
        changes.append(f"roles: {_roles_label(before_roles)} → {_roles_label(roles)}")
    if before_team != after_team:
        changes.append(f"team: {before_team} → {after_team}")
    if not changes:
        raise ValidationError({"roles": "Nothing changed: change a role or the team, or go back"})
    AccountEvent.objects.create(
        user=user, kind=AccountEvent.Kind.CHANGED, by=by, reason=reason, detail="; ".join(changes)[:300]
    )
    return user


@service
def staff_leave(*, by: User, user: User, reason: str) -> int:
    """A leaver: the account is disabled and every session it has ends now. Returns how many sessions ended."""
    refusal = Refusal()
    reason = _reason(refusal, reason)
    if user == by:
        refusal.add("reason", "You cannot disable your own account: ask another administrator")
    if not user.is_active:
        refusal.add("reason", f"{user.username}'s account is already disabled")
    refusal.raise_if_any()
    user.is_active = False
    user.save(update_fields=["is_active"])
    Worker.objects.filter(user=user, end_date__isnull=True).update(end_date=local_today())
    ended = end_sessions(user)
    AccountEvent.objects.create(
        user=user, kind=AccountEvent.Kind.DISABLED, by=by, reason=reason, detail=f"{ended} session(s) ended"
    )
    return ended


@service
def staff_return(*, by: User, user: User, reason: str) -> None:
    refusal = Refusal()
    reason = _reason(refusal, reason)
    if user.is_active:
        refusal.add("reason", f"{user.username}'s account is already enabled")
    refusal.raise_if_any()
    user.is_active = True
    user.save(update_fields=["is_active"])
    AccountEvent.objects.create(user=user, kind=AccountEvent.Kind.ENABLED, by=by, reason=reason)


@service
def password_link(*, by: User, user: User, reason: str) -> str:
    """A one-time link (path) for the user to set a new password; it stops working once used or after
    PASSWORD_RESET_TIMEOUT, or when the password changes."""
    refusal = Refusal()
    reason = _reason(refusal, reason)
    if not user.is_active:
        refusal.add("reason", f"{user.username}'s account is disabled: enable it first")
    refusal.raise_if_any()
    AccountEvent.objects.create(user=user, kind=AccountEvent.Kind.PASSWORD_LINK, by=by, reason=reason)
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("password_set", args=[uid, default_token_generator.make_token(user)])


@service
def access_review_confirm(*, by: User, team: Team, members: list[str], note: str = "") -> AccessReview:
    """The team manager confirms the list of who can open the team's records is right (or notes what is not)."""
    note = " ".join(note.split())
    if len(note) > 500:
        raise ValidationError({"note": "The note must be 500 characters or fewer"})
    return AccessReview.objects.create(team=team, confirmed_by=by, members="\n".join(members), note=note)
