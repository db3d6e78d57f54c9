"""A small world for the year ending 31 March 2026 (the 2025/26 CIN census and SSDA903), each child there to count
one way in one measure; its expected figures are worked out by hand in the docstrings below.

Team A (Tina's, Alice's): Ann, Bea and Col, children in need. Team C (Carl's): Eve and Fay, in care; Gus left care.

- Ann (PA1): referred 10 Feb 2025 (closed 10 Mar) and again 1 Jul 2025: a re-referral. Assessment authorised
  1 Aug 2025 (on time).
- Bea (PB1): referred 5 May 2025; assessment authorised 30 Sep 2025 (late). Strategy discussion 7 May, section 47
  from 7 May, ICPC 20 May 2025 (on time); CP plan from 20 May 2025, her second (she had one in 2023).
- Col (PC1): referred 1 Oct 2025; assessment authorised 20 Nov 2025 (on time). Section 47 from 3 Oct with no
  strategy discussion; ICPC 10 Nov 2025 (late); CP plan 10 Nov 2025 to 1 Feb 2026, his first.
- Eve (PE1): in care from 10 Jan 2025; moved 1 Jun and 1 Sep 2025: 3 placements in the year.
- Fay (PF1): in care from 1 Jun 2025; moved 1 Dec 2025: 2 placements.
- Gus (PG1): in care from 1 Jun 2025 until 1 Jan 2026: not looked after on 31 March.
"""

from dataclasses import dataclass
from datetime import date, datetime

import pytest
from django.utils import timezone

from lantern.care.models import CareEpisode, CarePeriod
from lantern.core.models import AuthoritySettings
from lantern.journey.models import (
    Assessment,
    ChildProtectionConference,
    CPPlan,
    Referral,
    Section47Enquiry,
    StrategyDiscussion,
)
from lantern.people.models import Child
from lantern.workingdays.calendar import invalidate_council_calendar
from tests.factories import AllocationFactory, ChildFactory, make

AS_OF = date(2026, 3, 31)


def at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


@pytest.fixture(autouse=True)
def _fresh_calendar():
    invalidate_council_calendar()
    yield
    invalidate_council_calendar()


@dataclass
class World:
    children: dict[str, Child]


def _referral(child, day, closed=None, **more):
    extra = {"closure_date": closed, "reason_for_closure": "RC8"} if closed else {}
    return make(Referral, child=child, referral_date=day, referral_source="2A", primary_need_code="N1", **extra, **more)


def _cp_plan(referral, start, end=None):
    return make(
        CPPlan,
        referral=referral,
        child=referral.child,
        start_date=start,
        end_date=end,
        initial_category="NEG",
        latest_category="NEG",
    )


def _episodes(child, starts: list[date], ended: date | None = None):
    period = make(CarePeriod, child=child, start_date=starts[0], end_date=ended)
    common = {"period": period, "child": child, "legal_status": "C2", "category_of_need": "N1"}
    for n, start in enumerate(starts):
        last = n == len(starts) - 1
        end = ended if last else starts[n + 1]
        make(
            CareEpisode,
            **common,
            start_date=start,
            reason_new_episode="S" if n == 0 else "P",
            placement_type="U4",
            placement_provider="PR1",
            home_postcode="ME4 4TZ",
            placement_postcode="ME5 9PH" if n % 2 == 0 else "TN1 1AA",
            urn="SC123456",
            end_date=end,
            reason_ceased=("E4A" if last else "X1") if end else "",
            reason_place_change="" if n == len(starts) - 1 or end is None else "CARPL",
        )


def build_world(people, suffix: str = "") -> World:
    """The world above; a `suffix` builds another copy of its children (for the query-count test)."""
    team_a, team_c = people["team"], people["carl"].worker.team
    alice_worker = people["alice_worker"]
    carl_worker = people["carl"].worker
    kids = {}
    for key, first in [("ann", "Ann"), ("bea", "Bea"), ("col", "Col"), ("eve", "Eve"), ("fay", "Fay"), ("gus", "Gus")]:
        kids[key] = ChildFactory(la_child_id=f"P{first[0]}1{suffix}", first_name=first, last_name="Test")
    for key in ("ann", "bea", "col"):
        AllocationFactory(child=kids[key], worker=alice_worker, team=team_a, start_date=date(2024, 1, 1))
    for key in ("eve", "fay", "gus"):
        AllocationFactory(child=kids[key], worker=carl_worker, team=team_c, start_date=date(2024, 1, 1))

    ann = kids["ann"]
    _referral(ann, date(2025, 2, 10), closed=date(2025, 3, 10))
    ann_ref = _referral(ann, date(2025, 7, 1))
    make(Assessment, referral=ann_ref, child=ann, start_date=date(2025, 7, 2), authorised_date=date(2025, 8, 1))

    bea = kids["bea"]
    old = _referral(bea, date(2023, 1, 5), closed=date(2023, 12, 1))
    _cp_plan(old, date(2023, 2, 1), date(2023, 11, 1))
    bea_ref = _referral(bea, date(2025, 5, 5))
    make(Assessment, referral=bea_ref, child=bea, start_date=date(2025, 5, 6), authorised_date=date(2025, 9, 30))
    discussion = make(
        StrategyDiscussion,
        referral=bea_ref,
        child=bea,
        threshold_decision_at=at(date(2025, 5, 6)),
        held_on=date(2025, 5, 7),
    )
    enquiry = make(
        Section47Enquiry,
        referral=bea_ref,
        child=bea,
        strategy_discussion=discussion,
        start_date=date(2025, 5, 7),
        end_date=date(2025, 5, 20),
    )
    make(
        ChildProtectionConference,
        referral=bea_ref,
        child=bea,
        kind="initial",
        section47=enquiry,
        held_on=date(2025, 5, 20),
        plan_made=True,
    )
    _cp_plan(bea_ref, date(2025, 5, 20))

    col = kids["col"]
    col_ref = _referral(col, date(2025, 10, 1))
    make(Assessment, referral=col_ref, child=col, start_date=date(2025, 10, 2), authorised_date=date(2025, 11, 20))
    col_s47 = make(
        Section47Enquiry, referral=col_ref, child=col, start_date=date(2025, 10, 3), end_date=date(2025, 11, 10)
    )
    make(
        ChildProtectionConference,
        referral=col_ref,
        child=col,
        kind="initial",
        section47=col_s47,
        held_on=date(2025, 11, 10),
        plan_made=True,
    )
    _cp_plan(col_ref, date(2025, 11, 10), date(2026, 2, 1))

    _episodes(kids["eve"], [date(2025, 1, 10), date(2025, 6, 1), date(2025, 9, 1)])
    _episodes(kids["fay"], [date(2025, 6, 1), date(2025, 12, 1)])
    _episodes(kids["gus"], [date(2025, 6, 1)], ended=date(2026, 1, 1))
    return World(children=kids)


@pytest.fixture
def world(people):
    AuthoritySettings.current()
    return build_world(people)
