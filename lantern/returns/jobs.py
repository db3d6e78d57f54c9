"""What a return run does in the worker: export, check, pack, and say how far it has got on the job row.

It calls the same functions as `lantern export` and `lantern validate`; nothing here knows how a return is built.
The validation result is kept as plain JSON (rule codes, messages, LA child IDs: no names), so that the page can
show it to whoever may see it, with names looked up for the viewer at the time.
"""

from __future__ import annotations

import logging
import shutil
import threading
import zipfile
from collections import defaultdict
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

from lantern.returns import validators
from lantern.returns.common import ExportSummary
from lantern.returns.models import ReturnJob

logger = logging.getLogger(__name__)

# Stages as the page names them: (what is happening, how far along the run is when it starts).
EXPORTING = ("Reading the record and writing the return", 5)
VALIDATING = ("Checking the return with the DfE validator (the longest step)", 60)
CHECKING_SHEETS = ("Checking the sheets and column headers", 60)
PACKING = ("Packing the CSV files into one zip file", 90)


def returns_dir() -> Path:
    """Where finished returns are kept: under LANTERN_VAR_DIR, never under static files."""
    return Path(settings.VAR_DIR) / "returns"


def job_file(job: ReturnJob) -> Path | None:
    """The job's file on disk, if it has one and it is still inside the returns folder."""
    if not job.file_path:
        return None
    root = returns_dir().resolve()
    path = (root / job.file_path).resolve()
    if root not in path.parents or not path.is_file():
        return None
    return path


# Beside the file: the primary keys of the children it holds, one per line, read when it is downloaded.
CHILDREN_FILE = "children.txt"


def job_children(job: ReturnJob) -> list[int]:
    """The children a finished job's file holds (primary keys), to log a download against each of them."""
    path = job_file(job)
    listing = path.parent / CHILDREN_FILE if path is not None else None
    if listing is None or not listing.is_file():
        return []
    return [int(line) for line in listing.read_text().split()]


def _write_children(folder: Path, summary: ExportSummary) -> None:
    (folder / CHILDREN_FILE).write_text("".join(f"{pk}\n" for pk in sorted(summary.children)))


# The job's bookkeeping on its own row, written by the worker as the run goes: each is one UPDATE committed at
# once, so that the polling page sees it straight away.


def return_job_start(job: ReturnJob) -> None:
    job.status = ReturnJob.Status.RUNNING
    job.started_at = job.heartbeat_at = timezone.now()
    job.save(update_fields=["status", "started_at", "heartbeat_at"])


class Heartbeat:
    """While a run goes, touch its row every LANTERN_JOB_HEARTBEAT_SECONDS from a thread of its own: the validator
    step runs for a minute without a word, and a killed worker must be told apart from a slow one."""

    def __init__(self, job: ReturnJob) -> None:
        self.job_id = job.pk
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._beat, name=f"return-job-{job.pk}-heartbeat", daemon=True)

    def _beat(self) -> None:
        try:
            while not self.stopped.wait(settings.LANTERN_JOB_HEARTBEAT_SECONDS):
                ReturnJob.objects.filter(pk=self.job_id, status=ReturnJob.Status.RUNNING).update(
                    heartbeat_at=timezone.now()
                )
        except Exception:
            # A missed beat only risks the run being called stopped; the run itself goes on.
            logger.exception("Return job %s: the heartbeat stopped", self.job_id)
        finally:
            connection.close()

    def __enter__(self) -> Heartbeat:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stopped.set()
        self.thread.join()


def return_jobs_fail_stopped(*, now: datetime | None = None) -> int:
    """Mark failed every run whose worker has not been heard from within the lease (killed outright: no
    `except` ran), so that the page stops saying "running" and the run can be started again. Returns how many."""
    now = now or timezone.now()
    lease = timedelta(seconds=settings.LANTERN_JOB_LEASE_SECONDS)
    stopped = 0
    for job in ReturnJob.objects.filter(status=ReturnJob.Status.RUNNING, heartbeat_at__lt=now - lease):
        heard = timezone.localtime(job.heartbeat_at)
        # Only if still running and still silent: the worker may have just finished or beaten.
        updated = ReturnJob.objects.filter(
            pk=job.pk, status=ReturnJob.Status.RUNNING, heartbeat_at=job.heartbeat_at
        ).update(
            status=ReturnJob.Status.FAILED,
            error=(
                f"The worker running this return stopped while {job.stage[:1].lower()}{job.stage[1:]} (nothing "
                f"heard from it since {heard:%H:%M:%S} on {heard.day} {heard:%B %Y}). No file was kept. "
                "Start the run again."
            )[:300],
            file_path="",
            finished_at=now,
        )
        if updated:
            shutil.rmtree(returns_dir() / str(job.pk), ignore_errors=True)
            logger.warning("Return job %s: no heartbeat since %s, marked failed", job.pk, job.heartbeat_at)
            stopped += 1
    return stopped


def return_job_progress(job: ReturnJob, *, stage: str, percent: int) -> None:
    job.stage = stage
    job.percent = max(job.percent, min(percent, 100))
    job.heartbeat_at = timezone.now()
    job.save(update_fields=["stage", "percent", "heartbeat_at"])


def return_job_finish(job: ReturnJob, *, file_path: str, export_summary: dict, validation: dict) -> None:
    job.status = ReturnJob.Status.DONE
    job.stage = "Finished"
    job.percent = 100
    job.file_path = file_path
    job.export_summary = export_summary
    job.validation = validation
    job.finished_at = timezone.now()
    job.save()


def return_job_fail(job: ReturnJob, *, error: str) -> None:
    job.status = ReturnJob.Status.FAILED
    job.error = error[:300]
    job.file_path = ""
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "error", "file_path", "finished_at"])


class _Stage:
    """Remembers which stage a failure happened in, so the page can say so in plain words."""

    def __init__(self, job: ReturnJob) -> None:
        self.job = job
        self.name = "waiting to start"

    def enter(self, stage: tuple[str, int]) -> None:
        self.name = stage[0][:1].lower() + stage[0][1:]
        return_job_progress(self.job, stage=stage[0], percent=stage[1])


def run_job(job_id: int) -> None:
    """Run one queued job to the end: the file written, checked and recorded, or the failure recorded."""
    job = ReturnJob.objects.select_related("requested_by").get(pk=job_id)
    if job.status != ReturnJob.Status.QUEUED:
        # A task delivered twice (a worker restarted mid-run) must not write the return again.
        logger.warning("Return job %s is %s, not queued: not run again", job.pk, job.status)
        return
    return_job_start(job)
    stage = _Stage(job)
    folder = returns_dir() / str(job.pk)
    try:
        with Heartbeat(job):
            folder.mkdir(parents=True, exist_ok=True)
            stage.enter(EXPORTING)
            if job.kind == ReturnJob.Kind.CIN_CENSUS:
                path, summary, validation = _cin_census(job, folder, stage)
            elif job.kind == ReturnJob.Kind.SSDA903:
                path, summary, validation = _ssda903(job, folder, stage)
            else:
                path, summary, validation = _annex_a(job, folder, stage)
            _write_children(folder, summary)
    except BaseException as error:
        # The log keeps the details (it stays on the server); the page gets the stage and the job number only,
        # since an exception's text can carry a child's details. BaseException too: a worker told to stop
        # mid-run (Ctrl+C, SIGTERM twice) exits through here, and the row must not say "running" for ever.
        logger.exception("Return job %s (%s) failed while %s", job.pk, job.kind, stage.name)
        shutil.rmtree(folder, ignore_errors=True)
        why = "The run stopped" if isinstance(error, Exception) else "The worker was shut down"
        return_job_fail(
            job,
            error=f"{why} while {stage.name}. No file was kept. "
            f"The details are in the server log under return job {job.pk}.",
        )
        raise
    return_job_finish(
        job,
        file_path=str(path.relative_to(returns_dir())),
        export_summary={"counts": summary.counts, "warnings": summary.warnings},
        validation=validation,
    )


def _cin_census(job: ReturnJob, folder: Path, stage: _Stage) -> tuple[Path, ExportSummary, dict]:
    from lantern.returns.cin_census import export_cin_census

    path = folder / job.download_name
    with path.open("wb") as stream:
        summary = export_cin_census(job.year, stream)
    stage.enter(VALIDATING)
    validation = _validated("csc-validator-be-cin", lambda: validators.validate_cin_census(path, year=job.year))
    return path, summary, validation


def _ssda903(job: ReturnJob, folder: Path, stage: _Stage) -> tuple[Path, ExportSummary, dict]:
    from lantern.returns.ssda903 import export_ssda903

    csv_dir = folder / "csv"
    csv_dir.mkdir(exist_ok=True)
    summary = export_ssda903(job.year, csv_dir)
    stage.enter(VALIDATING)
    validation = _validated("csc-validator-be-903", lambda: validators.validate_ssda903(csv_dir, year=job.year))
    stage.enter(PACKING)
    path = folder / job.download_name
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for csv_file in sorted(csv_dir.glob("*.csv")):
            archive.write(csv_file, arcname=csv_file.name)
    shutil.rmtree(csv_dir)
    return path, summary, validation


def _annex_a(job: ReturnJob, folder: Path, stage: _Stage) -> tuple[Path, ExportSummary, dict]:
    from lantern.returns.annex_a import export_annex_a

    path = folder / job.download_name
    with path.open("wb") as stream:
        summary = export_annex_a(job.as_of, stream)
    stage.enter(CHECKING_SHEETS)
    return path, summary, check_annex_a(path)


def _validated(validator: str, run) -> dict:
    """The validator's result as JSON, or why it could not run (the file is still kept and downloadable)."""
    try:
        result = run()
    except validators.ValidatorsUnavailable:
        return {"validator": validator, "ran": False, "note": validators.INSTALL_HINT}
    except validators.ReturnUnreadable as error:
        # Its text names our own file and the reason; keep the reason without the server's path.
        reason = str(error).split(": ", 1)[-1]
        return {"validator": validator, "ran": False, "note": f"The validator could not read the return: {reason}"}
    return {"validator": validator, "ran": True, **validation_json(result)}


def validation_json(result: validators.ValidationResult) -> dict:
    """Counts by rule (errors and queries apart), then the issues per child and those of the whole return."""
    rules: dict[tuple[str, str], dict] = {}
    children: dict[str, list[dict]] = defaultdict(list)
    whole_return: list[dict] = []
    for issue in result.issues:
        rule = rules.setdefault(
            (issue.severity, issue.rule),
            {"code": issue.rule, "message": issue.message, "severity": issue.severity, "count": 0},
        )
        rule["count"] += 1
        entry = {"code": issue.rule, "message": issue.message, "severity": issue.severity, "where": issue.where or ""}
        if issue.child:
            children[issue.child].append(entry)
        else:
            whole_return.append(entry)
    order = {validators.ERROR: 0, validators.QUERY: 1, validators.FALSE_POSITIVE: 2}
    return {
        "year": result.year,
        "rules_run": result.rules_run,
        "errors": len(result.errors),
        "queries": len(result.queries),
        "false_positives": len(result.false_positives),
        "rules": sorted(rules.values(), key=lambda r: (order[r["severity"]], -r["count"], r["code"])),
        "children": [
            {"child": child, "issues": sorted(issues, key=lambda i: (order[i["severity"]], i["code"]))}
            for child, issues in sorted(children.items())
        ],
        "return_issues": sorted(whole_return, key=lambda i: (order[i["severity"]], i["code"])),
        "crashed": dict(sorted(result.crashed.items())),
        "skipped": list(result.skipped),
    }


def check_annex_a(path: Path) -> dict:
    """Annex A has no DfE validator: check that each list's sheet is there with exactly the expected headers.

    The expected layout is `annex_a.LISTS` (liia-tools' schema headers); the workbook is read back from disk, so
    this catches a sheet or column lost on the way, not a difference from Ofsted's current template.
    """
    from openpyxl import load_workbook

    from lantern.returns.annex_a import LISTS

    workbook = load_workbook(path, read_only=True)
    try:
        found = {sheet.title: sheet for sheet in workbook.worksheets}
        sheets = []
        for annex_list in LISTS:
            sheet = found.pop(annex_list.sheet, None)
            if sheet is None:
                sheets.append({"sheet": annex_list.sheet, "ok": False, "rows": 0, "problems": ["The sheet is missing"]})
                continue
            rows = sheet.iter_rows(values_only=True)
            headers = [str(cell) if cell is not None else "" for cell in next(rows, ())]
            while headers and headers[-1] == "":
                headers.pop()
            count = sum(1 for row in rows if any(cell is not None for cell in row))
            problems = _header_problems(headers, annex_list.headers)
            sheets.append({"sheet": annex_list.sheet, "ok": not problems, "rows": count, "problems": problems})
        extra = [{"sheet": name, "ok": False, "rows": 0, "problems": ["Not an Annex A list"]} for name in found]
    finally:
        workbook.close()
    sheets.extend(extra)
    problems = sum(1 for sheet in sheets if not sheet["ok"])
    return {"validator": "Annex A headers", "ran": True, "errors": problems, "queries": 0, "sheets": sheets}


def _header_problems(found: list[str], expected: list[str]) -> list[str]:
    problems = []
    missing = [header for header in expected if header not in found]
    unexpected = [header for header in found if header not in expected]
    if missing:
        problems.append("Missing columns: " + "; ".join(missing))
    if unexpected:
        problems.append("Columns not in the Annex A layout: " + "; ".join(unexpected))
    if not problems and found != expected:
        problems.append("The columns are not in the expected order")
    return problems
