from collections.abc import Iterable
from datetime import date

from lantern.core import codes
from lantern.core.services import Refusal, local_today, save_checked
from lantern.core.writing import service
from lantern.people.models import Child, ChildDisability, PossibleDuplicate
from lantern.people.selectors import possible_matches

# Children registered in Lantern (not imported) get an LA child ID of this letter and seven digits.
REGISTERED_ID_PREFIX = "L"


def _check_identity(
    refusal: Refusal,
    *,
    date_of_birth: date | None,
    expected_date_of_birth: date | None,
    upn: str,
    upn_unknown: str,
    today: date,
) -> None:
    refusal.not_in_future("date_of_birth", date_of_birth, "Date of birth", today=today)
    if date_of_birth is None and expected_date_of_birth is None:
        refusal.add("date_of_birth", "Enter a date of birth, or an expected date of birth for an unborn child")
    if upn and upn_unknown:
        refusal.add("upn_unknown", "Give either a UPN or the reason it is unknown, not both")


@service
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
    known_check: bool = False,
    new_child_reason: str = "",
    today: date | None = None,
) -> Child:
    """Register a child. With `known_check` (the registration page), a child who may already be known is
    registered only with the reason they are a different child; each possible match is kept with that reason."""
    today = today or local_today()
    refusal = Refusal()
    new_child_reason = new_child_reason.strip()
    matches = []
    if known_check:
        matches = possible_matches(
            Child.objects.all(), first_name=first_name, last_name=last_name,
            date_of_birth=date_of_birth or expected_date_of_birth, nhs_number=nhs_number, upn=upn,
            la_child_id=la_child_id,
        )  # fmt: skip
        if any(m.strong and "Same LA child ID" in m.reasons for m in matches):
            refusal.add("la_child_id", "A child with this LA child ID is already registered: open their record")
        elif matches and not new_child_reason:
            refusal.add(
                "new_child_reason",
                f"This child may already be known ({len(matches)} possible match{'es' if len(matches) > 1 else ''}):"
                " give the reason they are a different child, or open the existing record",
            )
        if len(new_child_reason) > 500:
            refusal.add("new_child_reason", "The reason must be 500 characters or fewer")
    la_child_id = la_child_id.strip() or _next_la_child_id()
    _check_identity(
        refusal, date_of_birth=date_of_birth, expected_date_of_birth=expected_date_of_birth, upn=upn,
        upn_unknown=upn_unknown, today=today,
    )  # fmt: skip
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
    for match in matches:
        save_checked(PossibleDuplicate(child=child, possible_match=match.child, reason=new_child_reason), by=by)
    return child


def _next_la_child_id() -> str:
    taken = Child.objects.filter(la_child_id__regex=rf"^{REGISTERED_ID_PREFIX}[0-9]{{7}}$").order_by("-la_child_id")
    last = taken.values_list("la_child_id", flat=True).first()
    number = int(last[1:]) + 1 if last else 1
    return f"{REGISTERED_ID_PREFIX}{number:07d}"


@service
def child_from_return(*, by, record: Child, today: date | None = None) -> Child:
    """A child's details filled in from a return (CIN census, SSDA903 header): the registration form's rules."""
    today = today or local_today()
    refusal = Refusal()
    _check_identity(
        refusal, date_of_birth=record.date_of_birth, expected_date_of_birth=record.expected_date_of_birth,
        upn=record.upn, upn_unknown=record.upn_unknown, today=today,
    )  # fmt: skip
    refusal.not_in_future("death_date", record.death_date, "Date of death", today=today)
    refusal.not_before("death_date", record.death_date, record.date_of_birth, "Date of death", "the date of birth")
    refusal.raise_if_any()
    return save_checked(record, by=by)
