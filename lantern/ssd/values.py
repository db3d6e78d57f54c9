"""An SSD cell read into a Lantern value, or refused with the reason (`Invalid`); and a value written back."""

import json
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.utils import timezone

from lantern.core.codes import CodeList


class Invalid(ValueError):
    pass


def text(value: str) -> str:
    return value.strip()


def iso_date(value: str) -> date | None:
    value = value.strip()
    if not value:
        return None
    try:
        if len(value) != 10:
            raise ValueError
        return date.fromisoformat(value)
    except ValueError as error:
        raise Invalid(f"{value!r} is not a date (YYYY-MM-DD)") from error


def iso_datetime(value: str) -> datetime | None:
    """A date and time in the council's time zone (`YYYY-MM-DDTHH:MM[:SS]`); a date alone is its midnight."""
    value = value.strip()
    if not value:
        return None
    try:
        if len(value) == 10:
            moment = datetime.combine(date.fromisoformat(value), datetime.min.time())
        elif len(value) in (16, 19) and value[10] in "T ":
            moment = datetime.fromisoformat(value)
        else:
            raise ValueError
    except ValueError as error:
        raise Invalid(f"{value!r} is not a date and time (YYYY-MM-DDTHH:MM:SS)") from error
    return timezone.make_aware(moment)


def code(value: str, codes: CodeList | list[str], what: str) -> str:
    value = value.strip()
    allowed = codes.codes if isinstance(codes, CodeList) else codes
    if value and value not in allowed:
        raise Invalid(f"{value!r} is not a {what} code")
    return value


def flag(value: str) -> bool | None:
    value = value.strip().upper()
    if not value:
        return None
    if value in {"Y", "1", "TRUE"}:
        return True
    if value in {"N", "0", "FALSE"}:
        return False
    raise Invalid(f"{value!r} is not Y or N")


def decimal(value: str) -> Decimal | None:
    value = value.strip()
    if not value:
        return None
    try:
        return Decimal(value)
    except InvalidOperation as error:
        raise Invalid(f"{value!r} is not a number") from error


def json_value(value: str, shape: type | tuple[type, ...]) -> object:
    value = value.strip()
    if not value:
        return shape() if isinstance(shape, type) else None
    try:
        parsed = json.loads(value)
    except ValueError as error:
        raise Invalid(f"is not JSON ({error.msg} at character {error.pos})") from error
    if not isinstance(parsed, shape):
        wanted = "list" if shape is list else "JSON object" if shape is dict else "list or object"
        raise Invalid(f"is JSON but not a {wanted}")
    return parsed


# Written back -----------------------------------------------------------------------------------------------------


def out_date(day: date | None) -> str:
    return day.isoformat() if day else ""


def out_datetime(moment: datetime | None) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M:%S") if moment else ""


def out_flag(value: bool | None) -> str:
    return "" if value is None else ("Y" if value else "N")


def out_json(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False) if value else ""
