"""The record is where work starts: the actions each role is offered, the top of the page, the chronology's words,
and a query count that does not grow with the number of case notes."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lantern.casework import services
from lantern.casework.models import CaseNote
from tests.factories import CareEpisodeFactory, fixture_writes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_monday")]
RECORD = reverse("child", args=["A1"])


def page(client, user) -> str:
    client.force_login(user)
    response = client.get(RECORD)
    assert response.status_code == 200
    return response.content.decode()


def test_a_social_worker_is_offered_notes_and_visits_but_not_oversight(client, people):
    text = page(client, people["alice"])
    assert reverse("casework:case_note_new", args=["A1"]) in text
    assert ">Record a visit</a>" in text
    assert "Record an oversight decision" not in text


def test_a_team_manager_is_offered_the_oversight_decision(client, people):
    text = page(client, people["tina"])
    assert reverse("casework:oversight_new", args=["A1"]) in text


def test_read_only_roles_are_offered_no_recording_at_all(client, people, settings):
    settings.LANTERN_ASK_REASON_OUTSIDE_OWN_WORK = False
    for user in (people["inspector"], people["director"]):
        text = page(client, user)
        assert 'id="actions"' not in text
        assert "Record a visit" not in text and "Write a case note" not in text


def test_a_child_in_care_offers_the_cla_review_and_says_the_placement_in_words(client, people):
    CareEpisodeFactory(period__child=people["amy"], period__start_date=date(2026, 2, 2))
    text = page(client, people["alice"])
    assert reverse("care:cla_review", args=["A1"]) in text
    glance = text[text.index("lantern-at-a-glance") : text.index('id="timescales"')]
    assert "Looked after since 2 Feb 2026" in glance
    chronology = text[text.index('id="chronology"') :]
    assert "Legal status V2" not in chronology
    assert "Social worker allocated" in chronology and "Allocated social worker allocated" not in chronology


def test_the_top_says_who_the_worker_is_and_what_is_due_next(client, people):
    CareEpisodeFactory(period__child=people["amy"], period__start_date=date(2026, 2, 2))
    text = page(client, people["alice"])
    glance = text[text.index("lantern-at-a-glance") : text.index('id="timescales"')]
    assert "Alice Archer" in glance
    assert "Due next" in glance and "Nothing due" not in glance


def notes(child, user, count: int) -> None:
    """A year of case notes: `count` of them spread over the last 365 days."""
    start = datetime(2025, 3, 2, 9, tzinfo=UTC)
    step = timedelta(days=365) / count
    with fixture_writes():
        CaseNote.objects.bulk_create(
            CaseNote(child=child, event_at=start + step * i, kind="visit", text=f"Note {i}", recorded_by=user)
            for i in range(count)
        )


def queries(client, url: str) -> int:
    client.get(url)  # the first page of a session also writes the session and the idle clock: not counted
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_record_and_my_work_take_the_same_queries_for_5_notes_as_for_200(client, people):
    amy = people["amy"]
    client.force_login(people["alice"])
    my_work = reverse("worklists:my_work")
    notes(amy, people["alice"], 5)
    five = (queries(client, RECORD), queries(client, my_work))
    notes(amy, people["alice"], 195)
    assert CaseNote.objects.filter(child=amy).count() == 200
    two_hundred = (queries(client, RECORD), queries(client, my_work))
    print(f"queries (record, My work): 5 notes {five}, 200 notes {two_hundred}")
    assert two_hundred == five


def test_the_oversight_clock_offers_its_form_to_managers_only(client, people):
    services.oversight_record(
        by=people["tina"],
        child=people["amy"],
        decided_on=date(2026, 2, 2),
        decision="Continue the plan.",
        reason="Progress.",
        next_review_on=date(2026, 3, 4),
    )
    oversight = reverse("casework:oversight_new", args=["A1"])
    worker_view = page(client, people["alice"])
    assert "Management oversight review" in worker_view
    assert oversight not in worker_view
    assert oversight in page(client, people["tina"])
