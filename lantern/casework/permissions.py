"""Who may record what in casework: any recording role writes case notes; oversight decisions are managers'."""

from lantern.accounts.roles import Role
from lantern.casework.models import OversightDelegation
from lantern.workforce.access import can_record

OVERSIGHT_ROLES = (Role.TEAM_MANAGER, Role.SERVICE_MANAGER)


def may_write_notes(user) -> bool:
    return can_record(user)


def may_record_oversight(user) -> bool:
    """Team and service managers; social workers too where the council delegates it (`OversightDelegation`)."""
    if not can_record(user):
        return False
    if user.has_role(*OVERSIGHT_ROLES):
        return True
    return user.has_role(Role.SOCIAL_WORKER) and OversightDelegation.current().social_workers_may_record
