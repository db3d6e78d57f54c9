"""What the return imports share: problems reported by place, field-by-field merging, and all-or-nothing writes.

An import never overwrites what Lantern already knows. For each record in the file it finds Lantern's record by its
natural key (a child by LA child ID, a referral by child and date …) and then, field by field:

* the file has no value: nothing to do (a return knows less than the case record: a date after its year is blank);
* Lantern has no value: the file's value is filled in;
* both have the same value: nothing to do, so importing a file twice changes nothing the second time;
* they differ: a problem, and the whole import is refused.

Every problem is collected (file, line, child, field, reason) before anything is written; then all the writes run in
one transaction, each through a service function, the same rules the form's service holds (a `*_from_return`
service given the record the import built, or the form's own service through `Plan.call`); a service's refusal is
a problem at the row's line, child and column, and any refusal rolls back everything.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction

from lantern.core.dates import EARLIEST_DAY, LATEST_DAY
from lantern.core.importing import ImportResult, Problem
from lantern.core.services import save_checked
from lantern.core.writing import writing


class Place:
    """Where in the file a value came from, for problems."""

    def __init__(self, result: ImportResult, file: str, line: int | None, child: str | None) -> None:
        self.result = result
        self.file = file
        self.line = line
        self.child = child

    def at(self, line: int | None) -> Place:
        return Place(self.result, self.file, line or self.line, self.child)

    def problem(self, field_name: str | None, reason: str) -> None:
        self.result.problems.append(Problem(self.file, self.line, self.child, field_name, reason))


# Values ----------------------------------------------------------------------------------------------------------


class Invalid(ValueError):
    pass


def within_counting(day: date) -> date:
    """A date the clocks can count to (core.dates' range); a file's 9999-12-31 is refused, not stored."""
    if not EARLIEST_DAY <= day <= LATEST_DAY:
        raise Invalid(f"{day.isoformat()} is outside the dates Lantern counts ({EARLIEST_DAY} to {LATEST_DAY})")
    return day


def parse_date(text: str | None, formats: str = "iso") -> date | None:
    if text is None or not text.strip():
        return None
    value = text.strip()
    try:
        if formats == "iso":
            if len(value) != 10:
                raise ValueError
            day = date.fromisoformat(value)
        else:
            day_of_month, month, year = value.split("/")
            day = date(int(year), int(month), int(day_of_month))
    except (ValueError, OverflowError) as error:  # a huge day overflows rather than being invalid
        shape = "YYYY-MM-DD" if formats == "iso" else "dd/mm/YYYY"
        raise Invalid(f"{value!r} is not a date ({shape})") from error
    return within_counting(day)


def parse_bool(text: str | None) -> bool | None:
    if text is None or not text.strip():
        return None
    value = text.strip().lower()
    if value in {"true", "1"}:
        return True
    if value in {"false", "0"}:
        return False
    raise Invalid(f"{text!r} is not true/false")


def parse_code(text: str | None, allowed: list[str] | set[str], what: str) -> str | None:
    if text is None or not text.strip():
        return None
    value = text.strip()
    if value not in allowed:
        raise Invalid(f"{value!r} is not a {what} code")
    return value


# Merging and writing ---------------------------------------------------------------------------------------------


@dataclass
class Write:
    """One record to save: new, or existing with fields filled in; or a service to call (`service`), which checks
    and saves the record itself, the same function the form calls, so that the import keeps the form's rules."""

    instance: models.Model | None
    place: Place
    label: str
    created: bool
    fields: list[str] = field(default_factory=list)
    service: Callable[..., Any] | None = None
    arguments: dict[str, Any] = field(default_factory=dict)
    # The service that checks and saves `instance` (called as `saver(by=, record=instance)`); without one the
    # instance is saved with `save_checked`, for records whose only rules are the model's own.
    saver: Callable[..., Any] | None = None
    # The service's field names as the file's columns, for its refusals.
    columns: dict[str, str] = field(default_factory=dict)


class Plan:
    """The writes an import will make, in order (parents before children), and what it counted."""

    def __init__(self, result: ImportResult) -> None:
        self.result = result
        self.writes: list[Write] = []
        self._pending: dict[int, Write] = {}

    def create(
        self,
        instance: models.Model,
        place: Place,
        label: str,
        *,
        saver: Callable[..., Any] | None = None,
        columns: dict[str, str] | None = None,
    ) -> models.Model:
        """A new record, saved when the plan is applied by `saver` (its service) after the writes planned before it;
        later merges into it are checked by the same service."""
        write = Write(instance, place, label, created=True, saver=saver, columns=columns or {})
        self.writes.append(write)
        self._pending[id(instance)] = write
        return instance

    def call(
        self,
        service: Callable[..., Any],
        arguments: dict[str, Any],
        place: Place,
        label: str,
        *,
        columns: dict[str, str] | None = None,
    ) -> None:
        """Create a record through its service (called with `by=` when the plan is applied, after the writes
        planned before it, so that it sees their records); a refusal is a problem at `place`, by the file's column."""
        self.writes.append(
            Write(None, place, label, created=True, service=service, arguments=arguments, columns=columns or {})
        )

    def merge(
        self,
        instance: models.Model,
        values: dict[str, Any],
        place: Place,
        label: str,
        *,
        same: Callable[[str, Any, Any], bool] | None = None,
        saver: Callable[..., Any] | None = None,
        columns: dict[str, str] | None = None,
    ) -> None:
        """Fill blanks of `instance` from `values`; report values that differ. A new instance just takes them.
        An existing instance with blanks filled in is saved by `saver` (its service), as `create` does."""
        pending = self._pending.get(id(instance))
        changed = []
        for name, value in values.items():
            if value is None or value == "":
                continue
            current = getattr(instance, name)
            if pending is not None and pending.created:
                setattr(instance, name, value)
            elif current is None or current == "":
                setattr(instance, name, value)
                changed.append(name)
            elif current != value and not (same and same(name, current, value)):
                place.problem(name, f"the file has {_show(value)}, Lantern has {_show(current)}")
        if pending is not None:
            return
        if changed:
            write = Write(instance, place, label, created=False, fields=changed, saver=saver, columns=columns or {})
            self.writes.append(write)
            self._pending[id(instance)] = write
        else:
            self.result.unchanged[label] += 1

    def updating(
        self,
        instance: models.Model,
        place: Place,
        label: str,
        names: list[str],
        *,
        saver: Callable[..., Any] | None = None,
        columns: dict[str, str] | None = None,
    ) -> None:
        """Record that fields of an existing instance were set directly (e.g. a link)."""
        pending = self._pending.get(id(instance))
        if pending is not None:
            pending.fields.extend(n for n in names if n not in pending.fields)
            return
        write = Write(instance, place, label, created=False, fields=list(names), saver=saver, columns=columns or {})
        self.writes.append(write)
        self._pending[id(instance)] = write

    def apply(self, *, by=None, commit: bool = True) -> None:
        """Save every write in one transaction; any refusal is a problem and nothing is kept."""
        refused: set[int] = set()
        # Each record goes through its service (`saver`, or the form's own via `call`); those with only the model's
        # rules (a factor, a disability) are saved checked, within the import's one write.
        with writing("import of a return"), transaction.atomic():
            for write in self.writes:
                if write.service is not None:
                    self._call(write, by=by, refused=refused)
                    continue
                if _parents(write.instance) & refused:
                    refused.add(id(write.instance))  # its parent was refused and reported: nothing more to say
                    continue
                _attach(write.instance)
                try:
                    with transaction.atomic():
                        if write.saver is not None:
                            write.saver(by=by, record=write.instance)
                        else:
                            save_checked(write.instance, by=by)
                except ValidationError as error:
                    _refused(write, error)
                    refused.add(id(write.instance))
                    continue
                except IntegrityError as error:
                    write.place.problem(None, f"{write.label}: refused by the database ({error})")
                    refused.add(id(write.instance))
                    continue
                if write.created:
                    self.result.created[write.label] += 1
                else:
                    self.result.updated[write.label] += 1
            if self.result.problems or not commit:
                transaction.set_rollback(True)
                if not commit and not self.result.problems:
                    self.result.notes.append("Checked only: nothing was written.")
                return
        self.result.applied = True

    def _call(self, write: Write, *, by, refused: set[int]) -> None:
        arguments = dict(write.arguments)
        for value in arguments.values():
            if isinstance(value, models.Model):
                if id(value) in refused:
                    return  # its parent was refused and reported
                _attach(value)
        try:
            with transaction.atomic():
                write.service(by=by, **arguments)
        except ValidationError as error:
            _refused(write, error)
            return
        self.result.created[write.label] += 1


def _refused(write: Write, error: ValidationError) -> None:
    """A service's refusal, field by field, as problems at the row: its fields named as the file's columns."""
    for name, messages in error.message_dict.items():
        column = write.columns.get(name, None if name == "__all__" else name)
        for message in messages:
            write.place.problem(column, f"{write.label}: {message}")


def _parents(instance: models.Model) -> set[int]:
    return {
        id(model_field.get_cached_value(instance))
        for model_field in instance._meta.concrete_fields
        if model_field.is_relation and model_field.is_cached(instance)
    }


def _attach(instance: models.Model) -> None:
    """Point foreign keys at parents saved earlier in the same import (saved after this instance was planned)."""
    for model_field in instance._meta.concrete_fields:
        if model_field.is_relation and model_field.is_cached(instance):
            parent = model_field.get_cached_value(instance)
            if parent is not None and getattr(instance, model_field.attname) is None and parent.pk is not None:
                setattr(instance, model_field.attname, parent.pk)


def _show(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    return repr(value)
