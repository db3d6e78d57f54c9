"""Shared model building blocks: the record base, and the database checks every record app repeats."""

from django.db import models
from django.db.models import F, Q

from lantern.core.codes import CodeList


class Record(models.Model):
    """Base of every case record: a stable id and an updated-at, so 'what changed since' is a query."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        abstract = True


def code_in(field: str, code_list: CodeList, *, name: str, blank: bool = False) -> models.CheckConstraint:
    """The database refuses a code that is not in its national list."""
    condition = Q(**{f"{field}__in": code_list.codes})
    if blank:
        condition |= Q(**{field: ""})
    return models.CheckConstraint(condition=condition, name=name, violation_error_message=f"Unknown {field} code")


def not_before(later: str, earlier: str, *, name: str) -> models.CheckConstraint:
    """An end (or later event) is either unknown or not before its start."""
    return models.CheckConstraint(
        condition=Q(**{f"{later}__isnull": True}) | Q(**{f"{later}__gte": F(earlier)}),
        name=name,
        violation_error_message=f"{later} cannot be before {earlier}",
    )
