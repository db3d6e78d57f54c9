"""One demo sign-in per role, all with the same demo password; the case-holding roles linked to a Worker
with a real caseload."""

import random
import re
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.utils import timezone

from lantern.accounts.models import User
from lantern.accounts.roles import Role
from lantern.demo.workforce import Segment, Workforce
from lantern.demo.world import CHILDREN_IN_CARE, DISABLED, PA, SAFEGUARDING, SW, World
from lantern.demo.world import IRO as IRO_ROLE

DEMO_PASSWORD = "lantern-demo"


@dataclass(frozen=True)
class DemoLogin:
    role: Role
    username: str


USERNAMES = {
    Role.SOCIAL_WORKER: "sw.demo",
    Role.TEAM_MANAGER: "tm.demo",
    Role.SERVICE_MANAGER: "sm.demo",
    Role.PERSONAL_ADVISER: "pa.demo",
    Role.IRO: "iro.demo",
    Role.QA: "qa.demo",
    Role.ANALYST: "analyst.demo",
    Role.DIRECTOR: "director.demo",
    Role.INSPECTOR: "inspector.demo",
    Role.ADMINISTRATOR: "admin.demo",
    Role.DATA_PROTECTION: "dpo.demo",
}


def _username(role: Role) -> str:
    # A role added later still gets a sign-in, named after it.
    return USERNAMES.get(role) or re.sub(r"[^a-z]+", "", role.value.lower())[:20] + ".demo"


DEMO_LOGINS = [DemoLogin(role, _username(role)) for role in Role]
DEMO_USERNAMES = [login.username for login in DEMO_LOGINS]


def open_caseloads(allocations: dict[int, list[Segment]], role: str) -> Counter[int]:
    return Counter(seg[0] for segs in allocations.values() for seg in segs if seg[4] is None and seg[2] == role)


def link_workers(force: Workforce, allocations: dict[int, list[Segment]]) -> dict[Role, int]:
    """Choose the worker behind each case-holding demo login; returns worker indexes by role."""
    current = [w for w in force.workers if w.end is None]
    sw_loads = open_caseloads(allocations, SW)
    holding_teams = {t.index for t in force.teams if t.kind in (SAFEGUARDING, CHILDREN_IN_CARE, DISABLED)}
    social_workers = [w for w in current if w.role == "social_worker" and w.team in holding_teams]
    # ~20 children: enough for a meaningful home page, not so many it looks broken.
    sw = min(social_workers, key=lambda w: (abs(sw_loads[w.index] - 20), w.employment != "permanent", w.index))
    team = force.teams[sw.team]
    tm = next(w for w in current if w.role == "team_manager" and w.team == sw.team)
    service_teams = {t.index for t in force.teams if t.service == team.service}
    sm = next(w for w in current if w.role == "service_manager" and w.team in service_teams)
    pa_loads, iro_loads = open_caseloads(allocations, PA), open_caseloads(allocations, IRO_ROLE)
    pas = [w for w in current if w.role == "personal_adviser"]
    iros = [w for w in current if w.role == "iro"]
    pa = max(pas, key=lambda w: (pa_loads[w.index], -w.index))
    iro = max(iros, key=lambda w: (iro_loads[w.index], -w.index))
    chosen = {Role.SOCIAL_WORKER: sw, Role.TEAM_MANAGER: tm, Role.SERVICE_MANAGER: sm, Role.PERSONAL_ADVISER: pa,
              Role.IRO: iro}  # fmt: skip
    for role, worker in chosen.items():
        worker.user_role = role.value
    return {role: worker.index for role, worker in chosen.items()}


def ensure_users(w: World, force: Workforce, linked: dict[Role, int]) -> dict[str, User]:
    """Create (or refresh) the demo users, in their role groups; returns users by role value."""
    rng = random.Random(f"{w.seed}-users")
    password = make_password(DEMO_PASSWORD)  # hashed once: argon2 is deliberately slow
    # The role groups come from migrations; a role whose migration has not landed yet gets its group here.
    groups = {role.value: Group.objects.get_or_create(name=role.value)[0] for role in Role}
    existing = {u.username: u for u in User.objects.filter(username__in=DEMO_USERNAMES)}
    users: dict[str, User] = {}
    for login in DEMO_LOGINS:
        if login.role in linked:
            worker = force.workers[linked[login.role]]
            first, last = worker.first_name, worker.last_name
        else:
            first, last = w.first_name(rng, rng.choice("MF")), w.surname(rng)
        user = existing.get(login.username) or User(username=login.username)
        user.first_name, user.last_name, user.password, user.is_active = first, last, password, True
        user.email = f"{login.username}@example.org"
        # An inspector's access always ends (accounts.User.access_has_ended); the demo's lasts a year.
        user.access_expires_at = timezone.now() + timedelta(days=365) if login.role is Role.INSPECTOR else None
        users[login.role.value] = user
    new = [u for u in users.values() if u.pk is None]
    old = [u for u in users.values() if u.pk is not None]
    User.objects.bulk_create(new)
    if old:
        User.objects.bulk_update(
            old, ["first_name", "last_name", "password", "is_active", "email", "access_expires_at"]
        )
    through = User.groups.through
    through.objects.filter(user__in=list(users.values())).delete()
    through.objects.bulk_create(
        [through(user_id=users[login.role.value].pk, group_id=groups[login.role.value].pk) for login in DEMO_LOGINS]
    )
    return users
