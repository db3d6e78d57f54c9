"""The pack as xlsx: one sheet per section, a row per measure (XlsxWriter, as the worklists' exports)."""

from datetime import date
from typing import BinaryIO

import xlsxwriter

from lantern.pages.cells import safe_cell
from lantern.performance.selectors import Row

COLUMNS = [
    "measure_id",
    "title",
    "period_start",
    "period_end",
    "value",
    "numerator",
    "denominator",
    "comparator",
    "target",
    "rag",
]


def _cells(row: Row) -> list:
    return [
        row.measure.id,
        row.measure.title,
        row.period.start,
        row.period.end,
        row.value,  # empty when the denominator is zero
        row.result.numerator,
        row.result.denominator,
        None if row.comparator is None else row.comparator.value,
        row.measure.target,
        row.rag,
    ]


def write_pack(sections: list[tuple[str, str, list[Row]]], stream: BinaryIO, *, as_of: date) -> None:
    workbook = xlsxwriter.Workbook(stream, {"in_memory": True})
    day = workbook.add_format({"num_format": "yyyy-mm-dd"})
    bold = workbook.add_format({"bold": True})
    workbook.set_properties({"title": f"Performance pack as at {as_of.isoformat()}"})
    for _section, title, rows in sections:
        sheet = workbook.add_worksheet(title[:31])
        sheet.write_row(0, 0, COLUMNS, bold)
        for n, row in enumerate(rows, start=1):
            for col, value in enumerate(_cells(row)):
                if isinstance(value, date):
                    sheet.write_datetime(n, col, value, day)
                elif value is None or value == "":
                    sheet.write_blank(n, col, None)
                else:
                    sheet.write(n, col, safe_cell(value))
        sheet.set_column(0, 0, 40)
        sheet.set_column(1, 1, 60)
        sheet.set_column(2, 9, 14)
    workbook.close()
