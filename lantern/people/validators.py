"""Checks on national identifiers, with messages a user can act on."""

import re

from django.core.exceptions import ValidationError

# ASCII: \d would also take "١٢٣"; \Z, not $: $ also matches before a final newline.
UPN_PATTERN = re.compile(r"^[A-HJ-NP-RT-Z](\d{12}|\d{11}[A-Z])\Z", re.ASCII)
LA_CHILD_ID_PATTERN = re.compile(r"^[A-Za-z0-9]{1,20}\Z")
_UPN_CHECK_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"


def nhs_number_is_valid(value: str) -> bool:
    """Modulus 11 check digit (NHS Data Dictionary)."""
    if not re.fullmatch(r"\d{10}", value):
        return False
    total = sum(int(digit) * weight for digit, weight in zip(value[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(value[9])


def validate_nhs_number(value: str) -> None:
    if not nhs_number_is_valid(value):
        raise ValidationError("Enter a 10-digit NHS number with a valid check digit")


def upn_check_letter(digits_and_suffix: str) -> str:
    """The check letter that begins a UPN, from the 12 characters after it (DfE UPN guidance)."""
    total = 0
    for position, char in enumerate(digits_and_suffix, start=2):
        value = int(char) if char.isdigit() else _UPN_CHECK_LETTERS.index(char)
        total += value * position
    return _UPN_CHECK_LETTERS[total % 23]


def validate_upn(value: str) -> None:
    if not UPN_PATTERN.match(value):
        raise ValidationError(
            "Enter a UPN of a capital letter (not I, O or S) then 12 digits, or 11 digits and a letter"
        )


def validate_la_child_id(value: str) -> None:
    if not LA_CHILD_ID_PATTERN.match(value):
        raise ValidationError("Enter an LA child ID of up to 20 letters and numbers only")
