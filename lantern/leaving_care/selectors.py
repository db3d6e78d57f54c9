"""Reads for the leaving-care pages: each young person's entitlements, and who turns 18 soon without them.

Bulk: the same number of queries for one young person as for every one in the authority.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet

from lantern.care.models import CarePeriod
from lantern.leaving_care.models import OWED_BEFORE_18, CareLeaver, Entitlement, EntitlementKind
from lantern.people.models import Child
from lantern.workforce.models import Allocation
from lantern.workingdays.calendar import add_months

SOON_MONTHS = 6


@dataclass(frozen=True)
class ChecklistRow:
    kind: EntitlementKind
    handed_over_on: date | None
    owed: bool  # owed before 18 (a passport only where relevant)


def checklist(child: Child) -> list[ChecklistRow]:
    handed = dict(Entitlement.objects.filter(child=child).values_list("kind", "handed_over_on"))
    return [ChecklistRow(kind, handed.get(kind.value), kind in OWED_BEFORE_18) for kind in EntitlementKind]


@dataclass(frozen=True)
class TurningEighteen:
    child: Child
    eighteenth: date
    lacking: list[str]
    personal_adviser: str


def turning_eighteen(children: QuerySet[Child], *, as_of: date) -> list[TurningEighteen]:
    """Young people looked after or owed leaving-care duties whose 18th birthday falls in the next 6 months."""
    # Born after 18 years before today and no later than 18 years before six months from now.
    born_after = add_months(as_of, -12 * 18)
    born_by = add_months(add_months(as_of, SOON_MONTHS), -12 * 18)
    in_care = CarePeriod.objects.filter(start_date__lte=as_of).filter(Q(end_date__isnull=True) | Q(end_date__gt=as_of))
    found = list(
        children.filter(date_of_birth__gt=born_after, date_of_birth__lte=born_by)
        .filter(Q(pk__in=in_care.values("child_id")) | Q(pk__in=CareLeaver.objects.values("child_id")))
        .order_by("date_of_birth", "last_name", "first_name", "la_child_id")
    )
    ids = [child.pk for child in found]
    handed: dict[int, set[str]] = defaultdict(set)
    for child_id, kind in Entitlement.objects.filter(child_id__in=ids, handed_over_on__lte=as_of).values_list(
        "child_id", "kind"
    ):
        handed[child_id].add(kind)
    advisers = {
        a.child_id: a.worker.full_name
        for a in Allocation.objects.filter(
            child_id__in=ids, end_date__isnull=True, role=Allocation.Role.PERSONAL_ADVISER
        ).select_related("worker")
    }
    return [
        TurningEighteen(
            child,
            add_months(child.date_of_birth, 12 * 18),
            [kind.label for kind in OWED_BEFORE_18 if kind.value not in handed[child.pk]],
            advisers.get(child.pk, "None allocated"),
        )
        for child in found
    ]
