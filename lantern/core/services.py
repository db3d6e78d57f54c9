"""What every write service shares: today's date, refusing bad input by field, and saving with the actor recorded.

Services take the acting user as `by=` and write inside one transaction; the change history (django-auditlog)
records `by` as the actor, whether the write came from a form, an import or a command.
"""

from collections.abc import Iterable
from datetime import date, datetime

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone


def local_today() -> date:
    return timezone.localdate()


class Refusal:
    """Collects field errors so that a service reports every problem at once, then refuses."""

    def __init__(self) -> None:
        self.errors: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.errors.setdefault(field, []).append(message)

    def not_in_future(self, field: str, value: date | datetime | None, label: str, *, today: date) -> None:
        if value is None:
            return
        as_date = timezone.localtime(value).date() if isinstance(value, datetime) else value
        if as_date > today:
            self.add(field, f"{label} must be today or in the past")

    def not_before(self, field: str, value: date | None, earlier: date | None, label: str, earlier_label: str) -> None:
        if value is not None and earlier is not None and value < earlier:
            self.add(field, f"{label} must be the same as or after {earlier_label}")

    def code(self, field: str, value: str, allowed: Iterable[str], label: str) -> None:
        if value not in set(allowed):
            self.add(field, f"{label} {value!r} is not a recognised code")

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


def save_checked(instance: models.Model, *, by, exclude: list[str] | None = None) -> models.Model:
    """Run every model check (fields, choices, validators, constraints), then save with the actor recorded."""
    instance.full_clean(exclude=exclude)
    with set_actor(by):
        instance.save()
    return instance
