from datetime import date

from lantern.core.services import Refusal, local_today, save_checked
from lantern.core.writing import service
from lantern.leaving_care.models import CareLeaverContact
from lantern.people.models import Child


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
