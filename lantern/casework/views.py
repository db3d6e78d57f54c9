"""Case notes and oversight decisions: write, read with their history, correct. Views stay thin."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from lantern.casework import selectors, services
from lantern.casework.drafts import drafting_page
from lantern.casework.forms import CaseNoteForm, OversightForm
from lantern.casework.models import CaseNote, NoteKind, OversightDecision
from lantern.casework.permissions import OVERSIGHT_ROLES, may_record_oversight, may_write_notes
from lantern.core.dates import day_label, moment_label
from lantern.pages import viewing
from lantern.pages.recording import recording_denied
from lantern.people.models import Child
from lantern.workforce.access import child_for_user, child_or_404


def _shown(request: HttpRequest, child: Child, detail: str) -> HttpResponse | None:
    """Ask why outside one's own work, then log the view: every page that shows the child does."""
    if viewing.reason_needed(request, child):
        return viewing.ask_reason(request, child)
    viewing.child_shown(request, child, detail=detail)
    return None


def _visible(request: HttpRequest, child: Child) -> None:
    if child_for_user(request.user, child.la_child_id) is None:
        raise Http404("No child with that ID in your records")


def _not_a_manager(request: HttpRequest, child: Child) -> HttpResponse:
    return render(request, "casework/cannot_oversee.html", {"child": child, "nav": ""}, status=403)


# Case notes ------------------------------------------------------------------------------------------------------


@login_required
@require_GET
def case_notes(request: HttpRequest, la_child_id: str) -> HttpResponse:
    """The child's case notes, newest first, and a search within them."""
    child = child_or_404(request.user, la_child_id)
    asked = _shown(request, child, "Case notes")
    if asked is not None:
        return asked
    search = request.GET.get("q", "").replace("\x00", "").strip()[: selectors.SEARCH_LIMIT]
    notes = list(selectors.case_notes(child, search=search))
    context = {"child": child, "notes": notes, "search": search, "nav": "", "can_write": may_write_notes(request.user)}
    return render(request, "casework/case_notes.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def case_note_new(request: HttpRequest, la_child_id: str) -> HttpResponse:
    child = child_or_404(request.user, la_child_id)

    def save(data: dict) -> str:
        services.case_note_record(
            by=request.user,
            child=child,
            event_at=data["event_at"],
            kind=data["kind"],
            who_seen=data["who_seen"],
            text=data["text"],
        )
        return "Case note saved"

    kind = request.GET.get("kind", "")
    return drafting_page(
        request,
        child=child,
        form_key="case_note",
        form_class=CaseNoteForm,
        template="casework/case_note_form.html",
        title="Write a case note",
        save=save,
        initial={"kind": kind} if kind in NoteKind.values else None,
    )


def _note_rows(note: CaseNote) -> list[tuple[str, str]]:
    return [
        ("Date and time", moment_label(note.event_at)),
        ("Type", note.get_kind_display()),
        ("Who was seen", note.who_seen or "Not recorded"),
        ("Written by", note.recorded_by.get_full_name() or note.recorded_by.username),
    ]


def _may_correct_note(user, note: CaseNote) -> bool:
    return note.recorded_by_id == user.pk or user.has_role(*OVERSIGHT_ROLES)


@login_required
@require_GET
def case_note(request: HttpRequest, pk: int) -> HttpResponse:
    note = selectors.note_for(pk)
    if note is None:
        raise Http404("No such case note")
    _visible(request, note.child)
    asked = _shown(request, note.child, "Case note")
    if asked is not None:
        return asked
    context = {
        "child": note.child,
        "note": note,
        "rows": _note_rows(note),
        "versions": selectors.earlier_versions(note),
        "may_correct": may_write_notes(request.user) and _may_correct_note(request.user, note),
        "nav": "",
    }
    return render(request, "casework/case_note.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def case_note_correct(request: HttpRequest, pk: int) -> HttpResponse:
    note = selectors.note_for(pk)
    if note is None:
        raise Http404("No such case note")
    denied = recording_denied(request, note.child)
    if denied is not None:
        return denied
    if not _may_correct_note(request.user, note):
        return render(request, "casework/cannot_correct.html", {"child": note.child, "nav": ""}, status=403)

    def save(data: dict) -> str:
        services.case_note_correct(
            by=request.user,
            note=note,
            event_at=data["event_at"],
            kind=data["kind"],
            who_seen=data["who_seen"],
            text=data["text"],
        )
        return "Case note corrected: the earlier version is kept in its history"

    return drafting_page(
        request,
        child=note.child,
        form_key=f"case_note:{note.pk}",
        form_class=CaseNoteForm,
        template="casework/case_note_form.html",
        title="Correct a case note",
        save=save,
        initial={"event_at": note.event_at, "kind": note.kind, "who_seen": note.who_seen, "text": note.text},
        context={"rows": _note_rows(note), "correcting": True},
        edits=note,
    )


# Oversight decisions ---------------------------------------------------------------------------------------------


def _oversight_save(request: HttpRequest, child: Child, record: OversightDecision | None):
    def save(data: dict) -> str:
        fields = {key: data[key] for key in ("decided_on", "decision", "reason", "next_review_on")}
        if record is None:
            services.oversight_record(by=request.user, child=child, **fields)
            return f"Oversight decision recorded: next review by {day_label(data['next_review_on'])}"
        services.oversight_correct(by=request.user, record=record, **fields)
        return "Oversight decision corrected: the earlier version is kept in its history"

    return save


@login_required
@require_http_methods(["GET", "POST"])
def oversight_new(request: HttpRequest, la_child_id: str) -> HttpResponse:
    child = child_or_404(request.user, la_child_id)
    denied = recording_denied(request, child)
    if denied is not None:
        return denied
    if not may_record_oversight(request.user):
        return _not_a_manager(request, child)
    latest = selectors.oversight_decisions(child).first()
    rows = []
    if latest is not None:
        rows = [
            ("Last decision", f"{day_label(latest.decided_on)}: {latest.decision}"),
            ("Review due", day_label(latest.next_review_on)),
        ]
    return drafting_page(
        request,
        child=child,
        form_key="oversight",
        form_class=OversightForm,
        template="casework/oversight_form.html",
        title="Record a management oversight decision",
        save=_oversight_save(request, child, None),
        initial={"decided_on": timezone.localdate()},
        context={"rows": rows},
    )


def _decision_rows(record: OversightDecision) -> list[tuple[str, str]]:
    return [
        ("Date of the decision", day_label(record.decided_on)),
        ("Next review", day_label(record.next_review_on)),
        ("Recorded by", record.recorded_by.get_full_name() or record.recorded_by.username),
    ]


@login_required
@require_GET
def oversight(request: HttpRequest, pk: int) -> HttpResponse:
    record = selectors.decision_for(pk)
    if record is None:
        raise Http404("No such oversight decision")
    _visible(request, record.child)
    asked = _shown(request, record.child, "Oversight decision")
    if asked is not None:
        return asked
    context = {
        "child": record.child,
        "record": record,
        "rows": _decision_rows(record),
        "versions": selectors.earlier_versions(record),
        "may_correct": may_record_oversight(request.user),
        "nav": "",
    }
    return render(request, "casework/oversight.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def oversight_correct(request: HttpRequest, pk: int) -> HttpResponse:
    record = selectors.decision_for(pk)
    if record is None:
        raise Http404("No such oversight decision")
    denied = recording_denied(request, record.child)
    if denied is not None:
        return denied
    if not may_record_oversight(request.user):
        return _not_a_manager(request, record.child)
    return drafting_page(
        request,
        child=record.child,
        form_key=f"oversight:{record.pk}",
        form_class=OversightForm,
        template="casework/oversight_form.html",
        title="Correct an oversight decision",
        save=_oversight_save(request, record.child, record),
        initial={
            "decided_on": record.decided_on,
            "decision": record.decision,
            "reason": record.reason,
            "next_review_on": record.next_review_on,
        },
        context={"rows": _decision_rows(record), "correcting": True},
        edits=record,
    )
