"""The case note and oversight pages: who may use them, what they save, drafts, corrections and bad input."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from lantern.casework import services
from lantern.casework.models import CaseNote, Draft, OversightDecision
from tests.factories import resave

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_monday")]
TODAY = date(2026, 3, 2)
PASSWORD = "a-long-test-password"


def note_form(**changes) -> dict[str, str]:
    return {
        "event_at-day": "27",
        "event_at-month": "2",
        "event_at-year": "2026",
        "event_at-time": "14:30",
        "kind": "direct_work",
        "who_seen": "Amy",
        "text": "We drew her family tree together.",
    } | changes


def oversight_form(**changes) -> dict[str, str]:
    return {
        "decided_on-day": "2",
        "decided_on-month": "3",
        "decided_on-year": "2026",
        "decision": "Convene a strategy discussion.",
        "reason": "New concerns from school.",
        "next_review_on-day": "16",
        "next_review_on-month": "3",
        "next_review_on-year": "2026",
    } | changes


def new_note_url(child) -> str:
    return reverse("casework:case_note_new", args=[child.la_child_id])


def test_a_social_worker_writes_a_case_note_and_finds_it_in_the_chronology(client, people):
    amy = people["amy"]
    client.force_login(people["alice"])
    response = client.post(new_note_url(amy), note_form())
    assert response.status_code == 302
    record = client.get(response["Location"]).content.decode()
    chronology = record[record.index('id="chronology"') :]
    assert "Case note saved" in record
    assert "Case note: direct work" in chronology
    assert "We drew her family tree together." in chronology
    assert "27 Feb 2026 14:30" in chronology


def test_the_childs_case_notes_can_be_searched(client, people):
    amy = people["amy"]
    for text in ("Talked about school.", "Visited grandmother.", "School meeting held."):
        services.case_note_record(
            by=people["alice"],
            child=amy,
            event_at=datetime(2026, 2, 1, tzinfo=UTC),
            kind="meeting",
            who_seen="",
            text=text,
        )
    client.force_login(people["alice"])
    page = client.get(reverse("casework:case_notes", args=["A1"]), {"q": "school"}).content.decode()
    assert "2 case notes matching “school”" in page
    assert "Visited grandmother." not in page


def test_a_100000_character_note_is_refused_named_and_kept_whole_on_the_page(client, people):
    client.force_login(people["alice"])
    response = client.post(new_note_url(people["amy"]), note_form(text="n" * 100_000))
    text = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in text
    assert "Case note must be 20,000 characters or fewer: it has 100,000" in text
    assert "n" * 100_000 in text, "what was typed comes back whole, not cut"
    assert not CaseNote.objects.exists()


def test_a_note_dated_tomorrow_is_refused(client, people):
    client.force_login(people["alice"])
    response = client.post(new_note_url(people["amy"]), note_form(**{"event_at-day": "3", "event_at-month": "3"}))
    assert "Date and time of the event must be today or in the past" in response.content.decode()
    assert not CaseNote.objects.exists()


def test_a_note_later_today_than_now_is_refused(client, people):
    client.force_login(people["alice"])
    later = note_form(**{"event_at-day": "2", "event_at-month": "3", "event_at-time": "18:00"})
    response = client.post(new_note_url(people["amy"]), later)
    assert "Date and time of the event must be in the past" in response.content.decode()
    assert not CaseNote.objects.exists()


def test_a_read_only_role_posting_a_note_or_a_decision_gets_403_and_nothing_is_saved(client, people):
    client.force_login(people["inspector"])
    assert client.post(new_note_url(people["amy"]), note_form()).status_code == 403
    oversight = reverse("casework:oversight_new", args=["A1"])
    assert client.post(oversight, oversight_form()).status_code == 403
    assert client.post(new_note_url(people["amy"]), note_form() | {"lantern_draft": "1"}).status_code == 403
    assert not CaseNote.objects.exists() and not OversightDecision.objects.exists() and not Draft.objects.exists()


def test_a_social_worker_cannot_record_an_oversight_decision(client, people):
    client.force_login(people["alice"])
    response = client.post(reverse("casework:oversight_new", args=["A1"]), oversight_form())
    assert response.status_code == 403
    assert "Only managers record oversight decisions" in response.content.decode()


def test_a_team_manager_records_oversight_and_its_clock_shows_on_the_record(client, people):
    client.force_login(people["tina"])
    response = client.post(reverse("casework:oversight_new", args=["A1"]), oversight_form())
    assert response.status_code == 302
    record = client.get(reverse("child", args=["A1"])).content.decode()
    timescales = record[record.index('id="timescales"') : record.index('id="chronology"')]
    assert "Management oversight review" in timescales
    assert "16 Mar 2026" in timescales
    assert "Oversight decision" in record[record.index('id="chronology"') :]


def test_an_oversight_review_date_in_the_past_is_refused(client, people):
    client.force_login(people["tina"])
    response = client.post(
        reverse("casework:oversight_new", args=["A1"]), oversight_form(**{"next_review_on-day": "1"})
    )
    assert "Next review date must be today or later" in response.content.decode()
    assert not OversightDecision.objects.exists()


# Drafts -----------------------------------------------------------------------------------------------------------


def test_what_is_typed_is_kept_as_a_draft_and_restored_on_coming_back(client, people):
    client.force_login(people["alice"])
    url = new_note_url(people["amy"])
    kept = client.post(url, note_form(text="Half a thought") | {"lantern_draft": "1"}, headers={"HX-Request": "true"})
    assert kept.status_code == 200
    assert "Draft saved at" in kept.content.decode()
    assert not CaseNote.objects.exists()
    page = client.get(url).content.decode()
    assert "We kept what you were writing" in page
    assert ">Half a thought</textarea>" in page
    assert 'value="14:30"' in page


def test_saving_the_note_discards_the_draft(client, people):
    client.force_login(people["alice"])
    url = new_note_url(people["amy"])
    client.post(url, note_form() | {"lantern_draft": "1"}, headers={"HX-Request": "true"})
    assert client.post(url, note_form()).status_code == 302
    assert not Draft.objects.exists()
    assert "We kept what you were writing" not in client.get(url).content.decode()


def test_a_draft_is_the_writers_own(client, people):
    client.force_login(people["alice"])
    url = new_note_url(people["amy"])
    client.post(url, note_form(text="Alice's words") | {"lantern_draft": "1"}, headers={"HX-Request": "true"})
    client.force_login(people["tina"])
    assert "Alice's words" not in client.get(url).content.decode()


def test_a_draft_sent_after_the_idle_sign_out_is_kept_and_restored_after_signing_in(client, people):
    url = new_note_url(people["amy"])
    start = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    with time_machine.travel(start, tick=False):
        client.force_login(people["alice"])
        client.get(url)
    with time_machine.travel(start + timedelta(minutes=45), tick=False):
        draft = note_form(text="Typed after a long pause") | {"lantern_draft": "1"}
        signed_out = client.post(
            url, draft, headers={"HX-Request": "true", "HX-Current-URL": f"http://testserver{url}"}
        )
        # The whole page goes to sign-in; signing in comes back to the page, where the kept draft is posted again
        # (and kept), and the page opens with it.
        signed_in = client.post(signed_out["HX-Redirect"], {"username": "alice", "password": PASSWORD})
        assert signed_in["Location"] == url
        replayed = client.get(url)
        assert replayed.status_code == 302 and replayed["Location"] == url
        page = client.get(url).content.decode()
    assert ">Typed after a long pause</textarea>" in page
    assert "We kept what you were writing" in page
    assert not CaseNote.objects.exists()


# Corrections ------------------------------------------------------------------------------------------------------


def a_note(people) -> CaseNote:
    return services.case_note_record(
        by=people["alice"],
        child=people["amy"],
        event_at=datetime(2026, 2, 27, 14, 30, tzinfo=UTC),
        kind="visit",
        who_seen="Amy",
        text="First words.",
    )


def test_a_corrected_note_says_so_and_keeps_the_earlier_version(client, people):
    note = a_note(people)
    client.force_login(people["alice"])
    correct = reverse("casework:case_note_correct", args=[note.pk])
    assert client.post(correct, note_form(text="Better words.", kind="visit")).status_code == 302
    page = client.get(reverse("casework:case_note", args=[note.pk])).content.decode()
    assert "Corrected on 2 March 2026" in page
    assert "Better words." in page and "First words." in page
    record = client.get(reverse("child", args=["A1"])).content.decode()
    assert "Corrected on 2 Mar 2026" in record and "earlier version" in record


def test_a_correction_over_someone_elses_newer_change_is_refused_with_the_text_kept(client, people):
    note = a_note(people)
    client.force_login(people["alice"])
    correct = reverse("casework:case_note_correct", args=[note.pk])
    page = client.get(correct).content.decode()
    version = page.split('name="version" value="')[1].split('"')[0]
    with time_machine.travel(datetime(2026, 3, 2, 12, 5, tzinfo=UTC), tick=False):
        resave(note, text="Tina's correction.")
    response = client.post(correct, note_form(text="Alice's correction.") | {"version": version})
    text = response.content.decode()
    assert "Someone else saved a change to this record" in text
    assert ">Alice&#x27;s correction.</textarea>" in text
    note.refresh_from_db()
    assert note.text == "Tina's correction."


def test_another_social_worker_cannot_correct_someone_elses_note(client, people):
    note = a_note(people)
    other = people["carl"]
    client.force_login(other)
    # Carl cannot even see Amy: not found, as for any record outside his team.
    assert client.get(reverse("casework:case_note_correct", args=[note.pk])).status_code == 404
