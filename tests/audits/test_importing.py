"""`lantern import audits`: a council's spreadsheet, grades as words, all or nothing, the same file twice."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from lantern.audits.importing import import_audits
from lantern.audits.models import CaseAudit

HEADER = ("audit_id,la_child_id,audit_date,theme,auditor,auditor_grade,moderator,moderated_grade,moderation_date,"
          "worker,team\n")  # fmt: skip


def write(tmp_path, *rows: str):
    path = tmp_path / "audits.csv"
    path.write_text(HEADER + "".join(row + "\n" for row in rows), encoding="utf-8")
    return path


def test_grades_as_people_write_them_names_matched_or_kept_and_the_same_file_twice(world, tmp_path):
    path = write(
        tmp_path,
        "AUD-1,A1,2026-10-02,Drift,Quinn Assure,Good ,Mo Derate,requires improvement,2026-10-09,Alex Able,Team A",
        "AUD-2,B1,02/10/2026,,Pat Former,OUTSTANDING,,,,Someone Gone,Team Z",
    )
    result = import_audits(path)
    assert result.ok and result.created == {"audits": 2}
    first = CaseAudit.objects.get(reference="AUD-1")
    assert (first.auditor, first.auditor_grade, first.moderated_grade) == (world["qa"], "good", "requires_improvement")
    assert (first.worker, first.team) == (world["worker_a"], world["team_a"])
    second = CaseAudit.objects.get(reference="AUD-2")
    assert (second.auditor, second.auditor_name, second.worker_name, second.team) == (None, "Pat Former",
                                                                                      "Someone Gone", None)  # fmt: skip
    again = import_audits(path)
    assert (again.created, again.updated, again.unchanged) == ({}, {}, {"audits": 2})


def test_every_bad_row_is_named_by_line_and_column_and_nothing_is_written(world, tmp_path):
    path = write(
        tmp_path,
        "AUD-1,A1,2026-10-02,,Quinn Assure,Goood,,,,,",
        "AUD-2,NOPE,2026-13-40,,Quinn Assure,good,,good,,,",
        "AUD-1,A2,2026-10-02,,Quinn Assure,good,,,,,",
        "AUD-3,A2,2026-10-02,,Quinn Assure,good,Mo Derate,good,2026-09-01,,",
    )
    result = import_audits(path)
    assert [(p.line, p.field, p.reason) for p in result.problems] == [
        (2, "auditor_grade", "“Goood” is not a grade: outstanding, good, requires improvement or inadequate"),
        (3, "la_child_id", "no child with LA child id “NOPE” on Lantern's record"),
        (3, "audit_date", "“2026-13-40” is not a date: write it as 2026-03-31 or 31/03/2026"),
        (3, "moderator", "a moderated grade needs its moderator"),
        (4, "audit_id", "the audit id AUD-1 is used twice in the file"),
        (5, "moderation_date", "is before the audit"),
    ]
    assert not result.applied and CaseAudit.objects.count() == 0
    with pytest.raises(CommandError, match="6 problems"):
        call_command("import", "audits", str(path))


def test_an_xlsx_and_a_later_file_that_changes_a_grade(world, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.strip().split(","))
    sheet.append(["AUD-9", "A2", "2026-11-02", "Voice", "Tess Manager", "good", "", "", "", "", ""])
    path = tmp_path / "audits.xlsx"
    book.save(path)
    assert import_audits(path).created == {"audits": 1}
    sheet["F2"] = "Inadequate"
    book.save(path)
    later = import_audits(path)
    assert later.updated == {"audits": 1}
    assert CaseAudit.objects.get(reference="AUD-9").auditor_grade == "inadequate"


def test_a_file_in_another_encoding_is_refused_plainly(world, tmp_path):
    path = tmp_path / "audits.csv"
    path.write_bytes((HEADER + "AUD-1,A1,2026-10-02,,Zoë Ünal,good,,,,,\n").encode("utf-16"))
    result = import_audits(path)
    assert [p.reason for p in result.problems] == [
        "cannot be read as csv (UnicodeDecodeError): save it as UTF-8 CSV or xlsx"
    ]


def test_the_agreement_command_prints_each_auditor_as_json(world, tmp_path):
    rows = [f"AUD-{n},A1,2026-10-02,,Quinn Assure,good,Mo Derate,{grade},2026-10-03,," for n, grade in
            enumerate(["good"] * 8 + ["requires improvement"] * 3 + ["outstanding"])]  # fmt: skip
    rows.append("AUD-99,A2,2026-10-02,,Tess Manager,good,,,,,")
    assert import_audits(write(tmp_path, *rows)).ok
    out = StringIO()
    call_command("audits", "agreement", "--json", stdout=out)
    quinn, tess = json.loads(out.getvalue())
    assert {k: quinn[k] for k in ("name", "audits", "moderated", "changed", "lowered", "raised")} == {
        "name": "Quinn Assure", "audits": 12, "moderated": 12, "changed": 4, "lowered": 3, "raised": 1,
    }  # fmt: skip
    # All of Quinn's first grades are "good": kappa says nothing (it would be 0 whatever the moderator did).
    assert quinn["weighted_kappa"] is None
    assert tess == {"name": "Tess Manager", "audits": 1, "moderated": 0, "changed": 0, "lowered": 0, "raised": 0,
                    "weighted_kappa": None, "ci_low": None, "ci_high": None}  # fmt: skip
