"""The board report as PDF (WeasyPrint, as the performance pack) and as xlsx (XlsxWriter): one row per action."""

from datetime import date
from typing import BinaryIO

import xlsxwriter
from django.template.loader import render_to_string

from lantern.improvement.models import Theme
from lantern.improvement.selectors import ActionRow
from lantern.pages.cells import safe_cell

COLUMNS = ["theme", "action_ref", "action", "recommendation", "owner", "due_date", "status", "rag", "rag_from",
           "measure", "value", "expected_now", "target", "why"]  # fmt: skip


def board_pdf(sections: list[tuple[Theme, list[ActionRow]]], counts: dict[str, int], *, as_of: date) -> bytes:
    # Imported here: WeasyPrint loads Pango when imported, and only this export needs it.
    from weasyprint import HTML

    html = render_to_string("improvement/board_pdf.html", {"sections": sections, "counts": counts, "as_of": as_of})
    return HTML(string=html).write_pdf()


def _cells(theme: Theme, row: ActionRow) -> list:
    action = row.action
    return [
        theme.title, action.ref, action.text, action.recommendation, action.owner_shown, action.due_date,
        action.get_status_display(), row.rag, {"measure": "measure", "manual": "set by hand"}.get(row.rag_source, ""),
        row.measure.title if row.measure else "", row.value, row.judgement.expected if row.judgement else None,
        row.target_value, row.rag_why,
    ]  # fmt: skip


def board_xlsx(sections: list[tuple[Theme, list[ActionRow]]], stream: BinaryIO, *, as_of: date) -> None:
    workbook = xlsxwriter.Workbook(stream, {"in_memory": True})
    day = workbook.add_format({"num_format": "yyyy-mm-dd"})
    bold = workbook.add_format({"bold": True})
    workbook.set_properties({"title": f"Improvement plan as at {as_of.isoformat()}"})
    sheet = workbook.add_worksheet("Improvement plan")
    sheet.write_row(0, 0, COLUMNS, bold)
    n = 0
    for theme, rows in sections:
        for row in rows:
            n += 1
            for col, value in enumerate(_cells(theme, row)):
                if isinstance(value, date):
                    sheet.write_datetime(n, col, value, day)
                elif value is None or value == "":
                    sheet.write_blank(n, col, None)
                else:
                    sheet.write(n, col, safe_cell(value))
    sheet.set_column(0, 0, 30)
    sheet.set_column(2, 3, 60)
    sheet.set_column(4, 13, 16)
    workbook.close()
