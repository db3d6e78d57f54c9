"""`lantern import audits FILE.xlsx|csv`: a council's audit spreadsheet, one row per audit, all or nothing.

Columns: audit_id, la_child_id, audit_date, theme, auditor, auditor_grade, moderator, moderated_grade,
moderation_date, worker, team. Grades as words, case and spaces ignored ("Good ", "requires improvement").
Auditor, moderator and worker are names: matched to a user or worker of that name where there is one, kept as
written otherwise (past auditors may have left). The audit_id is kept on the audit, so the same file again
changes nothing and a later file updates what changed.
"""

import csv
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db.models import Value
from django.db.models.functions import Concat

from lantern.audits.grades import grade_from_words
from lantern.audits.models import CaseAudit
from lantern.core.importing import ImportResult, Problem
from lantern.core.services import local_today, save_checked
from lantern.core.writing import service
from lantern.people.models import Child
from lantern.workforce.models import Team, Worker

COLUMNS = (
    "audit_id", "la_child_id", "audit_date", "theme", "auditor", "auditor_grade", "moderator", "moderated_grade",
    "moderation_date", "worker", "team",
)  # fmt: skip
REQUIRED = ("audit_id", "la_child_id", "audit_date", "auditor", "auditor_grade")
FIELDS = (
    "child_id", "audit_date", "theme", "auditor_id", "auditor_name", "auditor_grade", "moderator_id",
    "moderator_name", "moderated_grade", "moderation_date", "worker_id", "worker_name", "team_id", "team_name",
)  # fmt: skip
MAX_TEXT = 120


def _rows(path: Path) -> Iterator[tuple[int, dict[str, object]]]:
    """(line, {column: value}) for each row after the header; line numbers as a spreadsheet shows them."""
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = [str(cell or "").strip().lower() for cell in next(rows, [])]
        for line, values in enumerate(rows, start=2):
            if any(value not in (None, "") for value in values):
                yield line, dict(zip(header, values, strict=False))
        return
    with path.open(encoding="utf-8-sig", newline="") as stream:
        reader = csv.reader(stream)
        header = [cell.strip().lower() for cell in next(reader, [])]
        for line, values in enumerate(reader, start=2):
            if any(value.strip() for value in values):
                yield line, dict(zip(header, values, strict=False))


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _day(value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    for form in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, form).date()
        except ValueError:
            continue
    raise ValueError(f"“{text}” is not a date: write it as 2026-03-31 or 31/03/2026")


class _Names:
    """Users, workers and teams by their names, read once."""

    def __init__(self) -> None:
        users = get_user_model().objects.annotate(full=Concat("first_name", Value(" "), "last_name"))
        self.users = {full.lower(): pk for pk, full in users.values_list("pk", "full") if full.strip()}
        workers = Worker.objects.annotate(full=Concat("first_name", Value(" "), "last_name"))
        self.workers = {full.lower(): pk for pk, full in workers.values_list("pk", "full")}
        self.teams = {name.lower(): pk for pk, name in Team.objects.values_list("pk", "name")}


def import_audits(path: str | Path, *, apply: bool = True, by=None) -> ImportResult:
    path = Path(path)
    result = ImportResult(name="audit spreadsheet")
    name = path.name

    def problem(line: int | None, column: str | None, reason: str, audit_id: str | None = None) -> None:
        result.problems.append(Problem(name, line, audit_id, column, reason))

    if path.suffix.lower() not in (".csv", ".xlsx"):
        problem(None, None, "give a .csv or .xlsx file")
        return result
    try:
        rows = list(_rows(path))
    except (UnicodeDecodeError, csv.Error, OSError, KeyError, ValueError) as exc:
        problem(None, None, f"cannot be read as {path.suffix[1:]} ({type(exc).__name__}): save it as UTF-8 CSV or xlsx")
        return result
    if rows and (missing := [c for c in REQUIRED if c not in rows[0][1]]):
        problem(1, None, "missing columns: " + ", ".join(missing))
        return result
    names = _Names()
    children = dict(
        Child.objects.filter(la_child_id__in={_text(r.get("la_child_id")) for _, r in rows}).values_list(
            "la_child_id", "pk"
        )
    )
    today = local_today()
    planned: dict[str, dict] = {}
    for line, row in rows:
        audit_id = _text(row.get("audit_id"))
        record: dict[str, object] = {}
        if not audit_id:
            problem(line, "audit_id", "enter the audit's id")
            continue
        if audit_id in planned:
            problem(line, "audit_id", f"the audit id {audit_id} is used twice in the file", audit_id)
            continue
        for column in COLUMNS:
            if len(_text(row.get(column))) > MAX_TEXT:
                problem(line, column, f"longer than {MAX_TEXT} characters", audit_id)
        la_child_id = _text(row.get("la_child_id"))
        if la_child_id not in children:
            problem(line, "la_child_id", f"no child with LA child id “{la_child_id}” on Lantern's record", audit_id)
        record["child_id"] = children.get(la_child_id)
        for column in ("audit_date", "moderation_date"):
            if column == "moderation_date" and not _text(row.get(column)):
                record[column] = None
                continue
            try:
                record[column] = _day(row.get(column))
            except ValueError as exc:
                problem(line, column, str(exc), audit_id)
                record[column] = None
                continue
            if record[column] > today:
                problem(line, column, "is in the future", audit_id)
        if (
            record.get("audit_date")
            and record.get("moderation_date")
            and record["moderation_date"] < record["audit_date"]
        ):
            problem(line, "moderation_date", "is before the audit", audit_id)
        for column in ("auditor_grade", "moderated_grade"):
            words = _text(row.get(column))
            grade = grade_from_words(words) if words else ""
            if grade is None or (column == "auditor_grade" and not grade):
                problem(line, column, f"“{words}” is not a grade: outstanding, good, requires improvement or "
                        "inadequate", audit_id)  # fmt: skip
            record[column] = grade or ""
        auditor, moderator = _text(row.get("auditor")), _text(row.get("moderator"))
        worker, team = _text(row.get("worker")), _text(row.get("team"))
        if not auditor:
            problem(line, "auditor", "enter the auditor's name", audit_id)
        if record["moderated_grade"] and not moderator:
            problem(line, "moderator", "a moderated grade needs its moderator", audit_id)
        record.update(
            theme=_text(row.get("theme")),
            auditor_id=names.users.get(auditor.lower()), auditor_name=auditor,
            moderator_id=names.users.get(moderator.lower()) if moderator else None, moderator_name=moderator,
            worker_id=names.workers.get(worker.lower()) if worker else None, worker_name=worker,
            team_id=names.teams.get(team.lower()) if team else None, team_name=team,
        )  # fmt: skip
        planned[audit_id] = record
    if result.problems or not apply:
        if not result.problems:
            _count(result, planned)
        return result
    _apply(by=by, planned=planned, result=result)
    result.applied = True
    return result


def _count(result: ImportResult, planned: dict[str, dict]) -> None:
    existing = {a.reference: a for a in CaseAudit.objects.filter(reference__in=planned)}
    for reference, record in planned.items():
        audit = existing.get(reference)
        if audit is None:
            result.created["audits"] += 1
        elif any(getattr(audit, f) != record[f] for f in FIELDS):
            result.updated["audits"] += 1
        else:
            result.unchanged["audits"] += 1


@service
def _apply(*, by, planned: dict[str, dict], result: ImportResult) -> None:
    """Every row, through the model's own checks, in one transaction: a later file updates what changed."""
    _count(result, planned)
    existing = {a.reference: a for a in CaseAudit.objects.filter(reference__in=planned)}
    for reference, record in planned.items():
        audit = existing.get(reference) or CaseAudit(reference=reference)
        if audit.pk is not None and all(getattr(audit, f) == record[f] for f in FIELDS):
            continue
        for field_name in FIELDS:
            setattr(audit, field_name, record[field_name])
        save_checked(audit, by=by)
