"""The Returns page as its users see it: forms that refuse bad input by field, a run that the real worker processes,
the summary with links only to records the viewer may open, a logged download, and 403s for other roles."""

import re
import zipfile
from datetime import date, timedelta
from io import BytesIO

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from lantern.accounts.models import AccessEvent
from lantern.accounts.roles import Role
from lantern.care.services import collection_year_of
from lantern.core.services import local_today
from lantern.people.models import Child
from lantern.returns.models import ReturnJob
from tests.factories import UserFactory, fixture_writes
from tests.returns.conftest import YEAR
from tests.returns.worker import run_worker

pytestmark = pytest.mark.django_db
# Tests that run the worker commit for real: it recycles its database connection between tasks, as in production,
# which inside a test's transaction would drop the transaction (on PostgreSQL).
with_worker = pytest.mark.django_db(transaction=True)

INDEX = reverse("returns:index")


@pytest.fixture(autouse=True)
def _returns_in_tmp(settings, tmp_path):
    settings.VAR_DIR = tmp_path


@pytest.fixture
def analyst(db):
    return UserFactory(username="ana", first_name="Ana", last_name="Lyst", roles=[Role.ANALYST])


@pytest.fixture
def as_analyst(client, analyst):
    client.force_login(analyst)
    return client


def _start(client, **data):
    return client.post(INDEX, data)


def _finished_run(client, authority, **data) -> ReturnJob:
    response = _start(client, **data)
    assert response.status_code == 302
    run_worker()
    return ReturnJob.objects.get()


def test_it_offers_the_three_returns_to_an_analyst(as_analyst):
    response = as_analyst.get(INDEX)
    assert response.status_code == 200
    for button in ("Run the CIN census", "Run the SSDA903", "Run the Ofsted Annex A"):
        assert button in response.text
    assert 'id="id_cin-year"' in response.text and 'id="id_annex-as_of-day"' in response.text
    assert "No returns have been run yet." in response.text


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter the CIN census collection year"),
        ("20x6", "CIN census collection year must be a year with 4 numbers, like"),
        ("26", "CIN census collection year must be a year with 4 numbers, like"),
        ("2100", "CIN census collection year must be {latest} or earlier"),
        ("1999", "CIN census collection year must be {earliest} or later"),
    ],
)
def test_it_refuses_a_bad_collection_year_naming_the_field(as_analyst, typed, message):
    latest = collection_year_of(local_today())
    response = _start(as_analyst, **{"return": "cin-census", "cin-year": typed})
    assert response.status_code == 400
    expected = message.format(latest=latest, earliest=latest - 10)
    assert "There is a problem" in response.text
    assert f'<a href="#id_cin-year">{expected}' in response.text  # the summary links to the box
    assert 'class="govuk-input govuk-input--width-4 govuk-input--error" id="id_cin-year"' in response.text
    assert ReturnJob.objects.count() == 0


def test_it_names_the_ssda903_year_apart_from_the_cin_census(as_analyst):
    response = _start(as_analyst, **{"return": "ssda903", "ssda903-year": "next year"})
    assert '<a href="#id_ssda903-year">SSDA903 collection year must be a year with 4 numbers' in response.text
    assert ReturnJob.objects.count() == 0


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("", "", "", "Enter the Annex A inspection date"),
        ("31", "2", "2026", "Annex A inspection date must be a real date"),
        ("1", "3", "26", "Annex A inspection date must include a year with 4 numbers, like 2025"),
        ("1", "", "2026", "Annex A inspection date must include a month"),
        ("tomorrow", "", "", "Annex A inspection date must include a month and year"),
        ("1", "1", "1990", "Annex A inspection date must be on or after 1 January"),
    ],
)
def test_it_refuses_a_bad_inspection_date_naming_the_field(as_analyst, day, month, year, message):
    data = {"return": "annex-a", "annex-as_of-day": day, "annex-as_of-month": month, "annex-as_of-year": year}
    response = _start(as_analyst, **data)
    assert response.status_code == 400
    assert f'<a href="#id_annex-as_of-day">{message}' in response.text
    assert ReturnJob.objects.count() == 0


def test_it_refuses_an_inspection_date_in_the_future(as_analyst):
    tomorrow = local_today() + timedelta(days=1)
    data = {"return": "annex-a", "annex-as_of-day": tomorrow.day, "annex-as_of-month": tomorrow.month}
    response = _start(as_analyst, **data, **{"annex-as_of-year": tomorrow.year})
    assert "Annex A inspection date must be today or in the past" in response.text


def test_it_refuses_a_return_it_does_not_know(as_analyst):
    assert _start(as_analyst, **{"return": "school-census", "cin-year": "2026"}).status_code == 404


def test_starting_a_run_creates_a_job_and_shows_it_waiting(as_analyst, analyst):
    response = _start(as_analyst, **{"return": "cin-census", "cin-year": str(YEAR)})
    job = ReturnJob.objects.get()
    assert (job.kind, job.year, job.requested_by, job.status) == ("cin-census", YEAR, analyst, "queued")
    assert response["Location"] == reverse("returns:job", args=[job.pk])
    page = as_analyst.get(response["Location"])
    assert '<h1 class="govuk-heading-l">CIN census 2025/26</h1>' in page.text
    assert 'role="status" aria-live="polite"' in page.text
    assert "Waiting to start." in page.text
    assert f'hx-get="{reverse("returns:job_progress", args=[job.pk])}?seen=queued-0-0-0"' in page.text
    assert 'hx-trigger="every 2s"' in page.text
    listing = as_analyst.get(INDEX)
    assert "CIN census 2025/26" in listing.text and "Ana Lyst" in listing.text and "Waiting to start" in listing.text


@with_worker
def test_the_progress_poll_swaps_nothing_until_something_changes(as_analyst, authority):
    data = {"return": "annex-a", "annex-as_of-day": "31", "annex-as_of-month": "1", "annex-as_of-year": "2026"}
    _start(as_analyst, **data)
    job = ReturnJob.objects.get()
    url = reverse("returns:job_progress", args=[job.pk])
    assert as_analyst.get(url, {"seen": "queued-0-0-0"}, HTTP_HX_REQUEST="true").status_code == 204
    assert 'hx-get="' in as_analyst.get(url, {"seen": "running-5-0-0"}, HTTP_HX_REQUEST="true").text  # still polls
    run_worker()
    response = as_analyst.get(url, {"seen": "queued-0-0-0"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert '<div id="job-poller"></div>' in response.text  # finished: it stops polling
    assert '<div id="job-live" hx-swap-oob="innerHTML">' in response.text
    assert "Finished: Sheets and headers as expected. The results are below." in response.text
    assert '<div id="job-result" hx-swap-oob="innerHTML">' in response.text


@with_worker
def test_the_finished_run_shows_counts_by_rule_and_by_child(as_analyst, authority):
    with fixture_writes():
        Child.objects.filter(la_child_id="CINA1").update(upn="")  # a query for Amy (8770Q)
        Child.objects.filter(la_child_id="CPB1").update(upn="Z887201800002", is_restricted=True)  # an error for Ben
    job = _finished_run(as_analyst, authority, **{"return": "cin-census", "cin-year": str(YEAR)})
    page = as_analyst.get(reverse("returns:job", args=[job.pk])).text
    assert "Finished: 1 error, 3 queries." in page
    assert "1 error (the return would be rejected until they are fixed) and 3 queries" in page
    assert "Errors by rule" in page and "Queries by rule" in page
    assert '<td class="govuk-table__cell">1510</td>' in page
    assert "UPN invalid (wrong check letter at character 1)" in page
    # Amy's record opens from the summary; Ben's is restricted: his ID only, no name, no link.
    assert f'<a class="govuk-link" href="{reverse("child", args=["CINA1"])}">Amy Adams</a>' in page
    assert 'CPB1<br><span class="govuk-body-s">A record you cannot open</span>' in page
    assert "Ben Baker" not in page and reverse("child", args=["CPB1"]) not in page
    assert "The whole return" in page and "2887Q" in page
    assert f'href="{reverse("returns:download", args=[job.pk])}"' in page
    assert "Download cin-census-2026.xml" in page
    assert "hx-get" not in page  # nothing left to poll


@with_worker
def test_the_download_is_the_file_and_is_logged(as_analyst, analyst, authority):
    job = _finished_run(as_analyst, authority, **{"return": "cin-census", "cin-year": str(YEAR)})
    response = as_analyst.get(reverse("returns:download", args=[job.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    assert response["Content-Disposition"] == 'attachment; filename="cin-census-2026.xml"'
    body = b"".join(response.streaming_content)
    assert body.startswith(b"<?xml") and b"<LAchildID>CINA1</LAchildID>" in body
    event = AccessEvent.objects.get(action=AccessEvent.Action.EXPORT, object_type="returns.returnjob")
    assert (event.user, event.object_id) == (analyst, str(job.pk))
    in_file = set(re.findall(rb"<LAchildID>([^<]+)</LAchildID>", body))
    assert event.detail == f"CIN census 2025/26: cin-census-2026.xml, {len(in_file)} children"
    # Each child in the file has the download on their own access log, by the analyst.
    each = AccessEvent.objects.filter(action=AccessEvent.Action.EXPORT, object_type="people.child", user=analyst)
    pks = [int(pk) for pk in each.values_list("object_id", flat=True)]
    assert {i.encode() for i in Child.objects.filter(pk__in=pks).values_list("la_child_id", flat=True)} == in_file
    assert set(each.values_list("detail", flat=True)) == {"CIN census 2025/26: cin-census-2026.xml"}


@with_worker
def test_the_ssda903_downloads_as_a_zip_of_csv_files(as_analyst, authority):
    job = _finished_run(as_analyst, authority, **{"return": "ssda903", "ssda903-year": str(YEAR)})
    response = as_analyst.get(reverse("returns:download", args=[job.pk]))
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == 'attachment; filename="ssda903-2026.zip"'
    with zipfile.ZipFile(BytesIO(b"".join(response.streaming_content))) as archive:
        assert "episodes.csv" in archive.namelist()


@with_worker
def test_annex_a_shows_its_sheet_check_and_downloads_as_xlsx(as_analyst, authority):
    data = {"return": "annex-a", "annex-as_of-day": "31", "annex-as_of-month": "1", "annex-as_of-year": "2026"}
    job = _finished_run(as_analyst, authority, **data)
    assert job.as_of == date(2026, 1, 31)
    page = as_analyst.get(reverse("returns:job", args=[job.pk])).text
    assert "Ofsted Annex A as at 31 January 2026" in page
    assert "Sheets and headers as expected" in page
    assert "List 8 - Children in care" in page and "Annex A has no DfE validator" in page
    response = as_analyst.get(reverse("returns:download", args=[job.pk]))
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"] == 'attachment; filename="annex-a-2026-01-31.xlsx"'


@with_worker
def test_a_failed_run_says_so_plainly(as_analyst, settings, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the returns folder should be")
    settings.VAR_DIR = blocked
    _start(as_analyst, **{"return": "cin-census", "cin-year": str(YEAR)})
    run_worker()
    job = ReturnJob.objects.get()
    page = as_analyst.get(reverse("returns:job", args=[job.pk])).text
    assert "Failed. The reason is below." in page
    assert f"The details are in the server log under return job {job.pk}." in page
    assert "Traceback" not in page and "Error" not in page.split("<main", 1)[1].split("</main>")[0]
    assert as_analyst.get(reverse("returns:download", args=[job.pk])).status_code == 404


@with_worker
def test_the_director_reads_the_run_but_cannot_start_or_download(client, as_analyst, authority):
    job = _finished_run(as_analyst, authority, **{"return": "cin-census", "cin-year": str(YEAR)})
    client.force_login(UserFactory(username="dir", roles=[Role.DIRECTOR]))
    listing = client.get(INDEX)
    assert listing.status_code == 200 and "Run the CIN census" not in listing.text
    page = client.get(reverse("returns:job", args=[job.pk]))
    assert page.status_code == 200 and "Finished: 0 errors, 2 queries." in page.text
    assert reverse("returns:download", args=[job.pk]) not in page.text
    assert client.get(reverse("returns:download", args=[job.pk])).status_code == 403
    assert _start(client, **{"return": "cin-census", "cin-year": str(YEAR)}).status_code == 403
    assert ReturnJob.objects.count() == 1
    assert not AccessEvent.objects.filter(action=AccessEvent.Action.EXPORT).exists()


@with_worker
def test_an_inspector_reads_and_downloads_annex_a_and_sees_no_other_return(client, as_analyst, authority):
    annex = _finished_run(
        as_analyst,
        authority,
        **{"return": "annex-a", "annex-as_of-day": "31", "annex-as_of-month": "1", "annex-as_of-year": "2026"},
    )
    census = ReturnJob.objects.create(requested_by=annex.requested_by, kind="cin-census", year=YEAR)
    client.force_login(UserFactory(username="ofsted", roles=[Role.INSPECTOR]))
    listing = client.get(INDEX)
    assert listing.status_code == 200 and f'href="{INDEX}"' in listing.text
    assert "Ofsted Annex A as at 31 January 2026" in listing.text and "CIN census" not in listing.text
    assert "Run the Ofsted Annex A" not in listing.text
    assert reverse("returns:download", args=[annex.pk]) in client.get(reverse("returns:job", args=[annex.pk])).text
    download = client.get(reverse("returns:download", args=[annex.pk]))
    assert download["Content-Disposition"] == 'attachment; filename="annex-a-2026-01-31.xlsx"'
    workbook = openpyxl.load_workbook(BytesIO(b"".join(download.streaming_content)), read_only=True)
    in_workbook = set()
    for sheet in workbook.worksheets:
        rows = sheet.iter_rows(values_only=True)
        headers = next(rows)
        if "Child Unique ID" in headers:
            column = headers.index("Child Unique ID")
            in_workbook |= {row[column] for row in rows if row[column]}
    exports = AccessEvent.objects.filter(action=AccessEvent.Action.EXPORT, user__username="ofsted")
    assert exports.filter(object_type="returns.returnjob").count() == 1
    # The inspector's download is logged against each child in the workbook.
    pks = [int(pk) for pk in exports.filter(object_type="people.child").values_list("object_id", flat=True)]
    assert in_workbook and set(Child.objects.filter(pk__in=pks).values_list("la_child_id", flat=True)) == in_workbook
    for name in ("job", "job_progress", "download"):
        assert client.get(reverse(f"returns:{name}", args=[census.pk])).status_code == 404, name
    assert _start(client, **{"return": "annex-a", "annex-as_of-day": "1", "annex-as_of-month": "1"}).status_code == 403


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.ADMINISTRATOR])
def test_other_roles_get_403_everywhere(client, analyst, role):
    job = ReturnJob.objects.create(requested_by=analyst, kind="cin-census", year=YEAR)
    client.force_login(UserFactory(username="someone", roles=[role]))
    for name, args in [("index", []), ("job", [job.pk]), ("job_progress", [job.pk]), ("download", [job.pk])]:
        assert client.get(reverse(f"returns:{name}", args=args)).status_code == 403, name


def test_a_run_that_does_not_exist_is_not_found(as_analyst):
    assert as_analyst.get(reverse("returns:job", args=[999])).status_code == 404
    assert as_analyst.get(reverse("returns:download", args=[999])).status_code == 404


def test_a_run_left_waiting_says_no_worker_seems_to_be_running(as_analyst, analyst):
    job = ReturnJob.objects.create(requested_by=analyst, kind="cin-census", year=YEAR)
    ReturnJob.objects.filter(pk=job.pk).update(created_at=job.created_at - timedelta(minutes=5))
    url = reverse("returns:job_progress", args=[job.pk])
    response = as_analyst.get(url, {"seen": "queued-0-0-0"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200  # the hint is a change worth swapping in
    assert "No worker has picked this run up yet" in response.text


def test_a_run_whose_worker_died_shows_as_failed(as_analyst, analyst):
    from django_tasks_db.models import DBTaskResult

    from lantern.returns import services

    job = services.return_job_request(by=analyst, kind="cin-census", year=YEAR)
    ReturnJob.objects.filter(pk=job.pk).update(status=ReturnJob.Status.RUNNING)
    # What the queue holds after a worker was killed outright (the job row never heard).
    DBTaskResult.objects.filter(id=job.task_id).update(status="FAILED")
    page = as_analyst.get(reverse("returns:job", args=[job.pk])).text
    assert "Failed: the worker stopped before finishing this run." in page
    assert "hx-get" not in page
    listing = as_analyst.get(INDEX).text
    assert '<strong class="govuk-tag govuk-tag--red">\n  Failed\n</strong>' in listing


def _silent_run(analyst, *, heard: timedelta) -> ReturnJob:
    from lantern.returns import services

    job = services.return_job_request(by=analyst, kind="cin-census", year=YEAR)
    ReturnJob.objects.filter(pk=job.pk).update(
        status=ReturnJob.Status.RUNNING,
        stage="Checking the return with the DfE validator (the longest step)",
        percent=60,
        heartbeat_at=timezone.now() - heard,
    )
    return job


def test_a_run_not_heard_from_within_the_lease_is_failed_and_can_be_started_again(as_analyst, analyst, settings):
    settings.LANTERN_JOB_LEASE_SECONDS = 120
    job = _silent_run(analyst, heard=timedelta(minutes=5))
    page = as_analyst.get(reverse("returns:job", args=[job.pk])).text
    assert "Failed. The reason is below." in page
    assert "The worker running this return stopped while checking the return with the DfE validator" in page
    assert "No file was kept. Start the run again." in page
    assert "Running, 60% done" not in page and "hx-get" not in page
    assert "Start this run again" in page
    response = as_analyst.post(reverse("returns:run_again", args=[job.pk]))
    again = ReturnJob.objects.exclude(pk=job.pk).get()
    assert response["Location"] == reverse("returns:job", args=[again.pk])
    assert (again.kind, again.year, again.status) == ("cin-census", YEAR, ReturnJob.Status.QUEUED)
    job.refresh_from_db()
    assert job.status == ReturnJob.Status.FAILED  # the failed run stays as it was, for the record


def test_a_slow_run_still_heard_from_stays_running(as_analyst, analyst, settings):
    settings.LANTERN_JOB_LEASE_SECONDS = 120
    job = _silent_run(analyst, heard=timedelta(seconds=30))
    page = as_analyst.get(reverse("returns:job", args=[job.pk])).text
    assert "Running, 60% done: Checking the return with the DfE validator" in page
    assert "Start this run again" not in page
    job.refresh_from_db()
    assert job.status == ReturnJob.Status.RUNNING


def test_only_an_analyst_starts_a_failed_run_again_and_only_a_failed_one(client, as_analyst, analyst):
    from lantern.returns import services

    queued = services.return_job_request(by=analyst, kind="cin-census", year=YEAR)
    response = as_analyst.post(reverse("returns:run_again", args=[queued.pk]), follow=True)
    assert "Only a run that failed can be started again." in response.text
    assert ReturnJob.objects.count() == 1
    ReturnJob.objects.filter(pk=queued.pk).update(status=ReturnJob.Status.FAILED, error="The run stopped")
    client.force_login(UserFactory(username="dir", roles=[Role.DIRECTOR]))
    assert client.post(reverse("returns:run_again", args=[queued.pk])).status_code == 403
    page = client.get(reverse("returns:job", args=[queued.pk])).text
    assert "Start this run again" not in page and "A performance analyst can start it again" in page
    assert ReturnJob.objects.count() == 1


def test_the_site_navigation_offers_returns_only_to_those_who_may_read_them(client, analyst):
    link = f'href="{INDEX}"'
    client.force_login(analyst)
    assert link in client.get(reverse("home")).text
    client.force_login(UserFactory(username="sw", roles=[Role.SOCIAL_WORKER]))
    assert link not in client.get(reverse("home")).text


def test_the_children_with_issues_are_shown_a_page_at_a_time(as_analyst, analyst, settings):
    settings.LANTERN_PAGE_SIZE = 2
    issue = {"code": "8770Q", "message": "UPN is missing", "severity": "query", "where": ""}
    children = [{"child": f"C{n}", "issues": [issue]} for n in range(1, 6)]
    job = ReturnJob.objects.create(
        requested_by=analyst, kind="cin-census", year=YEAR, status=ReturnJob.Status.DONE,
        validation={"validator": "csc-validator-be-cin", "ran": True, "errors": 0, "queries": 5, "rules_run": 109,
                    "rules": [{**issue, "count": 5}], "children": children, "return_issues": []},
    )  # fmt: skip
    page = as_analyst.get(reverse("returns:job", args=[job.pk]), {"page": 2}).text
    assert "By child (5, showing 3 to 4)" in page
    assert "C3<br>" in page and "C4<br>" in page and "C5<br>" not in page
    assert 'aria-label="Page 3"' in page
