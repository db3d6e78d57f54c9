"""The five named measures on the small world equal an independent count from the exported CIN census and SSDA903
(and, where the return does not hold the history, from first principles, worked out in conftest.py by hand)."""

import csv
import io
import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lantern.performance.definitions import MEASURES
from lantern.performance.measures import Measure
from lantern.performance.selectors import context, evaluate
from lantern.returns.cin_census import export_cin_census
from lantern.returns.ssda903 import export_ssda903
from lantern.workingdays.calendar import council_calendar
from tests.performance.conftest import AS_OF, build_world

pytestmark = pytest.mark.django_db
YEAR_START = date(2025, 4, 1)


def value(measure_id: str, as_of: date = AS_OF):
    _, result = evaluate(MEASURES[measure_id], as_of)
    return result.numerator, result.denominator


def census(year: int) -> list[ET.Element]:
    stream = io.BytesIO()
    export_cin_census(year, stream)
    return list(ET.fromstring(stream.getvalue()).iter("Child"))


def day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def in_year(d: date | None) -> bool:
    return d is not None and YEAR_START <= d <= AS_OF


def test_re_referrals_equal_the_census_count(world):
    # Referral dates of every child over this census and the one before, each referral once.
    referrals: dict[str, set[date]] = {}
    for year in (2025, 2026):
        for child in census(year):
            who = child.findtext("ChildIdentifiers/LAchildID")
            for details in child.iter("CINdetails"):
                referrals.setdefault(who, set()).add(day(details.findtext("CINreferralDate")))
    in_the_year = [(who, d) for who, days in referrals.items() for d in days if in_year(d)]
    again = [(who, d) for who, d in in_the_year if any(d - timedelta(days=365) <= o < d for o in referrals[who])]
    assert (len(again), len(in_the_year)) == (1, 3)
    assert value("referrals_re_referred_12m") == (len(again), len(in_the_year))


def test_assessments_within_45_working_days_equal_the_census_count(world):
    calendar = council_calendar()
    done, on_time = 0, 0
    for child in census(2026):
        for details in child.iter("CINdetails"):
            referred = day(details.findtext("CINreferralDate"))
            for assessment in details.iter("Assessments"):
                authorised = day(assessment.findtext("AssessmentAuthorisationDate"))
                if in_year(authorised):
                    done += 1
                    on_time += authorised <= calendar.add_working_days(referred, 45)
    assert (on_time, done) == (2, 3)
    assert value("assessments_within_45_wd") == (on_time, done)


def test_icpcs_within_15_working_days_equal_the_census_target(world):
    held, on_time = 0, 0
    for child in census(2026):
        for s47 in child.iter("Section47"):
            icpc = day(s47.findtext("DateOfInitialCPC"))
            if in_year(icpc):
                held += 1
                on_time += icpc <= day(s47.findtext("InitialCPCtarget"))
    assert (on_time, held) == (1, 2)
    assert value("icpc_within_15_wd") == (on_time, held)


def test_second_or_later_plans_equal_the_censuses_count(world):
    starts: dict[str, list[date]] = {}
    for year in (2023, 2024, 2025, 2026):
        for child in census(year):
            who = child.findtext("ChildIdentifiers/LAchildID")
            for plan in child.iter("ChildProtectionPlans"):
                starts.setdefault(who, [])
                started = day(plan.findtext("CPPstartDate"))
                if started not in starts[who]:
                    starts[who].append(started)
    started_in_year = [(who, d) for who, days in starts.items() for d in days if in_year(d)]
    repeat = [(who, d) for who, d in started_in_year if min(starts[who]) < d]
    assert (len(repeat), len(started_in_year)) == (1, 2)
    assert value("cp_plans_second_or_later") == (len(repeat), len(started_in_year))


def test_three_or_more_placements_equal_the_ssda903_count(world, tmp_path):
    export_ssda903(2026, tmp_path)
    with (tmp_path / "episodes.csv").open() as handle:
        rows = list(csv.DictReader(handle))

    def parse(text: str) -> date | None:
        return datetime.strptime(text, "%d/%m/%Y").date() if text else None

    by_child: dict[str, list[dict]] = {}
    for row in rows:
        by_child.setdefault(row["CHILD"], []).append(row)
    looked_after, moved_often = 0, 0
    for episodes in by_child.values():
        if not any(parse(e["DECOM"]) <= AS_OF and (not e["DEC"] or parse(e["DEC"]) > AS_OF) for e in episodes):
            continue
        looked_after += 1
        placements = any(parse(e["DECOM"]) < YEAR_START for e in episodes) + sum(
            1 for e in episodes if parse(e["DECOM"]) >= YEAR_START and e["RNE"] in {"S", "P", "T", "B", "U"}
        )
        moved_often += placements >= 3
    assert (moved_often, looked_after) == (1, 2)
    assert value("cla_3plus_placements") == (moved_often, looked_after)


def test_values_are_fractions_for_the_year_ending_on_the_date(world):
    period, result = evaluate(MEASURES["assessments_within_45_wd"], AS_OF)
    assert (period.start, period.end) == (YEAR_START, AS_OF)
    assert result.value == pytest.approx(2 / 3)


def test_a_measure_with_nothing_to_count_has_no_value(world):
    # A year before any of the world's assessments: nothing authorised, no value (the page says "no children").
    _, result = evaluate(MEASURES["assessments_within_45_wd"], date(2024, 3, 31))
    assert (result.numerator, result.denominator, result.value) == (0, 0, None)


def _queries(measure: Measure) -> int:
    ctx = context(measure, AS_OF)
    with CaptureQueriesContext(connection) as queries:
        measure.compute(ctx)
    return len(queries)


def test_a_measure_costs_the_same_queries_for_twice_the_children(people, world):
    before = {m.id: _queries(m) for m in MEASURES.values()}
    build_world(people, suffix="b")
    after = {m.id: _queries(m) for m in MEASURES.values()}
    assert after == before
    assert value("assessments_within_45_wd") == (4, 6)


def test_a_target_outside_0_to_100_percent_is_refused():
    measure = MEASURES["assessments_within_45_wd"]
    with pytest.raises(ValueError, match="between 0% and 100%"):
        Measure(**{**measure.__dict__, "target": 83})


def test_a_measure_defined_twice_is_refused():
    from lantern.performance.measures import registry

    measure = MEASURES["assessments_within_45_wd"]
    with pytest.raises(ValueError, match="defined twice"):
        registry([measure, measure])
