"""`lantern import improvement-plan FILE.xlsx`: all or nothing, every problem by line and column, the same file
twice changes nothing."""

import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from lantern.improvement.models import Action, Evidence

pytestmark = pytest.mark.django_db
HEADER = ["theme", "action_ref", "action", "recommendation", "owner", "due_date", "status", "rag", "evidence"]


def _sheet(tmp_path, rows, name="plan.xlsx"):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    path = tmp_path / name
    book.save(path)
    return path


def _run(path) -> str:
    out = io.StringIO()
    call_command("import", "improvement-plan", str(path), stdout=out)
    return out.getvalue()


ROWS = [
    ["Quality of practice", "QP1", "Assessments on time", "Improve assessments", "Tina Tanner", date(2026, 9, 30),
     "In progress", "Amber", "Audit report https://example.org/audit.pdf; Reviewed at board"],
    [" quality assurance and performance management ", "QA1", "Moderate audits", "", "Head of QA", "31/12/2026",
     "not started", "", ""],
]  # fmt: skip


def test_a_plan_is_imported_once_and_again_changes_nothing(people, tmp_path):
    path = _sheet(tmp_path, ROWS)
    out = _run(path)
    assert "created: 2 actions, 2 evidence" in out
    qp1 = Action.objects.get(ref="QP1")
    assert (qp1.owner, qp1.status, qp1.manual_rag) == (people["tina"], "in_progress", "amber")
    assert qp1.manual_rag_reason == "As recorded in the imported plan plan.xlsx"
    assert Action.objects.get(ref="QA1").owner_name == "Head of QA"
    kinds = sorted(Evidence.objects.filter(action=qp1).values_list("kind", "title"))
    assert kinds == [("document", "Audit report"), ("note", "")]
    assert "Nothing new" in _run(path)
    assert Action.objects.count() == 2 and Evidence.objects.count() == 2


def test_every_problem_is_listed_by_line_and_column_and_nothing_is_written(people, tmp_path):
    rows = [
        *ROWS,
        ["Happiness", "HP1", "Smile more", "", "", date(2026, 9, 30), "", "", ""],
        ["Partnerships", "QP1", "A duplicate", "", "", date(2026, 9, 30), "", "", ""],
        ["Partnerships", "PA1", "Bad fields", "", "", "soon", "finished", "purple", ""],
    ]
    path = _sheet(tmp_path, rows)
    with pytest.raises(CommandError):
        call_command("import", "improvement-plan", str(path), stdout=(out := io.StringIO()))
    lines = out.getvalue().splitlines()
    assert any(line.startswith("plan.xlsx:4 HP1 theme: “Happiness” is not a theme of the plan") for line in lines)
    assert "plan.xlsx:5 QP1 action_ref: the reference QP1 is used twice in the file (first at line 2)" in lines
    assert any(line.startswith("plan.xlsx:6 PA1 due_date: “soon” is not a date") for line in lines)
    assert any(line.startswith("plan.xlsx:6 PA1 status: “finished” is not a status") for line in lines)
    assert "plan.xlsx:6 PA1 rag: “purple” is not a RAG: red, amber or green" in lines
    assert not Action.objects.exists()


def test_a_sheet_without_the_columns_is_refused(people, tmp_path):
    book = Workbook()
    book.active.append(["ref", "what"])
    book.save(tmp_path / "odd.xlsx")
    with pytest.raises(CommandError):
        call_command("import", "improvement-plan", str(tmp_path / "odd.xlsx"), stdout=(out := io.StringIO()))
    assert "odd.xlsx:1 missing columns: theme, action_ref, action, due_date" in out.getvalue()
