"""The children-in-care list: who may read it, what each row shows, its filters, order, pages and exports."""

import csv
import io
from datetime import date

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lantern.accounts.models import AccessEvent
from lantern.accounts.roles import Role
from lantern.care.models import PermanencePlan
from lantern.workforce.models import Worker
from tests.factories import (
    AllocationFactory,
    CareEpisodeFactory,
    ChildFactory,
    UserFactory,
    WorkerFactory,
    make,
    resave,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_monday")]
URL = "/children-in-care/"


@pytest.fixture
def looked_after(people):
    """Amy placed in Folkestone (35.8 miles, out of area) with an IRO and a plan; Ben in Walderslade (4.1 miles);
    Cara in the other team's records."""
    amy = people["amy"]
    first = CareEpisodeFactory(
        period__child=amy,
        period__start_date=date(2025, 1, 6),
        placement_postcode="ME5 9PH",
        end_date=date(2025, 6, 2),
        reason_ceased="X1",
    )
    second = make(
        type(first),
        period=first.period,
        child=amy,
        start_date=date(2025, 6, 2),
        reason_new_episode="P",
        legal_status="C2",
        category_of_need="N1",
        placement_type="U4",
        placement_provider="PR4",
        home_postcode="ME4 4TZ",
        placement_postcode="ME7 1NY",
        end_date=date(2025, 11, 3),
        reason_ceased="X1",
    )
    make(
        type(first),
        period=first.period,
        child=amy,
        start_date=second.end_date,
        reason_new_episode="P",
        legal_status="C2",
        category_of_need="N1",
        placement_type="K2",
        placement_provider="PR4",
        home_postcode="ME4 4TZ",
        placement_postcode="CT20 1JT",
    )
    make(PermanencePlan, child=amy, period=first.period, plan="LONG_TERM_FOSTERING", decided_on=date(2025, 3, 1))
    iro = WorkerFactory(team=people["team"], first_name="Ivy", last_name="Reeves")
    AllocationFactory(child=amy, worker=iro, role="iro")
    ben = ChildFactory(first_name="Ben", last_name="Brown", la_child_id="B2")
    AllocationFactory(child=ben, worker=people["alice_worker"])
    CareEpisodeFactory(period__child=ben, period__start_date=date(2026, 1, 12), legal_status="V2")
    cara = ChildFactory(first_name="Cara", last_name="Cole", la_child_id="C3")
    AllocationFactory(child=cara, worker=Worker.objects.get(user=people["carl"]))
    CareEpisodeFactory(period__child=cara, period__start_date=date(2026, 1, 12))
    return people


@pytest.fixture
def tina(client, looked_after):
    client.force_login(looked_after["tina"])
    return client


def rows_of(text: str) -> str:
    return text[text.index('data-testid="children-in-care"') :]


def test_the_team_manager_sees_the_teams_children_in_care_with_distance_and_area(tina):
    text = tina.get(URL).content.decode()
    table = rows_of(text)
    assert "Amy Adams" in table and "Ben Brown" in table
    assert "Cara Cole" not in table  # another team's
    assert "35.8 miles" in table and "Out of area" in table and "Over 20 miles" in table
    assert "4.1 miles" in table
    assert "Long-term fostering" in table and "Ivy Reeves" in table
    assert "Showing 2 of 2: 1 placed more than 20 miles from home, 1 out of area." in text


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ({"area": "out"}, "Amy Adams", "Ben Brown"),
        ({"area": "in"}, "Ben Brown", "Amy Adams"),
        ({"band": "over_20"}, "Amy Adams", "Ben Brown"),
        ({"band": "under_5"}, "Ben Brown", "Amy Adams"),
        ({"placement": "K2"}, "Amy Adams", "Ben Brown"),
        ({"legal_status": "V2"}, "Ben Brown", "Amy Adams"),
        ({"permanence": "none"}, "Ben Brown", "Amy Adams"),
        ({"permanence": "LONG_TERM_FOSTERING"}, "Amy Adams", "Ben Brown"),
        ({"iro": "Ivy Reeves"}, "Amy Adams", "Ben Brown"),
        ({"iro": "none"}, "Ben Brown", "Amy Adams"),
        ({"team": "Team A", "placements": "3"}, "Amy Adams", "Ben Brown"),
        ({"placements": "1"}, "Ben Brown", "Amy Adams"),
    ],
)
def test_each_filter_narrows_the_list(tina, query, shown, hidden):
    table = rows_of(tina.get(URL, query).content.decode())
    assert shown in table
    assert hidden not in table


def test_placements_this_year_count_the_moves_since_1_april(tina):
    # Amy: in ME5 on 1 April 2025, moved in June and again in November: 3 placements in 2025/26.
    assert "Amy Adams" not in rows_of(tina.get(URL, {"placements": "2"}).content.decode())
    assert "Amy Adams" in rows_of(tina.get(URL, {"placements": "3"}).content.decode())


def test_it_sorts_by_distance_either_way(tina):
    farthest = rows_of(tina.get(URL, {"sort": "-distance"}).content.decode())
    assert farthest.index("Amy Adams") < farthest.index("Ben Brown")
    nearest = rows_of(tina.get(URL, {"sort": "distance"}).content.decode())
    assert nearest.index("Ben Brown") < nearest.index("Amy Adams")
    assert 'aria-sort="ascending"' in nearest


def test_it_pages_the_list(tina, settings):
    settings.LANTERN_PAGE_SIZE = 1
    first = tina.get(URL).content.decode()
    assert "Amy Adams" in rows_of(first) and "Ben Brown" not in rows_of(first)
    second = tina.get(URL, {"page": "2"}).content.decode()
    assert "Ben Brown" in rows_of(second)


def test_the_csv_export_holds_the_filtered_rows_with_safe_cells_and_is_logged(tina, looked_after):
    amy = looked_after["amy"]
    amy.first_name = "=HYPERLINK(1)"
    resave(amy)
    response = tina.get(URL, {"format": "csv", "area": "out"})
    assert response.streaming
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][11] == "Distance from home in miles (PL_DISTANCE)"
    assert len(rows) == 2
    assert rows[1][0] == "'=HYPERLINK(1) Adams"
    assert rows[1][10:14] == ["CT20 1JT", "35.8", "E10000016", "Yes"]
    event = AccessEvent.objects.get(action=AccessEvent.Action.EXPORT, object_type="", detail__startswith="Children")
    assert event.detail == "Children in care: 1 rows as csv, 1 child"


def test_the_xlsx_export_holds_every_row(tina):
    response = tina.get(URL, {"format": "xlsx"})
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.active
    assert sheet.max_row == 3
    assert sheet.cell(2, 12).value == 35.8


def test_the_service_manager_and_the_inspector_see_wider(client, looked_after):
    client.force_login(UserFactory(username="insp2", roles=[Role.INSPECTOR]))
    assert "Cara Cole" in rows_of(client.get(URL).content.decode())


@pytest.mark.parametrize("persona", ["alice", "admin", "dpo"])
def test_a_social_worker_and_non_readers_are_refused(client, looked_after, persona):
    client.force_login(looked_after[persona])
    assert client.get(URL).status_code == 403


def test_the_query_count_does_not_grow_with_the_children(tina, looked_after):
    tina.get(URL)  # the first page of all creates the authority's settings row
    with CaptureQueriesContext(connection) as few:
        tina.get(URL)
    for n in range(5):
        child = ChildFactory(la_child_id=f"X{n}")
        AllocationFactory(child=child, worker=looked_after["alice_worker"])
        CareEpisodeFactory(period__child=child, period__start_date=date(2026, 1, 12))
    with CaptureQueriesContext(connection) as more:
        text = tina.get(URL).content.decode()
    assert "Showing 7 of 7" in text
    assert len(more) == len(few) == 10
