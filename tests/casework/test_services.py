"""Case notes and oversight decisions: what is refused, what a correction keeps, and the oversight clock."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lantern.casework import services
from lantern.casework.models import CaseNote, CaseNoteVersion, NeverDeleted, OversightDecision, OversightDelegation
from lantern.core.writing import writing
from lantern.timescales.clocks import Status
from lantern.timescales.selectors import child_timescales

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_monday")]
TODAY = date(2026, 3, 2)
NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def a_note(people, **changes) -> CaseNote:
    fields = {
        "event_at": NOW - timedelta(hours=2),
        "kind": "phone_call",
        "who_seen": "Mother",
        "text": "Mother rang about school.",
    }
    return services.case_note_record(by=people["alice"], child=people["amy"], **fields | changes)


def refusal(call) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as refused:
        call()
    return refused.value.message_dict


def test_a_case_note_is_saved_with_its_writer(people):
    note = a_note(people)
    assert (note.child, note.kind, note.recorded_by, note.version) == (people["amy"], "phone_call", people["alice"], 1)


def test_a_note_of_100000_characters_is_refused_at_the_limit_naming_the_field(people):
    errors = refusal(lambda: a_note(people, text="x" * 100_000))
    assert errors == {"text": ["Case note must be 20,000 characters or fewer: it has 100,000"]}
    assert not CaseNote.objects.exists()


def test_a_note_at_the_limit_is_kept_whole(people):
    assert len(a_note(people, text="y" * 20_000).text) == 20_000


def test_a_note_dated_in_the_future_is_refused(people):
    errors = refusal(lambda: a_note(people, event_at=NOW + timedelta(hours=1)))
    assert errors == {"event_at": ["Date and time of the event must be in the past"]}


def test_a_read_only_role_cannot_write_a_note(people):
    with pytest.raises(PermissionDenied):
        services.case_note_record(
            by=people["inspector"], child=people["amy"], event_at=NOW, kind="visit", who_seen="", text="Seen."
        )


def test_a_correction_keeps_the_earlier_version(people):
    note = a_note(people)
    services.case_note_correct(
        by=people["alice"], note=note, event_at=note.event_at, kind="visit", who_seen="Mother", text="Home visit."
    )
    note.refresh_from_db()
    earlier = CaseNoteVersion.objects.get(note=note)
    assert (note.version, note.kind, note.text) == (2, "visit", "Home visit.")
    assert (earlier.version, earlier.kind, earlier.text) == (1, "phone_call", "Mother rang about school.")


def test_a_note_is_never_deleted(people):
    note = a_note(people)
    with writing("a test trying"), pytest.raises(NeverDeleted):
        note.delete()
    with writing("a test trying"), pytest.raises(NeverDeleted):
        CaseNote.objects.all().delete()
    assert CaseNote.objects.count() == 1


def decide(people, by="tina", **changes) -> OversightDecision:
    fields = {
        "decided_on": TODAY - timedelta(days=7),
        "decision": "Step down to early help.",
        "reason": "Progress on the plan.",
        "next_review_on": TODAY + timedelta(days=21),
    }
    return services.oversight_record(by=people[by], child=people["amy"], **fields | changes)


def test_only_managers_record_oversight_unless_the_council_delegates_it(people):
    with pytest.raises(PermissionDenied):
        decide(people, by="alice")
    OversightDelegation.objects.create(id=1, social_workers_may_record=True)
    assert decide(people, by="alice").recorded_by == people["alice"]


def test_a_next_review_date_in_the_past_is_refused(people):
    errors = refusal(lambda: decide(people, next_review_on=TODAY - timedelta(days=1)))
    assert errors == {"next_review_on": ["Next review date must be today or later: it is before 2 March 2026"]}
    assert not OversightDecision.objects.exists()


def test_the_oversight_clock_is_due_on_the_review_date_and_stopped_by_the_next_decision(people):
    amy = people["amy"]
    first = decide(people, decided_on=date(2026, 1, 5), next_review_on=TODAY + timedelta(days=3))
    clocks = [c for c in child_timescales(child=amy, as_of=TODAY) if c.rule.id == "oversight_review"]
    assert [(c.due_date, c.status) for c in clocks] == [(first.next_review_on, Status.DUE_SOON)]
    decide(people, decided_on=TODAY, next_review_on=TODAY + timedelta(days=28))
    clocks = [c for c in child_timescales(child=amy, as_of=TODAY) if c.rule.id == "oversight_review"]
    assert [(c.due_date, c.status) for c in clocks] == [
        (first.next_review_on, Status.DONE_ON_TIME),
        (TODAY + timedelta(days=28), Status.NOT_DUE),
    ]


def test_an_oversight_correction_keeps_the_earlier_version(people):
    record = decide(people)
    services.oversight_correct(
        by=people["tina"],
        record=record,
        decided_on=record.decided_on,
        decision="Stay on the CIN plan.",
        reason=record.reason,
        next_review_on=record.next_review_on,
    )
    record.refresh_from_db()
    assert (record.version, record.decision) == (2, "Stay on the CIN plan.")
    assert [v.decision for v in record.versions.all()] == ["Step down to early help."]
