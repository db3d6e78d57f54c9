"""Subject access: the data protection officer produces a child's whole file, redacted or not, and it is logged.

PDFs are rendered once for the module (three files: not redacted, third parties redacted, workers redacted too),
through the real pages, and read back with pypdf; the other tests look at pages and need no PDF.
"""

import csv
import hashlib
import io
import json
import re
import zipfile
from datetime import UTC, date, datetime

import pypdf
import pytest
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lantern.accounts.models import AccessEvent
from lantern.accounts.roles import Role
from lantern.journey.models import Contact
from lantern.people.models import Address, Person, Relationship, RestrictedAccess
from lantern.subject_access.models import SubjectAccessRequest
from lantern.subject_access.redaction import MARK, Redactor
from lantern.subject_access.selectors import subject_file
from tests.factories import (
    AllocationFactory,
    ChildFactory,
    UserFactory,
    VisitFactory,
    WorkerFactory,
    fixture_writes,
    make,
)

MOTHER = ("Zebedee", "Quartermaine")
WORKER = ("Ophelia", "Wintergreen")


def _world():
    """Amy Adams, with a mother, a father who shares her surname, an address, a worker, visits and a contact."""
    dpo = UserFactory(username="dpo", first_name="Dana", last_name="Protector", roles=[Role.DATA_PROTECTION])
    amy = ChildFactory(first_name="Amy", last_name="Adams", la_child_id="A1", date_of_birth=date(2014, 5, 1))
    worker_user = UserFactory(username="ophelia", first_name=WORKER[0], last_name=WORKER[1])
    worker = WorkerFactory(first_name=WORKER[0], last_name=WORKER[1], user=worker_user)
    AllocationFactory(child=amy, worker=worker, start_date=date(2025, 1, 6))
    for day in (3, 17):
        VisitFactory(child=amy, worker=worker, visit_date=date(2025, 10, day))
    mother = make(Person, first_name=MOTHER[0], last_name=MOTHER[1])
    father = make(Person, first_name="Barnaby", last_name="Adams")
    make(Relationship, child=amy, person=mother, kind="mother", start_date=date(2014, 5, 1))
    make(Relationship, child=amy, person=father, kind="father", start_date=date(2014, 5, 1))
    make(Address, child=amy, line_1="1 Lantern Row", town="Chatham", postcode="ME4 4AA", start_date=date(2020, 1, 1))
    make(
        Contact,
        child=amy,
        source="6",
        received_at=datetime(2025, 9, 1, 9, tzinfo=UTC),
        summary='Zebedee rang: she and Barnaby Adams are worried. =HYPERLINK("http://x")',
    )
    # The worker took Amy in a worklist export (as lantern/worklists/exports.py logs it): the file must say so.
    AccessEvent.objects.bulk_create(
        [
            AccessEvent(
                user=worker_user,
                action=AccessEvent.Action.EXPORT,
                object_type="people.child",
                object_id=str(amy.pk),
                detail="My work: 2 rows as csv",
            )
        ]
    )
    return dpo, amy


def _read(response) -> dict:
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = archive.namelist()
    pdf_name = next(n for n in names if n.endswith(".pdf"))
    csv_name = next(n for n in names if n.endswith("-chronology.csv"))
    manifest_name = next(n for n in names if n.endswith("-manifest.json"))
    pdf = archive.read(pdf_name)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    pdf_text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    return {
        "names": names,
        "filename": response["Content-Disposition"],
        "pdf_text": pdf_text,
        "csv": archive.read(csv_name).decode("utf-8-sig"),
        "manifest": json.loads(archive.read(manifest_name)),
        "bodies": {name: archive.read(name) for name in names},
    }


@pytest.fixture(scope="module")
def produced(django_db_setup, django_db_blocker):
    """Three files for Amy, made through the pages by the DPO; the database is rolled back afterwards."""
    files = {}
    # Module-scoped, so conftest's per-test switch for two-factor sign-in is not on yet: switch it off here.
    with django_db_blocker.unblock(), transaction.atomic(), override_settings(LANTERN_REQUIRE_2FA=False):
        dpo, amy = _world()
        client = Client()
        client.force_login(dpo)
        for redaction in ("none", "third_parties", "workers"):
            response = client.post(
                reverse("subject_access", args=["A1"]), {"reference": f"SAR-{redaction}", "redaction": redaction}
            )
            assert response.status_code == 302 and response["Location"].endswith("#requests")
            sar = SubjectAccessRequest.objects.get(reference=f"SAR-{redaction}")
            download = client.get(reverse("subject_access_download", args=["A1", sar.pk]))
            assert download.status_code == 200
            assert download["Content-Type"] == "application/zip"
            files[redaction] = _read(download)
        files["log"] = list(
            AccessEvent.objects.filter(
                object_id=str(amy.pk), action=AccessEvent.Action.EXPORT, user__username="dpo"
            ).values_list("user__username", "detail")
        )
        files["page"] = client.get(reverse("subject_access", args=["A1"])).content.decode()
        transaction.set_rollback(True)
    return files


def test_it_holds_the_whole_record_in_the_pdf(produced):
    text = produced["none"]["pdf_text"]
    for expected in [
        "Amy Adams",
        "A1",
        "1 Lantern Row",
        "ME4 4AA",
        "Chronology",
        "Child in need visit",
        "Records held",
    ]:
        assert expected in text
    assert "Subject access file" in text and "SAR-none" in text


def test_the_file_lists_who_opened_or_exported_the_record(produced):
    text = produced["none"]["pdf_text"]
    assert "Who opened or exported the record" in text
    assert "Exported Ophelia Wintergreen My work: 2 rows as csv" in text
    # The second file lists the first one's download too.
    assert "SAR-none" in produced["third_parties"]["pdf_text"].split("Who opened or exported the record")[-1]
    workers = produced["workers"]["pdf_text"].split("Who opened or exported the record")[-1]
    assert f"Exported {MARK} My work: 2 rows as csv" in workers


def test_without_redaction_other_peoples_names_appear(produced):
    for part in ("pdf_text", "csv"):
        text = produced["none"][part]
        assert "Quartermaine" in text and "Zebedee" in text, part
        assert "Wintergreen" in text, part
        assert MARK not in text, part


@pytest.mark.parametrize("redaction", ["third_parties", "workers"])
def test_redacting_third_parties_removes_their_names_from_the_pdf_and_the_csv(produced, redaction):
    for part in ("pdf_text", "csv"):
        text = produced[redaction][part]
        assert "Zebedee" not in text and "Quartermaine" not in text, part
        assert "Barnaby" not in text, part
        assert MARK in text, part
    # The father shares the child's surname: the child's own name stays.
    assert "Amy Adams" in produced[redaction]["pdf_text"]


def test_workers_are_named_unless_their_names_are_redacted_too(produced):
    assert "Wintergreen" in produced["third_parties"]["pdf_text"]
    assert "Wintergreen" in produced["third_parties"]["csv"]
    for part in ("pdf_text", "csv"):
        assert "Wintergreen" not in produced["workers"][part]
        assert "Ophelia" not in produced["workers"][part]


def test_the_csv_is_the_chronology_with_formulas_neutralised(produced):
    rows = list(csv.reader(io.StringIO(produced["none"]["csv"])))
    assert rows[0] == ["Date", "Time", "Area", "Event", "Detail"]
    dates = [row[0] for row in rows[1:]]
    assert dates == sorted(dates)
    assert ["2025-10-03", "", "Visit", "Child in need visit", f"Child seen by {WORKER[0]} {WORKER[1]}"] in rows
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "@")), cell


def test_the_manifest_says_what_when_who_and_what_was_redacted(produced):
    manifest = produced["workers"]["manifest"]
    assert manifest["request_reference"] == "SAR-workers"
    assert manifest["child"] == {"la_child_id": "A1"}
    assert manifest["produced_by"]["username"] == "dpo"
    assert manifest["redaction"]["third_parties_redacted"] is True
    assert manifest["redaction"]["workers_redacted"] is True
    assert manifest["sections"]["Chronology"] >= 5
    for entry in manifest["files"]:
        body = produced["workers"]["bodies"][entry["name"]]
        assert hashlib.sha256(body).hexdigest() == entry["sha256"]
    assert produced["none"]["manifest"]["redaction"]["third_parties_redacted"] is False


def test_each_file_produced_is_in_the_access_log(produced):
    log = produced["log"]
    assert len(log) == 3
    details = {detail for _, detail in log}
    assert all(user == "dpo" for user, _ in log)
    assert any("SAR-none" in d and "not redacted" in d for d in details)
    assert any("SAR-workers" in d and "workers" in d for d in details)


def test_the_page_lists_each_request_with_its_download(produced):
    page = produced["page"]
    assert "SAR-third_parties" in page
    assert page.count("Download<span") == 3
    assert re.search(r'filename="subject-access-A1-\d{8}-\d{6}\.zip"', produced["none"]["filename"])


# Pages and permissions (no PDF) -------------------------------------------------------------------------------


def test_only_the_data_protection_officer_may_produce_a_file(client, people):
    url = reverse("subject_access", args=["A1"])
    for user in (people["director"], people["admin"]):
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert client.post(url, {"reference": "SAR-1", "redaction": "none"}).status_code == 403
    assert not SubjectAccessRequest.objects.exists()


def test_a_download_is_checked_on_the_server_and_not_logged_when_refused(client, people):
    sar = SubjectAccessRequest.objects.create(
        child=people["amy"], reference="SAR-1", redaction="none", requested_by=people["dpo"]
    )
    url = reverse("subject_access_download", args=["A1", sar.pk])
    client.force_login(people["director"])
    assert client.get(url).status_code == 403
    client.force_login(people["dpo"])
    other = ChildFactory(la_child_id="B1")
    assert client.get(reverse("subject_access_download", args=["B1", sar.pk])).status_code == 404
    assert client.get(reverse("subject_access_download", args=["A1", 999999])).status_code == 404
    assert not AccessEvent.objects.filter(action=AccessEvent.Action.EXPORT).exists()
    assert other.pk


def test_a_restricted_child_is_produced_only_for_a_named_officer(client, people):
    amy = people["amy"]
    amy.is_restricted = True
    with fixture_writes():
        amy.save()
    client.force_login(people["dpo"])
    url = reverse("subject_access", args=["A1"])
    assert client.get(url).status_code == 404
    make(RestrictedAccess, child=amy, user=people["dpo"], reason="Subject access request")
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"reference": "", "redaction": "none"}, "id_reference", "Enter the request reference"),
        ({"reference": "   ", "redaction": "none"}, "id_reference", "Enter the request reference"),
        ({"reference": "S" * 41, "redaction": "none"}, "id_reference", "40 characters or fewer"),
        ({"reference": "<script>", "redaction": "none"}, "id_reference", "must only include letters"),
        ({"reference": "SAR-1"}, "id_redaction", "Select whether to redact third parties"),
        ({"reference": "SAR-1", "redaction": "everything"}, "id_redaction", "Select whether to redact third parties"),
    ],
)
def test_bad_input_names_the_field_and_logs_nothing(client, people, data, field, message):
    client.force_login(people["dpo"])
    response = client.post(reverse("subject_access", args=["A1"]), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert re.search(rf'<a href="#{field}">[^<]*{re.escape(message)}', page), page
    assert not SubjectAccessRequest.objects.exists()


def test_the_file_is_read_in_bulk_whatever_the_length_of_the_record(people):
    sar = SubjectAccessRequest.objects.create(
        child=people["amy"], reference="SAR-1", redaction="workers", requested_by=people["dpo"]
    )
    subject_file(sar, as_of=date(2026, 3, 2))  # once to fill the caches (content types, the calendar)
    with CaptureQueriesContext(connection) as short:
        subject_file(sar, as_of=date(2026, 3, 2))
    worker = WorkerFactory()
    for day in range(1, 28):
        VisitFactory(child=people["amy"], worker=worker, visit_date=date(2025, 11, day))
    with CaptureQueriesContext(connection) as long:
        data = subject_file(sar, as_of=date(2026, 3, 2))
    assert len(data.chronology) > 27
    assert len(long.captured_queries) == len(short.captured_queries)


def test_the_redactor_takes_whole_names_and_lone_names_but_not_the_childs_own():
    redact = Redactor([("Jane", "Adams"), ("May", "Brown")], keep=["Amy", "Adams"])
    assert redact.text("Jane Adams called about Amy Adams") == f"{MARK} called about Amy Adams"
    assert redact.text("jane adams and JANE called") == f"{MARK} and JANE called"
    assert redact.text("Jane said Brown, May was there on 3 May 2025") == f"{MARK} said {MARK} was there on 3 May 2025"
    assert redact.text("Janet is not Jane") == f"Janet is not {MARK}"
    assert Redactor.off().text("Jane Adams") == "Jane Adams"
    lead = Redactor([("Dr", "Zara O'Neill")])
    assert lead.text("Seen by Dr Zara O'Neill; O'Neill to call Dr Patel") == f"Seen by {MARK}; {MARK} to call Dr Patel"
