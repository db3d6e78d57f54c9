"""Every worklist as CSV (streamed) or xlsx (XlsxWriter in constant memory), with formula injection neutralised
(`lantern.pages.cells.safe_cell`, the guard every export shares)."""

import csv
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime

import xlsxwriter
from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse

from lantern.accounts.models import AccessEvent
from lantern.accounts.services import access_record
from lantern.pages.cells import Cell, safe_cell

FORMATS = ("csv", "xlsx")


@dataclass
class Table:
    """One list as exported: a title (the sheet name), plain-English headers and the rows, all of them."""

    title: str
    headers: list[str]
    rows: Iterable[list[Cell]]


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_lines(table: Table) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # a byte order mark, so that Excel reads the file as UTF-8
    yield writer.writerow([safe_cell(h) for h in table.headers])
    for row in table.rows:
        yield writer.writerow([_text(safe_cell(cell)) for cell in row])


def csv_response(table: Table, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(_csv_lines(table), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(table: Table, filename: str) -> FileResponse:
    # The workbook is written row by row to a temporary file (deleted when the response closes it), never held
    # whole in memory; strings are never turned into formulas or links.
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 (the response closes it, once sent)
    workbook = xlsxwriter.Workbook(
        handle,
        {"constant_memory": True, "in_memory": False, "strings_to_formulas": False, "strings_to_urls": False},
    )
    sheet = workbook.add_worksheet(table.title[:31])
    bold = workbook.add_format({"bold": True})
    dated = workbook.add_format({"num_format": "d mmm yyyy"})
    for column, header in enumerate(table.headers):
        sheet.write_string(0, column, str(safe_cell(header)), bold)
    for row_number, row in enumerate(table.rows, start=1):
        for column, value in enumerate(row):
            cell = safe_cell(value)
            if cell is None:
                continue
            if isinstance(cell, bool):
                sheet.write_string(row_number, column, "Yes" if cell else "No")
            elif isinstance(cell, int | float):
                sheet.write_number(row_number, column, cell)
            elif isinstance(cell, datetime):
                sheet.write_string(row_number, column, cell.isoformat(timespec="minutes"))
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


def requested_format(request: HttpRequest) -> str | None:
    chosen = request.GET.get("format", "")
    return chosen if chosen in FORMATS else None


def export(request: HttpRequest, table: Table, *, filename: str, count: int, what: str) -> HttpResponse:
    """The table in the format asked for, the export logged (what, how many rows, which format; no names)."""
    chosen = requested_format(request)
    access_record(request, action=AccessEvent.Action.EXPORT, detail=f"{what}: {count} rows as {chosen}")
    make: Callable[[Table, str], HttpResponse] = csv_response if chosen == "csv" else xlsx_response
    return make(table, filename)
