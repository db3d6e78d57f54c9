from collections.abc import Iterable
from datetime import date

from django.db import transaction

from lantern.core import codes
from lantern.core.services import Refusal, local_today, save_checked
from lantern.people.models import Child, ChildDisability


@transaction.atomic
def child_register(
    *,
    by,
    la_child_id: str,
    first_name: str,
    last_name: str,
    sex: str,
    ethnicity: str,
    date_of_birth: date | None = None,
    expected_date_of_birth: date | None = None,
    upn: str = "",
    upn_unknown: str = "",
    nhs_number: str = "",
    disabilities: Iterable[str] = (),
    today: date | None = None,
) -> Child:
    today = today or local_today()
    refusal = Refusal()
    refusal.not_in_future("date_of_birth", date_of_birth, "Date of birth", today=today)
    if date_of_birth is None and expected_date_of_birth is None:
        refusal.add("date_of_birth", "Enter a date of birth, or an expected date of birth for an unborn child")
    if upn and upn_unknown:
        refusal.add("upn_unknown", "Give either a UPN or the reason it is unknown, not both")
    disabilities = list(disabilities)
    for code in disabilities:
        refusal.code("disabilities", code, codes.DISABILITY.codes, "Disability")
    refusal.raise_if_any()

    child = Child(
        la_child_id=la_child_id,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        sex=sex,
        ethnicity=ethnicity,
        date_of_birth=date_of_birth,
        expected_date_of_birth=expected_date_of_birth,
        upn=upn.strip().upper(),
        upn_unknown=upn_unknown,
        nhs_number=nhs_number.replace(" ", ""),
    )
    save_checked(child, by=by)
    ChildDisability.objects.bulk_create(ChildDisability(child=child, code=code) for code in dict.fromkeys(disabilities))
    return child
