"""Every worklist as CSV (streamed) or xlsx (XlsxWriter in constant memory), with formula injection neutralised
(`lantern.pages.cells.safe_cell`, the guard every export shares)."""

import csv
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime

import xlsxwriter
from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse

from lantern.accounts.services import access_export_record
from lantern.pages.cells import Cell, safe_cell
from lantern.worklists.selectors import STATUS_LABELS, RuleRow, TeamBlock, WorkerRow, WorkItem

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


def export(
    request: HttpRequest, table: Table, *, filename: str, count: int, what: str, children: Iterable[int] = ()
) -> HttpResponse:
    """The table in the format asked for, the export logged: what, how many rows, which format (no names), and
    against each child the table names (`children`, primary keys; none for a table of counts)."""
    chosen = requested_format(request)
    access_export_record(request, detail=f"{what}: {count} rows as {chosen}", children=children)
    make: Callable[[Table, str], HttpResponse] = csv_response if chosen == "csv" else xlsx_response
    return make(table, filename)


# The worklists' tables: one shape for every list of clocks, and the team and service views' counts.

CLOCK_HEADERS = [
    "Child's name",
    "LA child ID",
    "What is due",
    "For",
    "Started",
    "Due",
    "Status",
    "Working days left (negative when overdue)",
    "Social worker",
    "Action",
]
SIGNAL_HEADERS = ["Child's name", "LA child ID", "Signal", "Detail"]


def clock_table(title: str, items: Iterable[WorkItem]) -> Table:
    """Every clock listed, one row each (read as the file is written: `items` may be a generator)."""

    def rows():
        for item in items:
            clock, child = item.clock, item.child
            worker = item.social_worker
            yield [
                child.full_name,
                child.la_child_id,
                clock.rule.name,
                clock.subject,
                clock.started_date,
                clock.due_date,
                STATUS_LABELS[clock.status],
                clock.working_days_remaining,
                worker.full_name if worker else "Not allocated",
                item.action.text,
            ]

    return Table(title, CLOCK_HEADERS, rows())


def signals_table(signals: list[dict]) -> Table:
    """The drift signals as the page lists them: each a `{"signal": Signal, "child": Child}`."""
    return Table(
        "Drift signals",
        SIGNAL_HEADERS,
        ([r["child"].full_name, r["child"].la_child_id, r["signal"].label, r["signal"].detail] for r in signals),
    )


def team_clocks_table(rules: list[RuleRow]) -> Table:
    """The team's clocks counted by rule and status."""
    return Table(
        "Clocks",
        ["Clock", "Overdue", "Due soon", "Not due"],
        ([r.name, r.counts["overdue"], r.counts["due_soon"], r.counts["not_due"]] for r in rules),
    )


def team_workers_table(workers: list[WorkerRow], *, caseload_threshold: int) -> Table:
    """The team's workers: caseload against the drift threshold, and their overdue and due soon clocks."""
    return Table(
        "Workers",
        ["Worker", "Role", "Caseload", f"Caseload above {caseload_threshold}", "Overdue", "Due soon"],
        (
            [
                r.worker.full_name,
                r.worker.get_role_display(),
                r.caseload,
                "Yes" if r.over_threshold else "No",
                r.overdue,
                r.due_soon,
            ]
            for r in workers
        ),
    )


def service_table(blocks: list[TeamBlock]) -> tuple[Table, int]:
    """Each team's totals, then its clocks by rule; and how many rows that is (for the export log)."""

    def rows():
        for block in blocks:
            yield [block.name, "All clocks", block.overdue, block.due_soon]
            for r in block.rules:
                yield [block.name, r.name, r.counts["overdue"], r.counts["due_soon"]]

    count = sum(1 + len(block.rules) for block in blocks)
    return Table("Service", ["Team", "Clock", "Overdue", "Due soon"], rows()), count
