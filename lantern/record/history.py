"""Field-level change history of a child and every record that belongs to them, read from django-auditlog.

Which records belong to a child is found from auditlog's registry: the child, every registered model with a `child`
foreign key (contacts, referrals, visits, care episodes, allocations...), and the people related to the child.
A record deleted since keeps its history: its entries are found through the child named in its own log entries.
Everything is read in bulk: one query for the page of entries, then one per kind of related record named in it.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from lantern.people.models import Child, Person

ACTIONS = {
    LogEntry.Action.CREATE: "Created",
    LogEntry.Action.UPDATE: "Changed",
    LogEntry.Action.DELETE: "Deleted",
    LogEntry.Action.ACCESS: "Opened",
}
# Bookkeeping columns that every record has: they change on every save and say nothing to a reader.
HIDDEN_FIELDS = {"id", "created_at", "updated_at"}


def _child_field(model: type[models.Model]) -> models.Field | None:
    try:
        field = model._meta.get_field("child")
    except FieldDoesNotExist:
        return None
    return field if field.is_relation and field.related_model is Child else None


def record_types() -> dict[str, type[models.Model]]:
    """Every model whose change history belongs to a child, keyed 'app_label.model_name', in label order."""
    found = {
        f"{model._meta.app_label}.{model._meta.model_name}": model
        for model in auditlog.get_models()
        if model in (Child, Person) or _child_field(model) is not None
    }
    return dict(sorted(found.items(), key=lambda item: type_label(item[1])))


def type_label(model: type[models.Model]) -> str:
    return str(model._meta.verbose_name).capitalize()


def _entries_for(model: type[models.Model], child: Child) -> Q:
    content_type = ContentType.objects.get_for_model(model)
    if model is Child:
        return Q(content_type=content_type, object_id=child.pk)
    if model is Person:
        live = Person.objects.filter(relationships__child=child).values("pk")
        return Q(content_type=content_type, object_id__in=live)
    live = model._default_manager.filter(child=child).values("pk")
    # A deleted record is no longer in its table, but its deletion entry names the child (as [old, new]); only
    # deletions are searched by their JSON, so the search stays small however many changes the authority logs.
    deleted = LogEntry.objects.filter(
        content_type=content_type, action=LogEntry.Action.DELETE, changes__child__0=str(child.pk)
    )
    return Q(content_type=content_type) & (Q(object_id__in=live) | Q(object_id__in=deleted.values("object_id")))


def child_history(child: Child, *, record_type: str = "") -> QuerySet[LogEntry]:
    """Every change to the child's records, newest first; `record_type` ('journey.visit') narrows it to one kind."""
    types = record_types()
    chosen = [types[record_type]] if record_type in types else list(types.values())
    condition = Q()
    for model in chosen:
        condition |= _entries_for(model, child)
    return (
        LogEntry.objects.filter(condition)
        .exclude(action=LogEntry.Action.ACCESS)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")
    )


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class Change:
    at: datetime
    action: str
    record_type: str
    record: str
    actor: str
    fields: list[FieldChange]


def _blank(value) -> bool:
    return value is None or value in ("", "None")


def _shown(field: models.Field | None, value, related: dict) -> str:
    """A stored value as a reader would say it: a code's label, a person's name, a date as a date."""
    if _blank(value):
        return ""
    if field is None:
        return str(value)
    if _forward(field):
        return related.get((field.related_model, str(value)), f"Record {value} (since deleted)")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return {"True": "Yes", "False": "No"}.get(str(value), str(value))
    if isinstance(field, models.DateTimeField):
        moment = parse_datetime(str(value))
        if moment is None:
            return str(value)
        # auditlog keeps date-times as naive UTC.
        if timezone.is_naive(moment):
            moment = moment.replace(tzinfo=UTC)
        return f"{timezone.localtime(moment):%-d %b %Y %H:%M}"
    if isinstance(field, models.DateField):
        day = parse_date(str(value)[:10])
        return f"{day:%-d %b %Y}" if day else str(value)
    return str(value)


def _field(model: type[models.Model] | None, name: str) -> models.Field | None:
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _forward(field: models.Field | None) -> bool:
    """A column of this record that points at another record (not a list of records pointing back at it)."""
    return field is not None and field.concrete and field.is_relation and field.related_model is not None


def _noise(field: models.Field | None, name: str) -> bool:
    # auditlog also logs reverse relations (a child's care periods) as the text of a manager: nothing to show.
    return name in HIDDEN_FIELDS or (field is not None and not field.concrete)


def describe(entries: Iterable[LogEntry]) -> list[Change]:
    """Turn log entries into what the page shows, looking up every related record they name in bulk."""
    entries = list(entries)
    wanted: dict[type[models.Model], set[str]] = defaultdict(set)
    for entry in entries:
        model = entry.content_type.model_class()
        for name, values in _changes(entry).items():
            field = _field(model, name)
            if _forward(field):
                wanted[field.related_model].update(str(v) for v in values if str(v).isdigit())
    related: dict[tuple, str] = {}
    for related_model, pks in wanted.items():
        for obj in related_model._default_manager.filter(pk__in=pks):
            related[(related_model, str(obj.pk))] = _name(obj)
    changes = []
    for entry in entries:
        model = entry.content_type.model_class()
        fields = []
        for name, values in _changes(entry).items():
            field = _field(model, name)
            if _noise(field, name):
                continue
            old, new = (list(values) + [None, None])[:2]
            label = str(field.verbose_name).capitalize() if field is not None else name
            fields.append(FieldChange(label, _shown(field, old, related), _shown(field, new, related)))
        changes.append(
            Change(
                at=entry.timestamp,
                action=ACTIONS.get(entry.action, str(entry.action)),
                record_type=type_label(model) if model else entry.content_type.model,
                record=entry.object_repr,
                actor=_actor(entry),
                fields=fields,
            )
        )
    return changes


def _changes(entry: LogEntry) -> dict:
    # Entries written before auditlog kept changes as JSON may hold text: show those without field detail.
    return entry.changes if isinstance(entry.changes, dict) else {}


def _name(obj: models.Model) -> str:
    full_name = getattr(obj, "full_name", None)
    return str(full_name) if full_name else str(obj)


def _actor(entry: LogEntry) -> str:
    if entry.actor is not None:
        return entry.actor.get_full_name() or entry.actor.get_username()
    # No signed-in user: a command, an import or the demo generator wrote it.
    return "System"
