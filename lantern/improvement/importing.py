"""`lantern import improvement-plan FILE.xlsx`: a council's improvement plan spreadsheet, one row per action, all
or nothing, every problem listed by line and column.

Columns: theme, action_ref, action, recommendation, owner, due_date, status, rag, evidence (and, if the sheet has
it, start_date). The theme is one of the plan's themes by title (case and spaces ignored); the owner a user of
that name where there is one, kept as written otherwise; a RAG in the sheet is a RAG set by hand, its reason that
it came from the sheet. Evidence: one item a line (or between semicolons), "Title https://..." for a document,
anything else a note. The action_ref is kept on the action: the same file again changes nothing, a later file
updates what changed.
"""

import re
from datetime import date, datetime
from pathlib import Path

from django.contrib.auth import get_user_model

from lantern.core.importing import ImportResult, Problem
from lantern.core.services import local_today, save_checked
from lantern.core.writing import service
from lantern.improvement.models import Action, Evidence, EvidenceKind, Rag, Status, Theme
from lantern.improvement.services import action_problems

COLUMNS = ("theme", "action_ref", "action", "recommendation", "owner", "due_date", "status", "rag", "evidence")
REQUIRED = ("theme", "action_ref", "action", "due_date")
LIMITS = {"action_ref": 20, "action": 2000, "recommendation": 2000, "owner": 120, "evidence": 8000}
STATUS_WORDS = {"not started": Status.NOT_STARTED, "in progress": Status.IN_PROGRESS, "on track": Status.IN_PROGRESS,
                "started": Status.IN_PROGRESS, "complete": Status.COMPLETE, "completed": Status.COMPLETE,
                "done": Status.COMPLETE}  # fmt: skip
URL = re.compile(r"https?://\S+")
FIELDS = ("theme_id", "text", "recommendation", "owner_id", "owner_name", "start_date", "due_date", "status",
          "manual_rag", "manual_rag_reason")  # fmt: skip


def _words(value: object) -> str:
    return " ".join(_text(value).lower().replace("_", " ").split())


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


def _rows(path: Path):
    from openpyxl import load_workbook

    sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [_words(cell).replace(" ", "_") for cell in next(rows, [])]
    found = []
    for line, values in enumerate(rows, start=2):
        if any(value not in (None, "") for value in values):
            found.append((line, dict(zip(header, values, strict=False))))
    return header, found


def evidence_items(text: str) -> list[tuple[str, str, str]]:
    """(kind, title, url or note) for each item of the evidence cell."""
    items = []
    for part in re.split(r"[;\n]", text):
        part = part.strip()
        if not part:
            continue
        link = URL.search(part)
        if link:
            title = (part[: link.start()] + part[link.end() :]).strip(" -–:|") or link.group(0)
            items.append((EvidenceKind.DOCUMENT, title[:200], link.group(0)))
        else:
            items.append((EvidenceKind.NOTE, "", part))
    return items


def import_plan(path: str | Path, *, apply: bool = True, by=None) -> ImportResult:
    path = Path(path)
    result = ImportResult(name="improvement plan")
    name = path.name

    def problem(line: int | None, column: str | None, reason: str, ref: str | None = None) -> None:
        result.problems.append(Problem(name, line, ref, column, reason))

    if path.suffix.lower() != ".xlsx":
        problem(None, None, "give an .xlsx file")
        return result
    try:
        header, rows = _rows(path)
    except (OSError, KeyError, ValueError) as exc:
        problem(None, None, f"cannot be read as xlsx ({type(exc).__name__})")
        return result
    if missing := [c for c in REQUIRED if c not in header]:
        problem(1, None, "missing columns: " + ", ".join(missing))
        return result
    themes = {}
    for theme in Theme.objects.all():
        themes[_words(theme.title)] = themes[_words(theme.key)] = theme
    users = {}
    for user in get_user_model().objects.filter(is_active=True):
        users.setdefault(_words(user.get_full_name()), user) if user.get_full_name().strip() else None
    existing = {a.ref: a for a in Action.objects.all()}
    today = local_today()
    planned: dict[str, dict] = {}
    for line, row in rows:
        ref = _text(row.get("action_ref"))
        if not ref:
            problem(line, "action_ref", "enter the action's reference")
            continue
        if ref in planned:
            problem(line, "action_ref", f"the reference {ref} is used twice in the file (first at line "
                    f"{planned[ref]['line']})", ref)  # fmt: skip
            continue
        record: dict = {"line": line}
        planned[ref] = record
        for column, limit in LIMITS.items():
            if len(_text(row.get(column))) > limit:
                problem(line, column, f"longer than {limit:,} characters", ref)
        theme = themes.get(_words(row.get("theme")))
        if theme is None:
            problem(line, "theme", f"“{_text(row.get('theme'))}” is not a theme of the plan: "
                    + ", ".join(t.title for t in Theme.objects.all()), ref)  # fmt: skip
        record["theme_id"] = theme.pk if theme else None
        for column in ("due_date", "start_date"):
            if column == "start_date" and not _text(row.get(column)):
                before = existing.get(ref)
                record[column] = before.start_date if before else None
                continue
            try:
                record[column] = _day(row.get(column))
            except ValueError as exc:
                problem(line, column, str(exc), ref)
                record[column] = None
        if record["start_date"] is None and record["due_date"] is not None:
            record["start_date"] = min(today, record["due_date"])  # a plan's start: the day it came to Lantern
        words = _words(row.get("status")) or "not started"
        record["status"] = STATUS_WORDS.get(words, "")
        if not record["status"]:
            problem(line, "status", f"“{_text(row.get('status'))}” is not a status: not started, in progress or "
                    "complete", ref)  # fmt: skip
        rag = _words(row.get("rag"))
        if rag and rag not in Rag.values:
            problem(line, "rag", f"“{_text(row.get('rag'))}” is not a RAG: red, amber or green", ref)
        record["manual_rag"] = rag if rag in Rag.values else ""
        record["manual_rag_reason"] = f"As recorded in the imported plan {name}" if record["manual_rag"] else ""
        before = existing.get(ref)
        if before is not None and before.manual_rag and not rag:
            record["manual_rag"], record["manual_rag_reason"] = before.manual_rag, before.manual_rag_reason
        if before is not None and before.measure_id:
            record["manual_rag"], record["manual_rag_reason"] = "", ""  # its RAG is its measure's
        owner = _text(row.get("owner"))
        user = users.get(_words(owner)) if owner else None
        record["owner_id"], record["owner_name"] = (user.pk if user else None), owner
        record["text"], record["recommendation"] = _text(row.get("action")), _text(row.get("recommendation"))
        record["evidence"] = evidence_items(_text(row.get("evidence")))
        refusal = action_problems(
            ref=ref, text=record["text"], start_date=record["start_date"], due_date=record["due_date"],
            status=record["status"] or Status.NOT_STARTED, measure_id="", baseline=None, target=None,
            editing=before or Action(pk=-1),
        )  # fmt: skip
        columns = {"text": "action", "due_date": "due_date", "ref": "action_ref"}
        for field, messages in refusal.errors.items():
            for message in messages:
                problem(line, columns.get(field, field), message, ref)
    if result.problems or not apply:
        if not result.problems:
            _count(result, planned, existing)
        return result
    _apply(by=by, planned=planned, existing=existing, result=result, today=today)
    result.applied = True
    return result


def _changed(action: Action | None, record: dict) -> bool:
    return action is None or any(getattr(action, f) != record[f] for f in FIELDS)


def _new_evidence(action: Action | None, record: dict) -> list[tuple[str, str, str]]:
    have = set()
    if action is not None:
        for item in action.evidence.all():
            have.add((item.kind, item.title, item.url or item.note))
    return [item for item in record["evidence"] if tuple(item) not in have]


def _count(result: ImportResult, planned: dict[str, dict], existing: dict[str, Action]) -> None:
    for ref, record in planned.items():
        action = existing.get(ref)
        if action is None:
            result.created["actions"] += 1
        elif _changed(action, record):
            result.updated["actions"] += 1
        else:
            result.unchanged["actions"] += 1
        if added := len(_new_evidence(action, record)):
            result.created["evidence"] += added


@service
def _apply(*, by, planned: dict[str, dict], existing: dict[str, Action], result: ImportResult, today: date) -> None:
    """Every row through the model's own checks, in one transaction."""
    _count(result, planned, existing)
    for ref, record in planned.items():
        action = existing.get(ref)
        new_items = _new_evidence(action, record)
        if _changed(action, record):
            action = action or Action(ref=ref)
            for field in FIELDS:
                setattr(action, field, record[field])
            action.manual_rag_on = today if action.manual_rag else None
            save_checked(action, by=by)
        for kind, title, text in new_items:
            save_checked(
                Evidence(action=action, kind=kind, title=title, url=text if kind == EvidenceKind.DOCUMENT else "",
                         note="" if kind == EvidenceKind.DOCUMENT else text, added_on=today, added_by=by),
                by=by,
            )  # fmt: skip
