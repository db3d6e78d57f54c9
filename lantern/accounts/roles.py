"""The roles of DESIGN.md, as data: each role is a Django group of the same name.

`scope` says whose children a role reads: its own team's, its service's, the whole authority's,
or none (administrators manage users but do not read case records).
"""

from enum import StrEnum


class Role(StrEnum):
    SOCIAL_WORKER = "Social worker"
    PERSONAL_ADVISER = "Personal adviser"
    TEAM_MANAGER = "Team manager"
    SERVICE_MANAGER = "Service manager"
    IRO = "IRO / CP chair"
    QA = "QA and audit"
    ANALYST = "Performance analyst"
    DIRECTOR = "Director"
    INSPECTOR = "Inspector"
    ADMINISTRATOR = "Administrator"
    DATA_PROTECTION = "Data protection officer"
    # Owns the missing episodes of children with no allocated worker, and reads every child to find them.
    MISSING_COORDINATOR = "Missing coordinator"
    FRONT_DOOR = "Front door"


class Scope(StrEnum):
    TEAM = "team"
    SERVICE = "service"
    AUTHORITY = "authority"
    NONE = "none"


ROLE_SCOPE: dict[Role, Scope] = {
    Role.SOCIAL_WORKER: Scope.TEAM,
    Role.PERSONAL_ADVISER: Scope.TEAM,
    Role.TEAM_MANAGER: Scope.TEAM,
    Role.IRO: Scope.TEAM,
    Role.SERVICE_MANAGER: Scope.SERVICE,
    Role.QA: Scope.AUTHORITY,
    Role.ANALYST: Scope.AUTHORITY,
    Role.DIRECTOR: Scope.AUTHORITY,
    Role.INSPECTOR: Scope.AUTHORITY,
    Role.ADMINISTRATOR: Scope.NONE,
    # Reads who opened a record (the access log), never the record itself.
    Role.DATA_PROTECTION: Scope.NONE,
    # Authority-wide, for missing and exploitation work only: the missing pages let them record, no other page does.
    Role.MISSING_COORDINATOR: Scope.AUTHORITY,
    # The front door (MASH) decides on contacts about any child, known or not: it reads the whole authority.
    Role.FRONT_DOOR: Scope.AUTHORITY,
}

_BREADTH = [Scope.NONE, Scope.TEAM, Scope.SERVICE, Scope.AUTHORITY]


def widest_scope(role_names: set[str]) -> Scope:
    """The broadest scope among a user's roles (a team manager who is also an analyst reads everything)."""
    scopes = [ROLE_SCOPE[Role(name)] for name in role_names if name in Role._value2member_map_]
    if not scopes:
        return Scope.NONE
    return max(scopes, key=_BREADTH.index)


# Roles that must sign in with a second factor (an authenticator app) as well as a password.
TWO_FACTOR_ROLES = (
    Role.TEAM_MANAGER,
    Role.SERVICE_MANAGER,
    Role.DIRECTOR,
    Role.INSPECTOR,
    Role.ADMINISTRATOR,
    Role.DATA_PROTECTION,
)
