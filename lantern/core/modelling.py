"""Shared model building blocks: the record base, and the database checks every record app repeats."""

from django.db import models
from django.db.models import F, Q

from lantern.core.codes import CodeList
from lantern.core.writing import check_writing


class RecordQuerySet(models.QuerySet):
    """Bulk writes of records are refused outside a service, like a record's own save."""

    def bulk_create(self, objs, *args, **kwargs):
        check_writing(self.model, "bulk_create")
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, *args, **kwargs):
        check_writing(self.model, "bulk_update")
        return super().bulk_update(objs, *args, **kwargs)

    def update(self, **kwargs):
        check_writing(self.model, "update")
        return super().update(**kwargs)

    def delete(self):
        check_writing(self.model, "delete")
        return super().delete()


class Record(models.Model):
    """Base of every case record: a stable id and an updated-at, so 'what changed since' is a query.
    Written only inside a service (`core.writing`)."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    objects = RecordQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        check_writing(type(self), "save")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        check_writing(type(self), "delete")
        return super().delete(*args, **kwargs)


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
