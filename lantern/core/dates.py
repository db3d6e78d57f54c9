"""Dates as Lantern writes them, counts them and reads them, the same on every page, service, export and API.

`local_today` stays in `lantern.core.services` (every write service's default `today`); calendar months are
`lantern.workingdays.calendar.add_months`, the clocks' own arithmetic.
"""

from datetime import date, datetime

from django.utils import timezone

# The one reading of a day typed into a URL or an API call: an ISO date inside the range the clocks can count.
# Clocks count working days up to the day asked about, so a day far outside the working calendar's years
# (9999-12-31) would run off the end of Python's dates; the worklists limit `?as_of=` to the same range.
EARLIEST_DAY = date(1900, 1, 1)
LATEST_DAY = date(2199, 12, 31)


def day_label(day: date) -> str:
    """A date as GOV.UK writes it in a sentence: 2 June 2025."""
    return f"{day.day} {day:%B %Y}"


def moment_label(moment: datetime) -> str:
    """A date and time in the council's time zone: 2 June 2025 at 14:30."""
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return f"{day_label(local.date())} at {local:%H:%M}"


def age_on(date_of_birth: date | None, on: date) -> int | None:
    """Age in whole years on a day; None for an unborn child or a day before the birth."""
    if date_of_birth is None or on < date_of_birth:
        return None
    return on.year - date_of_birth.year - ((on.month, on.day) < (date_of_birth.month, date_of_birth.day))


class DayRefused(ValueError):
    """A day that is not a real ISO date, or one outside EARLIEST_DAY..LATEST_DAY; the message says which."""


def parse_day(text: str, *, field: str) -> date:
    """The date written as YYYY-MM-DD in `text`, or DayRefused naming `field` and the reason."""
    text = text.strip()
    # fromisoformat also takes 20260226 and 2026-W09-4: a person or client writing those meant something else.
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        raise DayRefused(f"{field} must be a date in the form YYYY-MM-DD, like 2026-03-31")
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise DayRefused(f"{field} must be a real date, like 2026-03-31") from None
    if not EARLIEST_DAY <= day <= LATEST_DAY:
        raise DayRefused(
            f"{field} must be between {EARLIEST_DAY.isoformat()} and {LATEST_DAY.isoformat()}, not {day.isoformat()}"
        )
    return day


def day_option(text: str) -> date:
    """`type=` of a `lantern` command's date option, read by parse_day: argparse names the option in its message
    ("argument --as-of: the date must be between ...") and the command stops before doing anything."""
    import argparse

    try:
        return parse_day(text, field="the date")
    except DayRefused as refused:
        raise argparse.ArgumentTypeError(str(refused)) from None
