"""Dates as Lantern writes them and counts them, the same on every page, service and export.

`local_today` stays in `lantern.core.services` (every write service's default `today`); calendar months are
`lantern.workingdays.calendar.add_months`, the clocks' own arithmetic.
"""

from datetime import date, datetime

from django.utils import timezone


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
