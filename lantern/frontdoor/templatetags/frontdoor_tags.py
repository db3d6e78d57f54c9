"""The history of workers on the child's record, read in one query by the partial that shows it."""

from datetime import date

from django import template

from lantern.core.services import local_today
from lantern.frontdoor.selectors import allocation_history
from lantern.frontdoor.views import ALLOCATING_ROLES
from lantern.workforce.access import can_record
from lantern.workforce.models import Allocation
from lantern.workingdays.calendar import add_months

register = template.Library()


def changes_of_social_worker(history: list[Allocation], *, today: date) -> int:
    """New social workers allocated in the last 12 months after a previous one (the first allocation is none)."""
    workers = sorted((a for a in history if a.role == Allocation.Role.SOCIAL_WORKER), key=lambda a: a.start_date)
    since = add_months(today, -12)
    return sum(1 for earlier, later in zip(workers, workers[1:], strict=False) if later.start_date >= since)


@register.inclusion_tag("frontdoor/_workers_history.html", takes_context=True)
def workers_history(context) -> dict:
    child, user = context["child"], context["request"].user
    history = allocation_history(child)
    return {
        "child": child,
        "history": history,
        "changes": changes_of_social_worker(history, today=local_today()),
        "allocates": user.has_role(*ALLOCATING_ROLES),
        "logs_contacts": can_record(user),
    }
