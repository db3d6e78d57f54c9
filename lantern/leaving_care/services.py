from datetime import date

from lantern.core.dates import day_label
from lantern.core.services import Refusal, local_today, save_checked
from lantern.core.writing import service
from lantern.leaving_care.models import EARLIEST_AGE, CareLeaverContact, Entitlement, EntitlementKind
from lantern.people.models import Child
from lantern.workingdays.calendar import add_months


@service
def care_leaver_contact_record(
    *,
    by,
    child: Child,
    contact_date: date,
    in_touch: str,
    activity: str = "",
    accommodation: str = "",
    today: date | None = None,
) -> CareLeaverContact:
    today = today or local_today()
    refusal = Refusal()
    refusal.not_in_future("contact_date", contact_date, "Date of contact", today=today)
    if not hasattr(child, "care_leaver"):
        refusal.add("child", "This young person is not recorded as a care leaver")
    elif contact_date < child.care_leaver.eligible_from:
        refusal.add("contact_date", "Date of contact cannot be before they became a care leaver")
    # OC3: what they are doing and where they live are recorded only for a young person in touch.
    if in_touch == "YES":
        if not activity:
            refusal.add("activity", "Select what the young person is doing")
        if not accommodation:
            refusal.add("accommodation", "Select where the young person is living")
    elif activity or accommodation:
        refusal.add("in_touch", "Activity and accommodation are recorded only for a young person in touch")
    refusal.raise_if_any()
    contact = CareLeaverContact(
        child=child, contact_date=contact_date, in_touch=in_touch, activity=activity, accommodation=accommodation
    )
    return save_checked(contact, by=by)


@service
def entitlements_record(
    *, by, child: Child, handed_over: dict[str, date | None], today: date | None = None
) -> list[Entitlement]:
    """The dates the young person was given each entitlement (their documents, their rights explained).

    A date given replaces the one recorded for that kind; a kind left out or None is left as it was. A date before
    the young person's 15th birthday is refused: a document handed over that young is not what inspectors ask for.
    """
    today = today or local_today()
    refusal = Refusal()
    fifteenth = add_months(child.date_of_birth, 12 * EARLIEST_AGE) if child.date_of_birth else None
    for kind, handed in handed_over.items():
        if kind not in EntitlementKind.values:
            refusal.add(kind, f"{kind!r} is not an entitlement")
            continue
        if handed is None:
            continue
        label = EntitlementKind(kind).label
        refusal.not_in_future(kind, handed, f"{label}: date handed over", today=today)
        if fifteenth is not None and handed < fifteenth:
            refusal.add(
                kind,
                f"{label}: date handed over cannot be before the young person was {EARLIEST_AGE} "
                f"(on {day_label(fifteenth)})",
            )
    if child.date_of_birth is None:
        refusal.add("__all__", "Record the young person's date of birth before their entitlements")
    refusal.raise_if_any()
    existing = {e.kind: e for e in Entitlement.objects.filter(child=child)}
    saved = []
    for kind, handed in handed_over.items():
        if handed is None:
            continue
        entitlement = existing.get(kind) or Entitlement(child=child, kind=kind)
        if entitlement.pk is not None and entitlement.handed_over_on == handed:
            continue
        entitlement.handed_over_on = handed
        saved.append(save_checked(entitlement, by=by))
    return saved
