"""Return runs as background jobs: queued by the service, processed by the real db_worker, recorded on the job row."""

import logging
import zipfile
from datetime import date

import pytest
from django_tasks import TaskResultStatus

from lantern.accounts.roles import Role
from lantern.people.models import Child
from lantern.returns import jobs, services
from lantern.returns.models import ReturnJob
from lantern.returns.tasks import run_return
from tests.factories import UserFactory, fixture_writes
from tests.returns.conftest import YEAR
from tests.returns.worker import run_worker

# The worker recycles its database connection between tasks, as in production; inside a test's transaction that
# would drop the transaction (on PostgreSQL), so these tests commit for real and are flushed afterwards.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _returns_in_tmp(settings, tmp_path):
    settings.VAR_DIR = tmp_path


@pytest.fixture
def analyst(db):
    return UserFactory(username="ana", roles=[Role.ANALYST])


def _run(analyst, **what) -> ReturnJob:
    job = services.return_job_request(by=analyst, **what)
    assert job.status == ReturnJob.Status.QUEUED
    run_worker()
    job.refresh_from_db()
    return job


def test_it_queues_a_task_for_the_job(analyst):
    job = services.return_job_request(by=analyst, kind="cin-census", year=YEAR)
    assert run_return.get_result(job.task_id).status == TaskResultStatus.READY
    assert (job.requested_by, job.kind, job.year, job.as_of) == (analyst, "cin-census", YEAR, None)


def test_it_runs_a_cin_census_through_the_worker_and_the_validator(authority, analyst):
    with fixture_writes():
        Child.objects.filter(la_child_id="CPB1").update(upn="Z887201800002")  # wrong check letter: rule 1510
    job = _run(analyst, kind="cin-census", year=YEAR)
    assert job.status == ReturnJob.Status.DONE, job.error
    assert (job.stage, job.percent) == ("Finished", 100)
    assert job.started_at <= job.finished_at
    assert job.file_path == f"{job.pk}/cin-census-2026.xml"
    assert jobs.job_file(job).read_bytes().startswith(b"<?xml")
    assert job.export_summary["counts"]["children"] == 3
    validation = job.validation
    assert (validation["ran"], validation["errors"], validation["queries"]) == (True, 1, 2)
    assert [(r["code"], r["severity"], r["count"]) for r in validation["rules"]] == [
        ("1510", "error", 1),
        ("2887Q", "query", 1),
        ("2888Q", "query", 1),
    ]
    assert validation["children"] == [
        {
            "child": "CPB1",
            "issues": [
                {
                    "code": "1510",
                    "message": "UPN invalid (wrong check letter at character 1)",
                    "severity": "error",
                    "where": "ChildIdentifiers: UPN",
                }
            ],
        }
    ]
    assert [issue["code"] for issue in validation["return_issues"]] == ["2887Q", "2888Q"]
    assert run_return.get_result(job.task_id).status == TaskResultStatus.SUCCESSFUL


def test_it_runs_the_ssda903_into_one_zip_of_its_csv_files(authority, analyst):
    job = _run(analyst, kind="ssda903", year=YEAR)
    assert job.status == ReturnJob.Status.DONE, job.error
    path = jobs.job_file(job)
    assert path.name == "ssda903-2026.zip"
    with zipfile.ZipFile(path) as archive:
        names = sorted(archive.namelist())
        assert "episodes.csv" in names and "header.csv" in names
        assert archive.read("episodes.csv").startswith(b"CHILD,")
    assert not (path.parent / "csv").exists()  # only the zip is kept
    assert (job.validation["ran"], job.validation["errors"]) == (True, 0)


def test_it_checks_annex_a_sheets_and_headers(authority, analyst):
    job = _run(analyst, kind="annex-a", as_of=date(2026, 1, 31))
    assert job.status == ReturnJob.Status.DONE, job.error
    assert jobs.job_file(job).name == "annex-a-2026-01-31.xlsx"
    sheets = job.validation["sheets"]
    assert len(sheets) == 11 and all(sheet["ok"] for sheet in sheets)
    assert job.validation["errors"] == 0
    assert {sheet["sheet"]: sheet["rows"] for sheet in sheets}["List 8 - Children in care"] == 1


def test_it_reports_a_sheet_with_wrong_headers(tmp_path):
    import xlsxwriter

    from lantern.returns.annex_a import LISTS

    path = tmp_path / "annex.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    for annex_list in LISTS[1:]:
        headers = annex_list.headers
        if annex_list.number == 3:
            headers = [*headers[:-1], "Allocated Social Worker"]
        sheet = workbook.add_worksheet(annex_list.sheet)
        for column, header in enumerate(headers):
            sheet.write_string(0, column, header)
    workbook.add_worksheet("Notes")
    workbook.close()

    result = jobs.check_annex_a(path)
    problems = {sheet["sheet"]: sheet["problems"] for sheet in result["sheets"] if not sheet["ok"]}
    assert problems == {
        "List 1 - Contacts": ["The sheet is missing"],
        "List 3 - Referrals": [
            "Missing columns: Allocated Worker",
            "Columns not in the Annex A layout: Allocated Social Worker",
        ],
        "Notes": ["Not an Annex A list"],
    }
    assert result["errors"] == 3


def test_a_failure_is_recorded_plainly_and_logged(analyst, settings, tmp_path, caplog):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the returns folder should be")
    settings.VAR_DIR = blocked
    with caplog.at_level(logging.ERROR, logger="lantern.returns.jobs"):
        job = _run(analyst, kind="cin-census", year=YEAR)
    assert job.status == ReturnJob.Status.FAILED
    assert job.error == (
        "The run stopped while waiting to start. No file was kept. "
        f"The details are in the server log under return job {job.pk}."
    )
    assert "Traceback" not in job.error and job.file_path == ""
    assert f"Return job {job.pk} (cin-census) failed" in caplog.text
    assert run_return.get_result(job.task_id).status == TaskResultStatus.FAILED


def test_a_task_delivered_twice_does_not_run_again(authority, analyst):
    job = _run(analyst, kind="annex-a", as_of=date(2026, 1, 31))
    finished_at = job.finished_at
    jobs.run_job(job.pk)
    job.refresh_from_db()
    assert (job.status, job.finished_at) == (ReturnJob.Status.DONE, finished_at)
