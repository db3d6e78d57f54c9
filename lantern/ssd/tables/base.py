"""What every SSD table's mapping declares: its columns, which Lantern field each feeds, the columns Lantern has no
home for (kept on the link and reported by name), the tables it points at, and how a row is read, written
(through a service) and exported."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import models

from lantern.ssd import values

if TYPE_CHECKING:
    from lantern.ssd.exporting import Exporter
    from lantern.ssd.importing import Importer, Row

Fields = dict[str, Any]


@dataclass
class Table:
    name: str
    key: str
    columns: tuple[str, ...]
    model: type[models.Model]
    # Lantern field -> SSD column, to report a service's refusal at the column it came from.
    fields: dict[str, str]
    read: Callable[[Importer, Row], Fields]
    create: Callable[..., models.Model]
    update: Callable[..., models.Model]
    export: Callable[[Exporter], Iterable[tuple[models.Model, dict[str, str]]]]
    # Columns Lantern has no field for: kept on the SSD link (exported again), counted in the report.
    kept: tuple[str, ...] = ()
    # Columns Lantern writes from its own values (a code's description): not read.
    derived: tuple[str, ...] = ()
    # Columns naming a row of another table, which must be in the extract or already in Lantern.
    refers: dict[str, str] = field(default_factory=dict)
    # Columns an extract may leave out (D2I's optional extensions).
    optional: tuple[str, ...] = ()
    default_id: Callable[[models.Model], str] = lambda record: f"L{record.pk}"
    # A record already in Lantern that a row without an SSD link is (a child by LA child ID, a team by name).
    match: Callable[[str, Row | None], models.Model | None] | None = None
    # The fields of `wanted` that differ from the record (default: attribute by attribute).
    compare: Callable[[models.Model, Fields], list[str]] | None = None

    def differs(self, record: models.Model, wanted: Fields) -> list[str]:
        if self.compare is not None:
            return self.compare(record, wanted)
        return [name for name, value in wanted.items() if getattr(record, name) != value]


def assign(record: models.Model, wanted: Fields) -> models.Model:
    for name, value in wanted.items():
        setattr(record, name, value)
    return record


def label_of(code_list, code: str) -> str:
    return code_list.labels.get(code, "") if code else ""


__all__ = ["Fields", "Table", "assign", "label_of", "values"]
