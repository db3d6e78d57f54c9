"""Exports: formula injection neutralised, CSV streamed, xlsx written in constant memory."""

import io
import zipfile
from datetime import date

import pytest

from lantern.worklists.exports import Table, csv_response, safe_cell, xlsx_response


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("+44 1634 000000", "'+44 1634 000000"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("Amy Adams", "Amy Adams"),
        ("a=b", "a=b"),
        ("", ""),
        (-3, -3),
        (2.5, 2.5),
        (None, None),
        (date(2026, 3, 2), date(2026, 3, 2)),
    ],
)
def test_safe_cell_prefixes_text_that_a_spreadsheet_would_run(value, expected):
    assert safe_cell(value) == expected


def table():
    return Table(
        "Clocks",
        ["Child's name", "Due", "Working days left"],
        iter([["=cmd|' /C calc'!A0", date(2026, 2, 16), -10], ["Amy Adams", date(2026, 3, 9), 5]]),
    )


def test_csv_is_streamed_with_plain_headers_and_neutralised_cells():
    response = csv_response(table(), "clocks-2026-03-02")
    assert response.streaming
    assert response["Content-Disposition"] == 'attachment; filename="clocks-2026-03-02.csv"'
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert text.splitlines() == [
        "Child's name,Due,Working days left",
        "'=cmd|' /C calc'!A0,2026-02-16,-10",
        "Amy Adams,2026-03-09,5",
    ]


def test_xlsx_is_a_workbook_with_inline_strings_and_neutralised_cells():
    response = xlsx_response(table(), "clocks")
    assert response["Content-Disposition"] == 'attachment; filename="clocks.xlsx"'
    body = b"".join(response.streaming_content)
    sheet = zipfile.ZipFile(io.BytesIO(body)).read("xl/worksheets/sheet1.xml").decode()
    assert "Working days left" in sheet
    assert "<t>&apos;=cmd|&apos; /C calc&apos;!A0</t>" in sheet or "<t>'=cmd|' /C calc'!A0</t>" in sheet
    assert "<f>" not in sheet  # no formula anywhere
    assert "<v>-10</v>" in sheet  # numbers stay numbers
