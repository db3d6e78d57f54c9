"""The permanence tracker: each child in care's plan, whether it was set by the second review, and the adoption
steps counted against the Adoption Scorecard."""

from datetime import date

import pytest

from lantern.care.models import Adopters, AdoptionDecision, CareEpisode, CLAReview, PermanencePlan
from tests.factories import AllocationFactory, CareEpisodeFactory, ChildFactory, make

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_monday")]
URL = "/children-in-care/permanence/"


@pytest.fixture
def tracked(people):
    """Amy: in care since 6 Jan 2025, adoption planned at her first review, placement order in March 2025, matched
    in September (188 days later), not yet placed. Ben: in care, no plan, two reviews held."""
    amy = people["amy"]
    first = CareEpisodeFactory(
        period__child=amy, period__start_date=date(2025, 1, 6), end_date=date(2025, 3, 3), reason_ceased="X1"
    )
    period = first.period
    make(
        CareEpisode,
        period=period,
        child=amy,
        start_date=date(2025, 3, 3),
        reason_new_episode="L",
        legal_status="E1",
        category_of_need="N1",
        placement_type="U4",
        placement_provider="PR1",
        home_postcode="ME4 4TZ",
        placement_postcode="ME5 9PH",
    )
    for day in (date(2025, 2, 3), date(2025, 5, 5)):
        make(CLAReview, child=amy, period=period, review_date=day, participation="PN1")
    make(PermanencePlan, child=amy, period=period, plan="ADOPTION", decided_on=date(2025, 2, 3))
    adopters = make(
        Adopters, reference="AD1", number_of_adopters=1, sex="F1", legal_status="L0", approved_on=date(2025, 1, 1)
    )
    make(
        AdoptionDecision,
        child=amy,
        period=period,
        decided_on=date(2025, 2, 10),
        matched_on=date(2025, 9, 7),
        adopters=adopters,
    )
    ben = ChildFactory(first_name="Ben", last_name="Brown", la_child_id="B2")
    AllocationFactory(child=ben, worker=people["alice_worker"])
    ben_period = CareEpisodeFactory(period__child=ben, period__start_date=date(2025, 6, 2)).period
    for day in (date(2025, 7, 1), date(2025, 10, 6)):
        make(CLAReview, child=ben, period=ben_period, review_date=day, participation="PN1")
    return people


@pytest.fixture
def tina(client, tracked):
    client.force_login(tracked["tina"])
    return client


def row_of(text: str, name: str) -> str:
    start = text.index(name)
    return text[start : text.index("</tr>", start)]


def test_it_shows_the_plan_and_the_adoption_steps_against_the_scorecard(tina):
    text = tina.get(URL).content.decode()
    amy = row_of(text, "Amy Adams")
    assert "Adoption" in amy and "3 Feb 2025" in amy and ">Yes<" in amy
    assert "10 Feb 2025" in amy and "3 Mar 2025" in amy and "7 Sep 2025" in amy
    # 6 Jan 2025 to today (2 March 2026), not yet placed: 420 days; order to match: 188 days, over 121.
    assert "420 days so far" in amy
    assert "188 days" in amy and "Over 121 days" in amy
    ben = row_of(text, "Ben Brown")
    assert "None recorded" in ben and ">No<" in ben


@pytest.mark.parametrize(
    ("show", "shown", "hidden"),
    [("no_plan", "Ben Brown", "Amy Adams"), ("adoption", "Amy Adams", "Ben Brown"), ("over", "Amy Adams", "Ben Brown")],
)
def test_it_filters(tina, show, shown, hidden):
    table = tina.get(URL, {"show": show}).content.decode().split('data-testid="permanence"')[1]
    assert shown in table and hidden not in table


@pytest.mark.parametrize("persona", ["alice", "admin"])
def test_a_social_worker_and_an_administrator_are_refused(client, tracked, persona):
    client.force_login(tracked[persona])
    assert client.get(URL).status_code == 403
