"""Annex A's layout is data: each list's columns name the value they hold, and the workbook is written from it."""

from dataclasses import replace
from datetime import date
from io import BytesIO

import openpyxl
import pytest

from lantern.returns.annex_a import LISTS, export_annex_a
from lantern.returns.annex_a.layout import Column
from lantern.returns.annex_a.shared import CHILD_FIELDS

pytestmark = pytest.mark.django_db


def test_every_list_has_its_own_sheet_and_unique_headers_and_fields():
    assert [annex_list.number for annex_list in LISTS] == list(range(1, 12))
    assert len({annex_list.sheet for annex_list in LISTS}) == 11
    for annex_list in LISTS:
        assert len(set(annex_list.headers)) == len(annex_list.headers), annex_list.sheet
        fields = [column.field for column in annex_list.columns if column.field is not None]
        assert len(set(fields)) == len(fields), annex_list.sheet


def test_the_childs_own_columns_are_worked_out_once_for_every_list():
    child_columns = {
        column.header: column.field for annex_list in LISTS[:10] for column in annex_list.columns
        if column.field in CHILD_FIELDS
    }  # fmt: skip
    assert child_columns == {
        "Child Unique ID": "child_id", "Gender": "gender", "Ethnicity": "ethnicity", "Date of Birth": "date_of_birth",
        "Age of Child (Years)": "age", "Does the Child have a Disability": "disability", "Allocated Team": "team",
        "Allocated Worker": "worker", "Allocated Personal Advisor": "personal_adviser",
    }  # fmt: skip
    assert not [column.field for column in LISTS[10].columns if column.field in CHILD_FIELDS]  # adopters


def test_a_column_width_in_the_layout_is_written_to_the_sheet(authority):
    contacts = LISTS[0]
    wide = replace(contacts, columns=(*contacts.columns[:-1], Column("Contact Source", "source", width=30)))
    stream = BytesIO()
    summary = export_annex_a(date(2026, 1, 31), stream, lists=(wide,))
    sheet = openpyxl.load_workbook(stream).worksheets[0]
    assert summary.counts == {"List 1 - Contacts": 1}
    assert sheet.title == "List 1 - Contacts"
    assert sheet.column_dimensions["G"].width == pytest.approx(30, abs=1)
    assert sheet.cell(2, 7).value == "e) 2A: Schools"
