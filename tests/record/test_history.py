"""The change history page: who changed which field of a child's records, from what to what, and when."""

import re
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lantern.accounts.models import AccessEvent
from lantern.core.services import save_checked
from lantern.journey.models import Contact, Visit
from lantern.journey.services import contact_decide, visit_record
from lantern.people.models import RestrictedAccess
from tests.factories import fixture_writes, make

pytestmark = pytest.mark.django_db


def _rows(page: str) -> list[str]:
    """Each table row of the page as plain text, newest first."""
    rows = re.findall(r'<tr class="govuk-table__row">(.*?)</tr>', page, flags=re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in rows]


@time_machine.travel(datetime(2026, 3, 2, 12, 0, tzinfo=UTC), tick=False)
def test_a_visit_changed_through_its_service_shows_field_old_and_new_values_and_who(client, people):
    amy = people["amy"]
    visit = visit_record(
        by=people["alice"],
        child=amy,
        kind=Visit.Kind.CIN,
        visit_date=date(2026, 2, 20),
        seen=True,
        seen_alone=False,
        worker=people["alice_worker"],
    )
    # Tina corrects it: the child was seen alone, and on another day (saved with the actor, as services do).
    visit.seen_alone = True
    visit.visit_date = date(2026, 2, 19)
    with fixture_writes():
        save_checked(visit, by=people["tina"])

    client.force_login(people["tina"])
    response = client.get(reverse("child_history", args=["A1"]))
    assert response.status_code == 200
    rows = _rows(response.content.decode())
    changed = next(row for row in rows if "Changed: visit" in row)
    assert "Tina Tanner" in changed
    assert "Child seen alone: from No to Yes" in changed
    assert "Visit date: from 20 Feb 2026 to 19 Feb 2026" in changed
    created = next(row for row in rows if "Created: visit" in row)
    assert "Alice Archer" in created
    assert "Kind: Child in need visit" in created
    assert "Worker: Alice Archer" in created
    assert rows.index(changed) < rows.index(created), "newest first"


@time_machine.travel(datetime(2026, 3, 2, 12, 0, tzinfo=UTC), tick=False)
def test_a_decision_recorded_on_a_contact_is_a_change_to_the_contact(client, people):
    contact = make(Contact, child=people["amy"], source="6", received_at=datetime(2026, 3, 1, 9, tzinfo=UTC))
    contact_decide(
        by=people["alice"], contact=contact, decision="ADVICE", decision_at=datetime(2026, 3, 2, 10, tzinfo=UTC)
    )
    client.force_login(people["dpo"])
    rows = _rows(client.get(reverse("child_history", args=["A1"]) + "?type=journey.contact").content.decode())
    changed = next(row for row in rows if "Changed: contact" in row)
    assert "Alice Archer" in changed
    assert "Decision: from (blank) to ADVICE: Information and advice" in changed, changed
    assert not any("visit" in row.lower() for row in rows[1:])


def test_the_history_is_filtered_by_kind_of_record(client, people):
    visit_record(
        by=people["alice"],
        child=people["amy"],
        kind=Visit.Kind.OTHER,
        visit_date=date(2025, 1, 7),
        seen=False,
        seen_alone=False,
    )
    amy = people["amy"]
    amy.upn_unknown = ""
    amy.first_name = "Amelia"
    with fixture_writes():
        save_checked(amy, by=people["alice"])
    client.force_login(people["tina"])
    page = " ".join(_rows(client.get(reverse("child_history", args=["A1"]) + "?type=people.child").content.decode()))
    assert "First name: from Amy to Amelia" in page
    assert "Created: visit" not in page
    everything = client.get(reverse("child_history", args=["A1"]) + "?type=nonsense").content.decode()
    assert "Created: visit" in everything and "Amelia" in everything


def test_viewing_the_history_is_logged(client, people):
    client.force_login(people["tina"])
    client.get(reverse("child_history", args=["A1"]) + "?type=journey.visit")
    event = AccessEvent.objects.get(user=people["tina"])
    assert event.action == AccessEvent.Action.VIEW
    assert event.object_id == str(people["amy"].pk)
    assert event.detail == "Change history of visit records"


def test_only_people_and_the_data_protection_officer_read_it(client, people):
    url = reverse("child_history", args=["A1"])
    for user, status in [
        (people["alice"], 403),
        (people["inspector"], 403),
        (people["tina"], 200),
        (people["dpo"], 200),
        (people["other_tm"], 404),  # a team manager outside the child's team: not disclosed
    ]:
        client.force_login(user)
        assert client.get(url).status_code == status, user
    # Refused, so nothing was viewed: the refusals are security events (lantern/accounts/security_events.py).
    refused = AccessEvent.objects.filter(user__in=[people["alice"], people["other_tm"]])
    assert sorted(refused.values_list("action", "status")) == [("refused", 403), ("refused", 404)]


def test_a_restricted_childs_history_is_read_only_by_named_users(client, people):
    amy = people["amy"]
    amy.is_restricted = True
    with fixture_writes():
        amy.save()
    client.force_login(people["dpo"])
    assert client.get(reverse("child_history", args=["A1"])).status_code == 404
    make(RestrictedAccess, child=amy, user=people["dpo"], reason="Audit")
    assert client.get(reverse("child_history", args=["A1"])).status_code == 200


def test_a_deleted_record_keeps_its_history(client, people):
    visit = visit_record(
        by=people["alice"],
        child=people["amy"],
        kind=Visit.Kind.OTHER,
        visit_date=date(2025, 1, 7),
        seen=True,
        seen_alone=False,
    )
    with fixture_writes():
        visit.delete()
    client.force_login(people["dpo"])
    page = client.get(reverse("child_history", args=["A1"])).content.decode()
    assert "Deleted: visit" in page and "Created: visit" in page


def test_the_history_is_paginated_and_read_in_bulk(client, people, settings):
    settings.LANTERN_PAGE_SIZE = 5

    def record_visits(n: int) -> None:
        for day in range(1, n + 1):
            visit_record(
                by=people["alice"],
                child=people["amy"],
                kind=Visit.Kind.OTHER,
                visit_date=date(2025, 1, day),
                seen=True,
                seen_alone=False,
                worker=people["alice_worker"],
            )

    client.force_login(people["tina"])
    url = reverse("child_history", args=["A1"])
    record_visits(2)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    record_visits(10)
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()
    # The first page held more kinds of record (the allocation, the child) than the page of visits.
    assert len(many.captured_queries) <= len(few.captured_queries)
    # Twelve visits, the allocation and the child.
    assert "14 changes, newest first" in page
    assert 'aria-label="Page 3"' in page


def test_the_data_protection_officer_finds_a_child_by_id_and_reaches_history_and_subject_access(client, people):
    client.force_login(people["dpo"])
    home = client.get(reverse("home")).content.decode()
    assert "Find a child's access log" in home and "produce a subject access file" in home
    response = client.get(reverse("audit_find") + "?la_child_id=a1")
    assert response["Location"] == reverse("child_access_log", args=["A1"])
    log = client.get(response["Location"]).content.decode()
    assert reverse("child_history", args=["A1"]) in log
    assert reverse("subject_access", args=["A1"]) in log


@pytest.mark.parametrize(
    ("user", "typed", "message"),
    [
        ("dpo", "", "Enter the child&#x27;s LA child ID"),
        ("dpo", "NOPE99", "No child with that LA child ID"),
        ("other_tm", "A1", "No child with that LA child ID"),  # outside their team: not disclosed
    ],
)
def test_finding_a_child_says_what_is_wrong_with_the_id(client, people, user, typed, message):
    client.force_login(people[user])
    response = client.get(reverse("audit_find") + f"?la_child_id={typed}")
    assert response.status_code == 400
    page = response.content.decode()
    assert f'<a href="#la_child_id">{message}' in page


def test_a_manager_finds_their_teams_child_without_the_subject_access_link(client, people):
    client.force_login(people["tina"])
    response = client.get(reverse("audit_find") + "?la_child_id=A1")
    log = client.get(response["Location"]).content.decode()
    assert reverse("child_history", args=["A1"]) in log
    assert reverse("subject_access", args=["A1"]) not in log


def test_the_access_log_of_a_restricted_child_offers_history_and_subject_access_only_to_named_users(client, people):
    amy = people["amy"]
    amy.is_restricted = True
    with fixture_writes():
        amy.save()
    client.force_login(people["dpo"])
    log = client.get(reverse("child_access_log", args=["A1"])).content.decode()
    assert reverse("child_history", args=["A1"]) not in log
    assert reverse("subject_access", args=["A1"]) not in log
    make(RestrictedAccess, child=amy, user=people["dpo"], reason="Subject access request")
    log = client.get(reverse("child_access_log", args=["A1"])).content.decode()
    assert reverse("child_history", args=["A1"]) in log
    assert reverse("subject_access", args=["A1"]) in log
