"""Annex A as an xlsx workbook: each list's rows, its cells in layout order, written with XlsxWriter in
constant-memory mode."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from typing import IO

import xlsxwriter

from lantern.pages.cells import safe_cell
from lantern.returns.annex_a import (
    adopters,
    adoption,
    assessments,
    care_leavers,
    child_protection,
    children_in_care,
    children_in_need,
    contacts,
    early_help,
    referrals,
    section47,
)
from lantern.returns.annex_a.layout import DATE_FORMAT, HEADER_FORMAT, LISTS, WORKBOOK_OPTIONS, AnnexList, Column
from lantern.returns.annex_a.shared import CHILD_FIELDS, Cell, Inspection, Row
from lantern.returns.common import ExportSummary

# Which module works out each list's rows, by list number.
BUILDERS: dict[int, Callable[[Inspection], Iterable[Row]]] = {
    1: contacts.rows,
    2: early_help.rows,
    3: referrals.rows,
    4: assessments.rows,
    5: section47.rows,
    6: children_in_need.rows,
    7: child_protection.rows,
    8: children_in_care.rows,
    9: care_leavers.rows,
    10: adoption.rows,
    11: adopters.rows,
}


def cell(column: Column, inspection: Inspection, row: Row) -> Cell:
    """One cell: the child's own column, or the value the list gave the row (a missing one is a bug: KeyError)."""
    if column.field is None:
        return None
    if column.field in CHILD_FIELDS:
        return CHILD_FIELDS[column.field](inspection, row.child)
    return row.values[column.field]


def list_rows(annex_list: AnnexList, inspection: Inspection) -> Iterator[list[Cell]]:
    """A list's rows as cells, in column order (what the workbook holds, and what tests check)."""
    for row in BUILDERS[annex_list.number](inspection):
        yield _cells(annex_list, inspection, row)


def _cells(annex_list: AnnexList, inspection: Inspection, row: Row) -> list[Cell]:
    return [cell(column, inspection, row) for column in annex_list.columns]


def export_annex_a(as_of: date, output: IO[bytes], *, lists: tuple[AnnexList, ...] = LISTS) -> ExportSummary:
    """Write Annex A for an inspection on `as_of` to a binary stream as an xlsx workbook."""
    summary = ExportSummary(f"Annex A as at {as_of:%d/%m/%Y}")
    workbook = xlsxwriter.Workbook(output, WORKBOOK_OPTIONS)
    bold = workbook.add_format(HEADER_FORMAT)
    dated = workbook.add_format(DATE_FORMAT)
    inspection = Inspection(as_of)
    for annex_list in lists:
        sheet = workbook.add_worksheet(annex_list.sheet)
        for index, column in enumerate(annex_list.columns):
            if column.width is not None:
                sheet.set_column(index, index, column.width)  # before any row: constant-memory mode
        for index, header in enumerate(annex_list.headers):
            sheet.write_string(0, index, header, bold)
        count = 0
        for count, row in enumerate(BUILDERS[annex_list.number](inspection), start=1):
            if row.child:  # the adopters' list is about households, not children
                summary.children.add(row.child["pk"])
            for index, value in enumerate(_cells(annex_list, inspection, row)):
                if value is None:
                    continue
                if isinstance(value, date):
                    sheet.write_datetime(count, index, datetime.combine(value, datetime.min.time()), dated)
                elif isinstance(value, int):
                    sheet.write_number(count, index, value)
                else:
                    sheet.write_string(count, index, str(safe_cell(str(value))))
        summary.counts[annex_list.sheet] = count
    workbook.close()
    return summary
