"""Writes for case notes, oversight decisions and drafts. A correction keeps the version it replaces."""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from lantern.casework.models import (
    TEXT_LIMIT,
    WHO_SEEN_LIMIT,
    CaseNote,
    CaseNoteVersion,
    Draft,
    NoteKind,
    OversightDecision,
    OversightDecisionVersion,
)
from lantern.casework.permissions import may_record_oversight, may_write_notes
from lantern.core.dates import day_label
from lantern.core.services import Refusal, local_today, save_checked
from lantern.core.writing import service
from lantern.people.models import Child

# A draft a little over the limit is still kept (the form will say it is too long); a huge post is not.
DRAFT_LIMIT = 4 * TEXT_LIMIT


def _text(refusal: Refusal, field: str, value: str, label: str, *, limit: int = TEXT_LIMIT, required=True) -> None:
    if required and not value.strip():
        refusal.add(field, f"Enter the {label.lower()}")
    if len(value) > limit:
        refusal.add(field, f"{label} must be {limit:,} characters or fewer: it has {len(value):,}")


def _check_note(refusal: Refusal, *, event_at: datetime, kind: str, who_seen: str, text: str, now: datetime) -> None:
    if event_at > now:
        refusal.add("event_at", "Date and time of the event must be in the past")
    refusal.code("kind", kind, NoteKind.values, "Type of note")
    _text(refusal, "who_seen", who_seen, "Who was seen", limit=WHO_SEEN_LIMIT, required=False)
    _text(refusal, "text", text, "Case note")


@service
def case_note_record(
    *, by, child: Child, event_at: datetime, kind: str, who_seen: str, text: str, now: datetime | None = None
) -> CaseNote:
    if not may_write_notes(by):
        raise PermissionDenied("Your role cannot write case notes")
    refusal = Refusal()
    _check_note(refusal, event_at=event_at, kind=kind, who_seen=who_seen, text=text, now=now or timezone.now())
    refusal.raise_if_any()
    note = CaseNote(child=child, event_at=event_at, kind=kind, who_seen=who_seen, text=text, recorded_by=by)
    return save_checked(note, by=by)


@service
def case_note_correct(
    *, by, note: CaseNote, event_at: datetime, kind: str, who_seen: str, text: str, now: datetime | None = None
) -> CaseNote:
    """A new version of the note; the one it replaces is kept in the note's history."""
    if not may_write_notes(by):
        raise PermissionDenied("Your role cannot write case notes")
    now = now or timezone.now()
    refusal = Refusal()
    _check_note(refusal, event_at=event_at, kind=kind, who_seen=who_seen, text=text, now=now)
    if (event_at, kind, who_seen, text) == (note.event_at, note.kind, note.who_seen, note.text):
        refusal.add("text", "Nothing has changed: change the note, or cancel")
    refusal.raise_if_any()
    earlier = CaseNoteVersion(
        note=note,
        version=note.version,
        event_at=note.event_at,
        kind=note.kind,
        who_seen=note.who_seen,
        text=note.text,
        recorded_by_id=note.recorded_by_id,
        recorded_at=note.updated_at,
        replaced_at=now,
    )
    save_checked(earlier, by=by)
    note.event_at, note.kind, note.who_seen, note.text = event_at, kind, who_seen, text
    note.version += 1
    note.recorded_by = by
    return save_checked(note, by=by)


def _check_oversight(
    refusal: Refusal,
    *,
    decided_on: date,
    decision: str,
    reason: str,
    next_review_on: date,
    today: date,
    kept_review: date | None = None,
) -> None:
    refusal.not_in_future("decided_on", decided_on, "Date of the decision", today=today)
    _text(refusal, "decision", decision, "Decision")
    _text(refusal, "reason", reason, "Reason for the decision")
    # A correction that keeps a review date already passed is not setting a review in the past.
    if next_review_on < today and next_review_on != kept_review:
        refusal.add("next_review_on", f"Next review date must be today or later: it is before {day_label(today)}")
    elif next_review_on <= decided_on:
        refusal.add("next_review_on", "Next review date must be after the date of the decision")


@service
def oversight_record(
    *,
    by,
    child: Child,
    decided_on: date,
    decision: str,
    reason: str,
    next_review_on: date,
    today: date | None = None,
) -> OversightDecision:
    """A manager's decision; its next review date starts the oversight clock, which the next decision stops."""
    if not may_record_oversight(by):
        raise PermissionDenied("Only team managers and service managers record oversight decisions")
    refusal = Refusal()
    _check_oversight(
        refusal,
        decided_on=decided_on,
        decision=decision,
        reason=reason,
        next_review_on=next_review_on,
        today=today or local_today(),
    )
    refusal.raise_if_any()
    record = OversightDecision(
        child=child,
        decided_on=decided_on,
        decision=decision,
        reason=reason,
        next_review_on=next_review_on,
        recorded_by=by,
    )
    return save_checked(record, by=by)


@service
def oversight_correct(
    *,
    by,
    record: OversightDecision,
    decided_on: date,
    decision: str,
    reason: str,
    next_review_on: date,
    today: date | None = None,
) -> OversightDecision:
    if not may_record_oversight(by):
        raise PermissionDenied("Only team managers and service managers record oversight decisions")
    refusal = Refusal()
    _check_oversight(
        refusal,
        decided_on=decided_on,
        decision=decision,
        reason=reason,
        next_review_on=next_review_on,
        today=today or local_today(),
        kept_review=record.next_review_on,
    )
    if (decided_on, decision, reason, next_review_on) == (
        record.decided_on,
        record.decision,
        record.reason,
        record.next_review_on,
    ):
        refusal.add("decision", "Nothing has changed: change the decision, or cancel")
    refusal.raise_if_any()
    earlier = OversightDecisionVersion(
        decision_record=record,
        version=record.version,
        decided_on=record.decided_on,
        decision=record.decision,
        reason=record.reason,
        next_review_on=record.next_review_on,
        recorded_by_id=record.recorded_by_id,
        recorded_at=record.updated_at,
        replaced_at=timezone.now(),
    )
    save_checked(earlier, by=by)
    record.decided_on, record.decision, record.reason = decided_on, decision, reason
    record.next_review_on = next_review_on
    record.version += 1
    record.recorded_by = by
    return save_checked(record, by=by)


@service
def draft_keep(*, by, child: Child, form: str, data: dict[str, list[str]]) -> Draft:
    """Keep what `by` has typed so far into `form` for this child (replacing their previous draft of it)."""
    size = sum(len(value) for values in data.values() for value in values)
    if size > DRAFT_LIMIT:
        refusal = Refusal()
        refusal.add("text", f"Draft not kept: it is longer than {DRAFT_LIMIT:,} characters")
        refusal.raise_if_any()
    draft = Draft.objects.filter(user=by, child=child, form=form).first() or Draft(user=by, child=child, form=form)
    draft.data = data
    draft.save()
    return draft


@service
def draft_discard(*, by, child: Child, form: str) -> None:
    """The form was saved (or abandoned by its writer): its draft goes."""
    Draft.objects.filter(user=by, child=child, form=form).delete()
