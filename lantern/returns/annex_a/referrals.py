"""List 3: referrals in the six months to the inspection date, each with the child's count for the year."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from lantern.journey.models import Referral
from lantern.returns.annex_a.shared import SOURCE, Inspection, Row, yes_no


def rows(i: Inspection) -> Iterator[Row]:
    last_year = Referral.objects.filter(referral_date__range=(i.year_start, i.as_of))
    i.load_children(last_year.filter(referral_date__gte=i.window_start).values("child_id"))
    referrals = list(
        last_year.order_by("referral_date", "pk").values("child_id", "referral_date", "referral_source", "referral_nfa")
    )
    per_child: dict[int, int] = defaultdict(int)
    for referral in referrals:
        per_child[referral["child_id"]] += 1
    for referral in referrals:
        if i.in_window(referral["referral_date"]):
            yield Row(
                i.child(referral["child_id"]),
                {
                    "date": referral["referral_date"],
                    "source": SOURCE.get(referral["referral_source"]),
                    "nfa": yes_no(referral["referral_nfa"]),
                    "in_last_year": per_child[referral["child_id"]],
                },
            )
