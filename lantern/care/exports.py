"""The children-in-care list as CSV (streamed) or xlsx (written row by row to a temporary file), every cell through
`lantern.pages.cells.safe_cell`. The same shape as the worklists' exports, which care may not import."""

import csv
import tempfile
from collections.abc import Iterable, Iterator
from datetime import date

import xlsxwriter
from django.http import FileResponse, StreamingHttpResponse

from lantern.pages.cells import Cell, safe_cell

FORMATS = ("csv", "xlsx")


class _Echo:
    def write(self, value: str) -> str:
        return value


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _csv_lines(headers: list[str], rows: Iterable[list[Cell]]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # a byte order mark, so that Excel reads the file as UTF-8
    yield writer.writerow([safe_cell(h) for h in headers])
    for row in rows:
        yield writer.writerow([_text(safe_cell(cell)) for cell in row])


def csv_response(headers: list[str], rows: Iterable[list[Cell]], filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(_csv_lines(headers, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(title: str, headers: list[str], rows: Iterable[list[Cell]], filename: str) -> FileResponse:
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 (the response closes it, once sent)
    workbook = xlsxwriter.Workbook(
        handle,
        {"constant_memory": True, "in_memory": False, "strings_to_formulas": False, "strings_to_urls": False},
    )
    sheet = workbook.add_worksheet(title[:31])
    bold = workbook.add_format({"bold": True})
    dated = workbook.add_format({"num_format": "d mmm yyyy"})
    for column, header in enumerate(headers):
        sheet.write_string(0, column, str(safe_cell(header)), bold)
    for row_number, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            cell = safe_cell(value)
            if cell is None:
                continue
            if isinstance(cell, int | float):
                sheet.write_number(row_number, column, cell)
            elif isinstance(cell, date):
                sheet.write_datetime(row_number, column, cell, dated)
            else:
                sheet.write_string(row_number, column, cell)
    workbook.close()
    handle.seek(0)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"{filename}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
