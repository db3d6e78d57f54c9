"""Annex A List 8 (children in care): placements are counted and dated by the episodes that begin a new placement
(codes.NEW_PLACEMENT_REASONS); a change of legal status only continues the placement."""

from datetime import date

import pytest

from lantern.core.models import AuthoritySettings
from lantern.returns.annex_a import LISTS, Inspection, list_rows
from tests.factories import CareEpisodeFactory, CarePeriodFactory, ChildFactory

pytestmark = pytest.mark.django_db

AS_OF = date(2026, 1, 31)  # the window opens on 31 July 2025, the year on 31 January 2025
CHILDREN_IN_CARE = LISTS[7]


def by_header(rows: list[list]) -> dict[str, dict]:
    return {row[0]: dict(zip(CHILDREN_IN_CARE.headers, row, strict=True)) for row in rows}


def test_a_change_of_legal_status_only_continues_the_placement():
    AuthoritySettings.current()
    gus = ChildFactory(la_child_id="LAG1", sex="M", date_of_birth=date(2011, 9, 9))
    CarePeriodFactory(child=gus, start_date=date(2024, 6, 1), end_date=date(2025, 2, 1))  # ended in the year
    period = CarePeriodFactory(child=gus, start_date=date(2025, 3, 1))
    episodes = [
        ("S", "V2", "U6", date(2025, 3, 1), date(2025, 6, 1)),
        ("P", "V2", "U4", date(2025, 6, 1), date(2025, 9, 1)),  # a new placement: long-term fostering
        ("L", "C1", "U4", date(2025, 9, 1), date(2025, 11, 1)),  # the same placement, now on an ICO
        ("L", "C2", "U4", date(2025, 11, 1), None),  # and then a full care order
    ]
    for rne, status, place, start, end in episodes:
        CareEpisodeFactory(
            period=period, reason_new_episode=rne, legal_status=status, placement_type=place, start_date=start,
            end_date=end, reason_ceased="X1" if end else "", placement_postcode="TN1 1AA", urn="SC111111",
        )  # fmt: skip

    (row,) = by_header(list(list_rows(CHILDREN_IN_CARE, Inspection(AS_OF)))).values()
    assert {header: row[header] for header in list(row)[7:25]} == {
        "Date Started to be Looked After": date(2025, 3, 1),
        "Child's Category of Need": "N1 - Abuse or neglect",
        "Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)": (
            "a) Yes"
        ),
        "Start date of current legal status": date(2025, 11, 1),
        "Child's Legal Status": "C2: FCO",
        "Date of Latest Statutory Review": None,
        "Date of Last Social Work Visit": None,
        "What is the permanence plan for this child?": None,
        "Date of Last IRO Visit / Contact to the Child": None,
        "Date of Last Health Assessment": None,
        "Date of Last Dental Check": None,
        "Number of Placements in the Last 12 months": 2,  # U6, then U4 (the two legal status changes are not)
        "Date Ceased to be Looked After": None,
        "Reason Ceased to be Looked After": None,
        "Start Date of Most Recent Placement": date(2025, 6, 1),
        "Placement Type": "d) U4: Foster placement - long term",
        "Placement Provider": "b) PR1: Own provision",
        "Placement postcode": "TN1 1AA",
    }
    assert (row["URN of Placement"], row["Placement Location"], row["LA of Placement"]) == ("SC111111", "b) Out", None)


def test_a_child_who_left_care_in_the_window_from_a_placement_the_schema_predates():
    AuthoritySettings.current()
    hal = ChildFactory(la_child_id="LAH1", date_of_birth=date(2007, 10, 1))
    period = CarePeriodFactory(child=hal, start_date=date(2024, 10, 1), end_date=date(2025, 10, 1))
    CareEpisodeFactory(
        period=period, placement_type="K3", placement_provider="PR4", start_date=date(2024, 10, 1),
        end_date=date(2025, 10, 1), reason_ceased="E17", placement_postcode="ME7 1AA", urn="2600001",
    )  # fmt: skip
    left_before = ChildFactory(la_child_id="LAH2")
    CareEpisodeFactory(
        period=CarePeriodFactory(child=left_before, start_date=date(2024, 1, 1), end_date=date(2025, 7, 30)),
        start_date=date(2024, 1, 1), end_date=date(2025, 7, 30), reason_ceased="E8",
    )  # fmt: skip

    rows = by_header(list(list_rows(CHILDREN_IN_CARE, Inspection(AS_OF))))
    assert list(rows) == ["LAH1"]  # LAH2 left the day before the window opened
    row = rows["LAH1"]
    assert row["Date Ceased to be Looked After"] == date(2025, 10, 1)
    assert row["Reason Ceased to be Looked After"] == "v) E17: Aged 18+ and remained with current carers"
    assert row["Placement Type"] == "K3: Registered supported accommodation"
    assert (row["Placement Location"], row["LA of Placement"]) == ("a) In", "E06000035")
    assert row["Number of Placements in the Last 12 months"] == 1
