"""Reads of case notes and oversight decisions: bulk, with their authors, for one child."""

from django.db.models import Count, Q, QuerySet

from lantern.casework.models import CaseNote, OversightDecision
from lantern.people.models import Child

SEARCH_LIMIT = 100  # characters of a search: longer is not a search anyone types


def case_notes(child: Child, *, search: str = "") -> QuerySet[CaseNote]:
    """The child's case notes, newest event first; `search` matches words in the text or who was seen."""
    notes = CaseNote.objects.filter(child=child).select_related("recorded_by").annotate(corrections=Count("versions"))
    for word in search.split()[:6]:
        notes = notes.filter(Q(text__icontains=word) | Q(who_seen__icontains=word))
    return notes.order_by("-event_at", "-pk")


def oversight_decisions(child: Child) -> QuerySet[OversightDecision]:
    return OversightDecision.objects.filter(child=child).select_related("recorded_by").order_by("-decided_on", "-pk")


def note_for(pk: int) -> CaseNote | None:
    return CaseNote.objects.select_related("child", "recorded_by").filter(pk=pk).first()


def decision_for(pk: int) -> OversightDecision | None:
    return OversightDecision.objects.select_related("child", "recorded_by").filter(pk=pk).first()


def earlier_versions(record: CaseNote | OversightDecision) -> list:
    return list(record.versions.select_related("recorded_by").order_by("-version"))
