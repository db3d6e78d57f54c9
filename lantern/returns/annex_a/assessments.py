"""List 4: assessments open at any time in the six months to the inspection date."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Q

from lantern.journey.models import Assessment
from lantern.returns.annex_a.shared import Inspection, Row, yes_no


def rows(i: Inspection) -> Iterator[Row]:
    assessments = Assessment.objects.filter(start_date__lte=i.as_of).filter(
        Q(authorised_date__isnull=True) | Q(authorised_date__gte=i.window_start)
    )
    i.load_children(assessments.values("child_id"))
    for assessment in assessments.order_by("start_date", "pk").values(
        "child_id", "start_date", "authorised_date", "child_seen_date", "requires_support"
    ):
        authorised = i.by_date(assessment["authorised_date"])
        yield Row(
            i.child(assessment["child_id"]),
            {
                "start": assessment["start_date"],
                "seen": yes_no(i.by_date(assessment["child_seen_date"]) is not None),
                "authorised": authorised,
                # Only an authorised assessment has an answer.
                "requires_support": yes_no(assessment["requires_support"], unknown=True) if authorised else None,
            },
        )
