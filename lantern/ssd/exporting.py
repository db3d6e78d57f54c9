"""`lantern export ssd DIR`: the SSD tables this slice covers, from Lantern's record.

A record imported from an SSD extract keeps its SSD id, and the values Lantern has no field for are written back
from its link; a record made in Lantern gets the id `L<its number>` (a child: its LA child ID). Rows are sorted by
id, every cell goes through the spreadsheet-formula guard, so exporting the same record twice gives the same files.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.db import models

from lantern.pages.cells import safe_cell
from lantern.ssd.models import SsdLink
from lantern.ssd.tables import TABLES, Table


class Exporter:
    def __init__(self) -> None:
        self._links: dict[tuple[str, int, int], SsdLink] = {}
        for link in SsdLink.objects.all():
            self._links[(link.table, link.content_type_id, link.object_id)] = link
        self._types: dict[type, int] = {}

    def link(self, table: Table | str, record: models.Model) -> SsdLink | None:
        name = table if isinstance(table, str) else table.name
        model = type(record)
        if model not in self._types:
            self._types[model] = ContentType.objects.get_for_model(model).pk
        return self._links.get((name, self._types[model], record.pk))

    def id_of(self, table_name: str, record: models.Model | None) -> str:
        if record is None:
            return ""
        link = self.link(table_name, record)
        if link is not None:
            return link.ssd_id
        return TABLES_BY_NAME[table_name].default_id(record)


TABLES_BY_NAME = {table.name: table for table in TABLES}


def export_ssd(directory: str | Path) -> Counter:
    target = Path(directory)
    target.mkdir(parents=True, exist_ok=True)
    exporter = Exporter()
    counts: Counter = Counter()
    for table in TABLES:
        rows = []
        for record, cells in table.export(exporter):
            cells[table.key] = exporter.id_of(table.name, record)
            link = exporter.link(table, record)
            for column in table.kept:
                if not cells.get(column) and link is not None:
                    cells[column] = link.extra.get(column, "")
            rows.append(cells)
        rows.sort(key=lambda cells: cells[table.key])
        with (target / f"{table.name}.csv").open("w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream, lineterminator="\n")
            writer.writerow(table.columns)
            for cells in rows:
                writer.writerow([safe_cell(cells.get(column, "")) for column in table.columns])
        counts[table.name] = len(rows)
    return counts
