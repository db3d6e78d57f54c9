"""List 2: early help assessments started or completed in the six months to the inspection date."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Q

from lantern.journey.models import EarlyHelpEpisode
from lantern.returns.annex_a.shared import Inspection, Row


def rows(i: Inspection) -> Iterator[Row]:
    episodes = EarlyHelpEpisode.objects.filter(start_date__lte=i.as_of).filter(
        Q(start_date__gte=i.window_start) | Q(assessment_completed_date__range=(i.window_start, i.as_of))
    )
    i.load_children(episodes.values("child_id"))
    for episode in episodes.order_by("start_date", "pk").values(
        "child_id", "start_date", "assessment_completed_date", "organisation"
    ):
        yield Row(
            i.child(episode["child_id"]),
            {
                "start": episode["start_date"],
                "completed": i.by_date(episode["assessment_completed_date"]),
                "organisation": episode["organisation"],
            },
        )
