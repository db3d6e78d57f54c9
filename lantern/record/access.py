"""Whose children a user may read, decided on the server for every page, search and export."""

from django.db.models import Exists, OuterRef, QuerySet

from lantern.accounts.roles import Scope, widest_scope
from lantern.people.models import Child
from lantern.workforce.models import Allocation, Worker


def user_worker(user) -> Worker | None:
    if not user.is_authenticated:
        return None
    cached = getattr(user, "_lantern_worker", False)
    if cached is False:
        cached = Worker.objects.select_related("team__service").filter(user=user).first()
        user._lantern_worker = cached
    return cached


def user_scope(user) -> Scope:
    if not user.is_authenticated or not user.is_active:
        return Scope.NONE
    return widest_scope(user.roles)


def visible_children(user) -> QuerySet[Child]:
    """Children this user may read: their team's, their service's or the authority's, by their widest role."""
    scope = user_scope(user)
    children = Child.objects.all()
    if scope is Scope.AUTHORITY:
        return children
    worker = user_worker(user)
    if scope is Scope.NONE or worker is None:
        return children.none()
    open_allocations = Allocation.objects.filter(child=OuterRef("pk"), end_date__isnull=True)
    if scope is Scope.TEAM:
        open_allocations = open_allocations.filter(team_id=worker.team_id)
    else:
        open_allocations = open_allocations.filter(team__service_id=worker.team.service_id)
    return children.filter(Exists(open_allocations))


def can_read_records(user) -> bool:
    return user_scope(user) is not Scope.NONE
