from datetime import date

from django.db import transaction

from lantern.core.services import Refusal, local_today, save_checked
from lantern.leaving_care.models import CareLeaverContact
from lantern.people.models import Child


@transaction.atomic
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
    refusal.raise_if_any()
    contact = CareLeaverContact(
        child=child, contact_date=contact_date, in_touch=in_touch, activity=activity, accommodation=accommodation
    )
    return save_checked(contact, by=by)
