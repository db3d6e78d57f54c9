"""Reads for the front-door queue and the unallocated lists, each a fixed number of queries whatever the size."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet

from lantern.accounts.roles import Role, Scope
from lantern.journey.models import Contact, Referral
from lantern.people.models import Child
from lantern.timescales.engine import Clock
from lantern.timescales.rules.front_door import CONTACT_DECISION
from lantern.timescales.selectors import evaluator
from lantern.workforce.access import user_scope, user_worker, visible_children
from lantern.workforce.models import Allocation


def awaiting_decision(user) -> QuerySet[Contact]:
    """Contacts with no decision yet, oldest first, among the children the user may read."""
    return (
        Contact.objects.filter(decision="", child__in=visible_children(user))
        .select_related("child")
        .order_by("received_at", "pk")
    )


@dataclass
class QueuedContact:
    contact: Contact
    clock: Clock | None


def with_clocks(contacts: list[Contact], *, as_of: date) -> list[QueuedContact]:
    """Each contact's 24-hour decision clock, from the registry's rule (the same one My work shows)."""
    ev = evaluator(as_of=as_of)
    return [
        QueuedContact(
            contact,
            ev.clock(
                CONTACT_DECISION, contact.child_id, "Contact", contact.received_at, None, target=("contact", contact.pk)
            ),
        )
        for contact in contacts
    ]


def _unallocated_referrals() -> QuerySet[Referral]:
    """Open referrals (CIN episodes) whose child has no allocated social worker now."""
    held = Allocation.objects.filter(
        child=OuterRef("child_id"), role=Allocation.Role.SOCIAL_WORKER, end_date__isnull=True
    )
    return (
        Referral.objects.filter(closure_date__isnull=True)
        .exclude(Exists(held))
        .select_related("child", "team")
        .order_by("referral_date", "pk")
    )


def unallocated(user) -> QuerySet[Referral]:
    """Referrals waiting for a worker that this user may allocate or read: the whole authority's for the front
    door and authority-wide readers; the team's (or the service's) referrals for a team (or service) manager."""
    referrals = _unallocated_referrals()
    scope = user_scope(user)
    if scope is Scope.AUTHORITY:
        return referrals.filter(child__in=visible_children(user))
    worker = user_worker(user)
    if worker is None or not user.has_role(Role.TEAM_MANAGER, Role.SERVICE_MANAGER):
        return referrals.none()
    mine = Q(team__service_id=worker.team.service_id) if scope is Scope.SERVICE else Q(team_id=worker.team_id)
    # A child referred to the team but not yet allocated is the team's, though no allocation shows it yet.
    restricted = Q(child__is_restricted=True) & ~Q(child__restricted_access__user_id=user.pk)
    return referrals.filter(mine).exclude(restricted)


def allocatable_child(user, la_child_id: str) -> Child | None:
    """The child, if this user may read their record or is waiting on their team's unallocated list."""
    child = visible_children(user).filter(la_child_id=la_child_id).first()
    if child is not None:
        return child
    referral = unallocated(user).filter(child__la_child_id=la_child_id).first()
    return referral.child if referral else None


def on_own_unallocated_list(user, child: Child) -> bool:
    """The child is on this manager's own unallocated list (their own work: no reason is asked)."""
    return user_scope(user) is not Scope.AUTHORITY and unallocated(user).filter(child=child).exists()


def allocation_history(child: Child) -> list[Allocation]:
    """Every worker the child has had, newest first, in one query."""
    return list(Allocation.objects.filter(child=child).select_related("worker", "team").order_by("-start_date", "-pk"))
