from datetime import date

from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from lantern.accounts.models import AccessEvent
from lantern.accounts.services import access_record
from lantern.core.dates import EARLIEST_DAY, LATEST_DAY, DayRefused, parse_day
from lantern.core.services import local_today
from lantern.pages.viewing import reason_given, reason_needed
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


AS_OF = Query(
    None,
    description=f"The day to evaluate the clocks on, YYYY-MM-DD from {EARLIEST_DAY} to {LATEST_DAY}; default today. "
    "Any other value is refused with 422 and a message saying why.",
    example="2026-03-31",
)
REASON = Query(
    None,
    description="Why you are opening the record: needed (once per session) for a child outside your own work, as "
    "the record page asks. Without it such a call is refused with 403 and a message saying so.",
    example="Preparing the Ofsted case sample",
    max_length=200,
)
REASON_NEEDED = (
    "This child is outside your own work: say why you are opening the record with ?reason=... "
    "(it goes in the access log), as the record page asks"
)


def _day_param(value: str | None, *, field: str) -> date | None:
    """A date query parameter read by the shared rule, or a 422 whose detail is one plain sentence.

    Refused rather than clamped as the worklists do: a page shows the day it used, but an API client that asked
    for one day and silently got another would act on the wrong answer.
    """
    if value is None or value == "":
        return None
    try:
        return parse_day(value, field=field)
    except DayRefused as refused:
        raise HttpError(422, str(refused)) from None


@router.get("/{la_child_id}/timescales", response=TimescalesOut, summary="Every clock for one child on a date")
def child_timescales_api(
    request: HttpRequest, la_child_id: str, as_of: str | None = AS_OF, reason: str | None = REASON
) -> dict:
    """Each statutory and local clock that applies to the child on `as_of` (default today), live and historic:
    rule id, started, due, done, status and working days elapsed. A child outside the caller's access is 404;
    one outside their own work needs `reason` (once per session), else 403."""
    day = _day_param(as_of, field="as_of")
    child = child_for_user(request.user, la_child_id)
    if child is None:
        raise Http404("No child with that ID in your records")
    if reason_needed(request, child):
        if not (reason or "").strip():
            raise HttpError(403, REASON_NEEDED)
        reason_given(request, child, reason=reason.strip())
    access_record(request, action=AccessEvent.Action.VIEW, obj=child, detail="timescales via API")
    day = day or local_today()
    clocks = child_timescales(child=child, as_of=day)
    return {"la_child_id": child.la_child_id, "as_of": day, "clocks": [clock.as_dict() for clock in clocks]}
