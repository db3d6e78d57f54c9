from django.db.models import QuerySet

from lantern.sharing.models import SharingDecision


def decisions_for(child_id: int) -> QuerySet:
    return SharingDecision.objects.filter(child_id=child_id).select_related("decided_by")


def not_shared(children: QuerySet) -> QuerySet:
    """Decisions not to share, for the measure and the list: within the viewer's children."""
    return SharingDecision.objects.filter(child__in=children, shared=False)
