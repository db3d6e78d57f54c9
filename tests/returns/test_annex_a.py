from datetime import date, datetime

import openpyxl
import pytest

from lantern.care.models import Adopters, AdoptionDecision
from lantern.returns.annex_a import export_annex_a
from tests.factories import CareEpisodeFactory, CarePeriodFactory, ChildFactory, make

pytestmark = pytest.mark.django_db

AS_OF = date(2026, 1, 31)  # the six-month window opens on 31 July 2025

# statutory-data.md section 3, verbatim (liia-tools Annex_A_schema.yml).
PERSON = ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)"]
ALLOCATED = ["Allocated Team", "Allocated Worker"]
HEADERS = {
    1: [*PERSON, "Date of Contact", "Contact Source"],
    2: [*PERSON, "Assessment start date", "Assessment completion date", "Organisation completing assessment"],
    3: [
        *PERSON, "Date of referral", "Referral Source", "Referral NFA?", "Number of Referrals in Last 12 Months",
        *ALLOCATED,
    ],
    4: [
        *PERSON, "Does the Child have a Disability", "Continuous Assessment Start Date",
        "Child Seen During Continuous Assessment", "Continuous Assessment Date of Authorisation",
        "Was the child assessed as requiring LA children's social care support?", *ALLOCATED,
    ],
    5: [
        *PERSON, "Does the Child have a Disability", "Strategy discussion initiating Section 47 Enquiry Start Date",
        "Was an Initial Child Protection Conference deemed unnecessary?", "Date of Initial Child Protection Conference",
        "Did the Initial Child Protection Conference Result in a Child Protection Plan",
        "Number of Section 47 Enquiries in the last 12 months", "Number of ICPCs in the last 12 months", *ALLOCATED,
    ],
    6: [
        *PERSON, "Does the Child have a Disability", "CIN Start Date", "Primary Need Code", "Date Child Was Last Seen",
        "CIN Closure Date", "Reason for Closure", "Case Status", *ALLOCATED,
    ],
    7: [
        *PERSON, "Does the Child have a Disability", "Child Protection Plan Start Date", "Initial Category of Abuse",
        "Latest Category of Abuse", "Date of the Last Statutory Visit", "Was the Child Seen Alone?",
        "Date of latest review conference", "Child Protection Plan End Date",
        "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)",
        "Number of Previous Child Protection Plans", *ALLOCATED,
    ],
    8: [
        *PERSON, "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)",
        "Does the Child have a Disability", "Date Started to be Looked After", "Child's Category of Need",
        "Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)",
        "Start date of current legal status", "Child's Legal Status", "Date of Latest Statutory Review",
        "Date of Last Social Work Visit", "What is the permanence plan for this child?",
        "Date of Last IRO Visit / Contact to the Child", "Date of Last Health Assessment", "Date of Last Dental Check",
        "Number of Placements in the Last 12 months", "Date Ceased to be Looked After",
        "Reason Ceased to be Looked After", "Start Date of Most Recent Placement", "Placement Type",
        "Placement Provider", "Placement postcode", "URN of Placement", "Placement Location", "LA of Placement",
        "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months",
        "Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months",
        "Was the child offered a Return Interview after their last missing episode (Y/N)?",
        "Did the child accept a Return Interview after their last missing episode (Y/N)?", *ALLOCATED,
    ],
    9: [
        *PERSON, "Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)",
        "Does the Child have a Disability", *ALLOCATED, "Allocated Personal Advisor", "Eligibility Category",
        "Latest Pathway Plan Review Date", "LA in Touch", "Latest Date of Contact", "Type of Accommodation",
        "Suitability of Accommodation", "Activity Status",
    ],
    10: [
        "Child Unique ID", "Family identifier", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)",
        "Does the Child have a Disability", "Date the Child Entered Care",
        "Date of Decision that Child Should be Placed for Adoption", "Date of Placement Order",
        "Date of Matching Child and Prospective Adopters", "Date Placed for Adoption", "Date of Adoption Order",
        "Date of Decision that Child Should No Longer be Placed for Adoption",
        "Reason Why Child No Longer Placed for Adoption",
        "Date the child was placed for fostering in FFA or concurrent planning placement",
    ],
    11: [
        "Individual adopter identifier", "Family identifier", "Gender", "Ethnicity", "Disability",
        "Is the (prospective) adopter fostering for adoption?", "Date enquiry received", "Date Stage 1 started",
        "Date Stage 1 ended", "Date Stage 2 started", "Date Stage 2 ended", "Date application submitted",
        "Date application approved", "Date adopter matched with child(ren)",
        "Date child/children placed with adopter(s)", "No. of children placed", "Date of Adoption Order",
        "Date of leaving adoption process", "Reason for leaving adoption process",
    ],
}  # fmt: skip


def d(year: int, month: int, day: int) -> datetime:
    return datetime(year, month, day)  # openpyxl reads an Excel date back as a datetime


@pytest.fixture
def workbook(authority, tmp_path):
    path = tmp_path / "annex-a.xlsx"
    with path.open("wb") as stream:
        export_annex_a(AS_OF, stream)
    book = openpyxl.load_workbook(path)
    sheets = {}
    for number, sheet in enumerate(book.worksheets, start=1):
        assert sheet.title.startswith(f"List {number} - ")
        sheets[number] = [list(row) for row in sheet.iter_rows(values_only=True)]
    return sheets


def rows_for(sheet: list[list], la_child_id: str) -> list[list]:
    return [row for row in sheet[1:] if row[0] == la_child_id]


def test_it_writes_one_sheet_per_list_with_exactly_the_listed_headers(workbook):
    assert sorted(workbook) == list(range(1, 12))
    for number, expected in HEADERS.items():
        assert workbook[number][0] == expected, f"List {number}"


def test_it_fills_the_adoption_lists_from_decisions_and_adopters(authority, tmp_path):
    adopted = ChildFactory(la_child_id="ADOPT1", sex="F", ethnicity="WBRI", date_of_birth=date(2023, 3, 1))
    period = CarePeriodFactory(child=adopted, start_date=date(2023, 4, 1), end_date=date(2025, 12, 1))
    common = {"period": period, "placement_provider": "PR1", "urn": "SC123456"}
    CareEpisodeFactory(
        **common, start_date=date(2023, 4, 1), legal_status="C1", placement_type="U5", end_date=date(2024, 2, 1),
        reason_ceased="X1",
    )  # fmt: skip
    CareEpisodeFactory(
        **common, start_date=date(2024, 2, 1), reason_new_episode="L", legal_status="E1", placement_type="U5",
        end_date=date(2025, 6, 1), reason_ceased="X1",
    )  # fmt: skip
    CareEpisodeFactory(
        **common, start_date=date(2025, 6, 1), reason_new_episode="T", legal_status="E1", placement_type="A5",
        end_date=date(2025, 12, 1), reason_ceased="E11",
    )  # fmt: skip
    couple = make(Adopters,
        reference="ADP1", number_of_adopters=2, sex="MF", legal_status="L11", fostering_for_adoption=True,
        enquiry_on=date(2023, 1, 10), stage_one_start=date(2023, 2, 1), stage_one_end=date(2023, 4, 1),
        stage_two_start=date(2023, 4, 10), stage_two_end=date(2023, 8, 20), application_on=date(2023, 4, 10),
        approved_on=date(2023, 8, 20),
    )  # fmt: skip
    make(
        AdoptionDecision,
        child=adopted,
        period=period,
        decided_on=date(2023, 12, 1),
        matched_on=date(2025, 5, 15),
        adopters=couple,
    )
    kept = ChildFactory(la_child_id="REV1", sex="M", ethnicity="WBRI", date_of_birth=date(2022, 5, 5))
    kept_period = CarePeriodFactory(child=kept, start_date=date(2024, 1, 10))
    CareEpisodeFactory(period=kept_period, placement_type="U6")
    make(AdoptionDecision,
        child=kept, period=kept_period, decided_on=date(2024, 6, 1), reversed_on=date(2025, 7, 1),
        reversed_reason="RD3",
    )  # fmt: skip
    path = tmp_path / "annex-a.xlsx"
    with path.open("wb") as stream:
        export_annex_a(AS_OF, stream)
    book = openpyxl.load_workbook(path)
    adoption = [list(row) for row in book.worksheets[9].iter_rows(values_only=True)][1:]
    adopters = [list(row) for row in book.worksheets[10].iter_rows(values_only=True)][1:]
    assert adoption == [
        [
            "ADOPT1", "ADP1", "b) Female", "a) WBRI", d(2023, 3, 1), 2, "c) Unknown", d(2023, 4, 1), d(2023, 12, 1),
            d(2024, 2, 1), d(2025, 5, 15), d(2025, 6, 1), d(2025, 12, 1), None, None, d(2023, 4, 1),
        ],
        [
            "REV1", None, "a) Male", "a) WBRI", d(2022, 5, 5), 3, "c) Unknown", d(2024, 1, 10), d(2024, 6, 1),
            None, None, None, None, d(2025, 7, 1), "Prospective adopters could not be found", None,
        ],
    ]  # fmt: skip
    assert adopters == [
        [
            "ADP1", "ADP1", None, None, None, "a) Yes", d(2023, 1, 10), d(2023, 2, 1), d(2023, 4, 1),
            d(2023, 4, 10), d(2023, 8, 20), d(2023, 4, 10), d(2023, 8, 20), d(2025, 5, 15), d(2025, 6, 1), 1,
            d(2025, 12, 1), None, None,
        ]
    ]  # fmt: skip


def test_it_fills_every_cell_of_a_contact(workbook):
    assert workbook[1][1:] == [["CINA1", "b) Female", "a) WBRI", d(2014, 5, 10), 11, d(2025, 9, 1), "e) 2A: Schools"]]


def test_it_fills_every_cell_of_a_referral_in_the_window_only(workbook):
    # Ben's referral (2 June 2025) and Cal's (15 April 2025) are before the window.
    assert workbook[3][1:] == [
        [
            "CINA1", "b) Female", "a) WBRI", d(2014, 5, 10), 11, d(2025, 9, 1), "e) 2A: Schools", "b) No", 1,
            "Safeguarding Team 1", "Sally Smith",
        ]
    ]  # fmt: skip


def test_it_fills_every_cell_of_an_assessment(workbook):
    assert workbook[4][1:] == [
        [
            "CINA1", "b) Female", "a) WBRI", d(2014, 5, 10), 11, "b) No", d(2025, 9, 2), "a) Yes", d(2025, 10, 14),
            "a) Yes", "Safeguarding Team 1", "Sally Smith",
        ]
    ]  # fmt: skip


def test_it_fills_every_cell_of_a_child_in_care(workbook):
    assert rows_for(workbook[8], "LAC1") == [
        [
            "LAC1",
            "a) Male",
            "a) WBRI",
            d(2012, 11, 20),
            13,
            "b) No",  # UASC
            "b) No",  # disability: NONE recorded
            d(2025, 5, 10),
            "N1 - Abuse or neglect",
            "b) No",  # no earlier period of care
            d(2025, 5, 10),  # C1 since he came into care
            "C1: ICO",
            d(2025, 9, 4),  # the review on 2 March 2026 has not happened yet
            d(2026, 1, 5),
            "f) Long-term fostering",
            d(2025, 12, 1),  # the IRO's visit
            d(2025, 5, 30),
            d(2025, 8, 1),
            2,  # foster carers, then the children's home
            None,
            None,
            d(2025, 9, 15),
            "p) K2: Children's Homes",
            "e) PR4: Private provision",
            "ME7 5NY",
            "SC654321",
            "a) In",
            "E06000035",
            1,
            0,
            "a) Yes",
            "b) No",
            "Children in Care Team 1",
            "Carl Cross",
        ]
    ]
    assert [row[0] for row in workbook[8][1:]] == ["LAC1"]  # Dee left care in 2024


def test_it_lists_the_protection_plan_and_the_care_leaver(workbook):
    (plan,) = rows_for(workbook[7], "CPB1")
    assert plan[6:15] == [
        d(2025, 6, 20), "a) Neglect", "d) Emotional abuse", d(2026, 1, 20), "a) Yes", d(2025, 9, 12), None, "b) No", 1,
    ]  # fmt: skip
    (leaver,) = rows_for(workbook[9], "CL1")
    assert leaver[5:] == [
        "b) No", "c) Unknown", None, None, "Pat Price", "b) Former relevant child", d(2025, 6, 20), "a) Yes",
        d(2025, 7, 1), "U: Independent living", "a) Suitable", "F2: Full time in education other than higher",
    ]  # fmt: skip
    statuses = {row[0]: row[11] for row in workbook[6][1:]}
    assert statuses == {
        "CINA1": "c) Child in need plan",
        "CPB1": "b) Child Protection plan",
        "LAC1": "a) Looked after child",
    }
