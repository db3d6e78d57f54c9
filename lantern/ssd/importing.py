"""`lantern import ssd DIR`: an SSD extract (one CSV per table, named after it) into Lantern's records.

All or nothing: every row is read, checked and written through the services inside one transaction; any problem
(table, line, id, field, reason) rolls the whole of it back, and `--check` always rolls back, so it reports exactly
what the import would create, change and refuse. Each row is matched by its SSD id (`SsdLink`; a person also by
LA child ID), so the same extract again changes nothing.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import models, transaction

from lantern.core.importing import ImportResult, Problem
from lantern.core.writing import writing
from lantern.pages.cells import FORMULA_STARTS
from lantern.ssd import values
from lantern.ssd.models import SsdLink
from lantern.ssd.services import ssd_link_keep
from lantern.ssd.tables import TABLES, Table

NUMBER = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")


class Row:
    def __init__(self, importer: Importer, table: Table, line: int, cells: dict[str, str]) -> None:
        self.importer, self.table, self.line, self.cells = importer, table, line, cells
        self.id = cells.get(table.key, "").strip()
        self.bad = False

    def problem(self, column: str | None, reason: str) -> None:
        self.bad = True
        self.importer.result.problems.append(Problem(self.table.name, self.line, self.id or None, column, reason))

    def get(self, column: str, parse=values.text, *args):
        try:
            return parse(self.cells.get(column, ""), *args)
        except values.Invalid as error:
            self.problem(column, str(error))
            return None

    def ref(self, column: str) -> models.Model | None:
        return self.importer.ref(self, column)


class Importer:
    def __init__(self, directory: Path, by=None) -> None:
        self.directory, self.by = directory, by
        self.result = ImportResult("SSD extract")
        self.rows: dict[str, list[Row]] = {}
        self.found: dict[tuple[str, str], models.Model] = {}
        self.refused: set[tuple[str, str]] = set()
        self._links: dict[str, dict[str, SsdLink]] = {}
        self.kept: Counter = Counter()

    # Reading ------------------------------------------------------------------------------------------------------

    def read(self) -> None:
        if not self.directory.is_dir():
            self.result.problems.append(Problem(str(self.directory), None, None, None, "is not a directory"))
            return
        known = {table.name for table in TABLES}
        for path in sorted(self.directory.glob("*.csv")):
            if path.stem not in known:
                self.result.notes.append(f"not read: {path.name} (not an SSD table this import takes yet)")
        for table in TABLES:
            path = self.directory / f"{table.name}.csv"
            if path.exists():
                self.rows[table.name] = self._read_table(table, path)
        if not self.rows and not self.result.problems:
            self.result.problems.append(
                Problem(str(self.directory), None, None, None, "holds no SSD table (ssd_person.csv, ...)")
            )

    def _read_table(self, table: Table, path: Path) -> list[Row]:
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = raw[: error.start].count(b"\n") + 1
            reason = f"is not UTF-8 (byte 0x{raw[error.start]:02x}): save the file as UTF-8 CSV"
            self.result.problems.append(Problem(table.name, line, None, None, reason))
            return []
        reader = csv.DictReader(io.StringIO(text, newline=""))
        header = reader.fieldnames or []
        missing = [c for c in table.columns if c not in header and c not in table.optional]
        unknown = [c for c in header if c not in table.columns]
        for column in missing:
            self.result.problems.append(Problem(table.name, 1, None, column, "column is missing"))
        for column in unknown:
            self.result.problems.append(Problem(table.name, 1, None, column, f"is not a column of {table.name}"))
        if missing or unknown:
            return []
        rows, first_line = [], {}
        for cells in reader:
            row = Row(self, table, reader.line_num, {k: self._cell(v) for k, v in cells.items() if k})
            for column, value in cells.items():
                if isinstance(value, str) and self._is_formula(value):
                    row.problem(column, "starts like a spreadsheet formula (=, +, -, @): not imported")
            if not row.id:
                row.problem(table.key, "the row has no id")
            elif row.id in first_line:
                row.problem(table.key, f"id {row.id!r} is used twice (first on line {first_line[row.id]})")
            else:
                first_line[row.id] = row.line
            rows.append(row)
        return rows

    @staticmethod
    def _cell(value: str | None) -> str:
        # Lantern's own export guards a formula-like cell with a leading quote: take it off again.
        value = value or ""
        if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
            return value[1:]
        return value

    @staticmethod
    def _is_formula(value: str) -> bool:
        if value.startswith("-") and NUMBER.match(value):
            return False
        return value.startswith(FORMULA_STARTS)

    # Matching -----------------------------------------------------------------------------------------------------

    def links(self, table: Table) -> dict[str, SsdLink]:
        if table.name not in self._links:
            self._links[table.name] = {link.ssd_id: link for link in SsdLink.objects.filter(table=table.name)}
        return self._links[table.name]

    def existing(self, table: Table, ssd_id: str, row: Row | None = None) -> models.Model | None:
        if (table.name, ssd_id) in self.found:
            return self.found[(table.name, ssd_id)]
        link = self.links(table).get(ssd_id)
        record = None
        if link is not None:
            record = table.model.objects.filter(pk=link.object_id).first()
        elif table.match is not None:
            record = table.match(ssd_id, row)
        if record is not None:
            self.found[(table.name, ssd_id)] = record
        return record

    def ref(self, row: Row, column: str) -> models.Model | None:
        target = TABLES_BY_NAME[row.table.refers[column]]
        ssd_id = row.cells.get(column, "").strip()
        if not ssd_id:
            return None
        if (target.name, ssd_id) in self.refused:
            row.problem(column, f"{target.name} {ssd_id} was refused (see its line)")
            return None
        record = self.existing(target, ssd_id)
        if record is None:
            if target.name not in self.rows:
                row.problem(column, f"{target.name}.csv is not in the extract and Lantern has no {ssd_id}")
            else:
                row.problem(column, f"{target.name} has no row {ssd_id} and Lantern has no such record")
        return record

    # Writing ------------------------------------------------------------------------------------------------------

    def write(self) -> None:
        for table in TABLES:
            for row in self.rows.get(table.name, []):
                self._write_row(table, row)

    def _write_row(self, table: Table, row: Row) -> None:
        if not row.bad:
            wanted = table.read(self, row)
        if row.bad:
            self.refused.add((table.name, row.id))
            return
        extra = {c: row.cells.get(c, "").strip() for c in table.kept if row.cells.get(c, "").strip()}
        self.kept.update(f"{table.name}.{column}" for column in extra)
        record = self.existing(table, row.id, row)
        link = self.links(table).get(row.id)
        try:
            if record is None:
                record = table.create(self, row, wanted)
                self.result.created[table.name] += 1
            elif table.differs(record, wanted):
                record = table.update(self, row, record, wanted)
                self.result.updated[table.name] += 1
            elif link is None or link.extra != extra:
                self.result.updated[table.name] += 1
            else:
                self.result.unchanged[table.name] += 1
            ssd_link_keep(by=self.by, table=table.name, ssd_id=row.id, record=record, extra=extra)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                column = table.fields.get(name, None if name == "__all__" else name)
                for message in messages:
                    row.problem(column, message)
            self.refused.add((table.name, row.id))
            return
        self.found[(table.name, row.id)] = record

    def run(self, *, apply: bool) -> ImportResult:
        self.read()
        if self.rows:
            with writing("SSD import"), transaction.atomic():
                self.write()
                if self.result.problems or not apply:
                    transaction.set_rollback(True)
        self.result.applied = apply and not self.result.problems
        if self.kept:
            self.result.notes.append(
                "no home in Lantern (kept with the SSD id and exported again): "
                + ", ".join(f"{column} {n}" for column, n in sorted(self.kept.items()))
            )
        for table in TABLES:
            if table.derived and table.name in self.rows:
                self.result.notes.append(
                    f"written from Lantern's codes, not read: {', '.join(f'{table.name}.{c}' for c in table.derived)}"
                )
        if not apply:
            self.result.notes.append("Checked only: nothing was written.")
        return self.result


TABLES_BY_NAME = {table.name: table for table in TABLES}


def import_ssd(directory: str | Path, *, apply: bool = True, by=None) -> ImportResult:
    return Importer(Path(directory), by=by).run(apply=apply)
