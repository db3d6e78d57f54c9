"""Who may make which decision on the journey: authorising an assessment is a team manager's decision."""

from lantern.accounts.roles import Role
from lantern.journey.models import AuthorisationDelegation
from lantern.workforce.access import can_record

AUTHORISING_ROLES = (Role.TEAM_MANAGER, Role.SERVICE_MANAGER)


def may_authorise_assessment(user) -> bool:
    """Team and service managers; social workers too where the council delegates it (`AuthorisationDelegation`)."""
    if not can_record(user):
        return False
    if user.has_role(*AUTHORISING_ROLES):
        return True
    return user.has_role(Role.SOCIAL_WORKER) and AuthorisationDelegation.current().social_workers_may_authorise
