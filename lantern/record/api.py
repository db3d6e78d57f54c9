from datetime import date

from django.http import Http404, HttpRequest
from ninja import Router, Schema

from lantern.accounts.models import AccessEvent
from lantern.accounts.services import access_record
from lantern.core.services import local_today
from lantern.timescales.selectors import child_timescales
from lantern.workforce.access import child_for_user

router = Router(tags=["children"])


class TargetOut(Schema):
    kind: str
    id: int | None


class ClockOut(Schema):
    rule_id: str
    rule: str
    kind: str
    subject: str
    started: str
    due: str
    done: str | None
    status: str
    working_days_elapsed: int
    working_days_remaining: int | None
    live: bool
    target: TargetOut


class TimescalesOut(Schema):
    la_child_id: str
    as_of: date
    clocks: list[ClockOut]


@router.get("/{la_child_id}/timescales", response=TimescalesOut, summary="Every clock for one child on a date")
def child_timescales_api(request: HttpRequest, la_child_id: str, as_of: date | None = None) -> dict:
    """Each statutory and local clock that applies to the child on `as_of` (default today), live and historic:
    rule id, started, due, done, status and working days elapsed. A child outside the caller's access is 404."""
    child = child_for_user(request.user, la_child_id)
    if child is None:
        raise Http404("No child with that ID in your records")
    access_record(request, action=AccessEvent.Action.VIEW, obj=child, detail="timescales via API")
    as_of = as_of or local_today()
    clocks = child_timescales(child=child, as_of=as_of)
    return {"la_child_id": child.la_child_id, "as_of": as_of, "clocks": [clock.as_dict() for clock in clocks]}
