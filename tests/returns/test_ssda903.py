import csv
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lantern.care.models import CareEpisode, CarePeriod, DentalCheck
from lantern.people.models import Person, Relationship
from lantern.returns.common import csv_cell
from lantern.returns.ssda903 import TABLES, export_ssda903
from lantern.workforce.models import Allocation
from tests.factories import (
    AllocationFactory,
    CareEpisodeFactory,
    CarePeriodFactory,
    ChildFactory,
    WorkerFactory,
    fixture_writes,
    make,
)
from tests.returns.conftest import YEAR

pytestmark = pytest.mark.django_db

# statutory-data.md 1.1, verbatim.
EXPECTED_HEADERS = {
    "Header": "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB",
    "Episodes": "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN",
    "Reviews": "CHILD,DOB,REVIEW,REVIEW_CODE",
    "UASC": "CHILD,SEX,DOB,DUC",
    "OC2": "CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,HEALTH_ASSESSMENT,"
    "SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED",
    "OC3": "CHILD,DOB,IN_TOUCH,ACTIV,ACCOM",
    "AD1": "CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR",
    "PlacedAdoption": "CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED",
    "PrevPerm": "CHILD,DOB,PREV_PERM,LA_PERM,DATE_PERM",
    "Missing": "CHILD,DOB,MISSING,MIS_START,MIS_END",
    "SWEpisodes": "CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON",
}


@pytest.fixture
def export(tmp_path):
    def run(year: int = YEAR) -> dict[str, list[dict]]:
        directory = tmp_path / f"903-{year}"
        directory.mkdir(exist_ok=True)
        export_ssda903(year, directory)
        tables = {}
        for table in TABLES:
            with (directory / table.filename).open(newline="", encoding="utf-8") as handle:
                tables[table.key] = list(csv.DictReader(handle))
        return tables

    return run


def test_it_writes_every_table_with_the_exact_headers(authority, tmp_path):
    export_ssda903(YEAR, tmp_path)
    written = {table.key: (tmp_path / table.filename).read_text(encoding="utf-8").splitlines()[0] for table in TABLES}
    assert written == EXPECTED_HEADERS
    assert len({table.filename for table in TABLES}) == len(TABLES)


def test_it_writes_header_only_files_for_what_lantern_does_not_record(authority, tmp_path):
    export_ssda903(YEAR, tmp_path)
    for name in ("ad1.csv", "placed_for_adoption.csv"):
        assert len((tmp_path / name).read_text().splitlines()) == 1


def test_it_writes_the_children_looked_after_in_the_year_and_the_care_leaver(authority, export):
    header = export()["Header"]
    assert [row["CHILD"] for row in header] == ["CL1", "LAC1"]
    assert header[1] == {
        "CHILD": "LAC1",
        "SEX": "M",
        "DOB": "20/11/2012",
        "ETHNIC": "WBRI",
        "UPN": authority.cal.upn,
        "MOTHER": "",
        "MC_DOB": "",
    }
    assert header[0]["MOTHER"] == ""  # a care leaver with no episode this year (rule 628)


def test_it_writes_episodes_with_uk_dates_and_the_reason_on_the_episode_that_ended(authority, export):
    episodes = export()["Episodes"]
    assert episodes == [
        {
            "CHILD": "LAC1", "DECOM": "10/05/2025", "RNE": "S", "LS": "C1", "CIN": "N1", "PLACE": "U6",
            "PLACE_PROVIDER": "PR1", "DEC": "15/09/2025", "REC": "X1", "REASON_PLACE_CHANGE": "CARPL",
            "HOME_POST": "ME4 4TZ", "PL_POST": "ME5 9PH", "URN": "SC123456",
        },
        {
            "CHILD": "LAC1", "DECOM": "15/09/2025", "RNE": "P", "LS": "C1", "CIN": "N1", "PLACE": "K2",
            "PLACE_PROVIDER": "PR4", "DEC": "", "REC": "", "REASON_PLACE_CHANGE": "", "HOME_POST": "ME4 4TZ",
            "PL_POST": "ME7 5NY", "URN": "SC654321",
        },
    ]  # fmt: skip


def test_it_writes_an_episode_ending_after_the_year_as_open(authority, export):
    with fixture_writes():
        CareEpisode.objects.filter(child=authority.cal, end_date__isnull=True).update(
            end_date=date(2026, 5, 1), reason_ceased="E4A", reason_place_change="CARPL"
        )
    last = export()["Episodes"][-1]
    assert (last["DEC"], last["REC"], last["REASON_PLACE_CHANGE"]) == ("", "", "")


def test_it_writes_reviews_missing_and_previous_permanence(authority, export):
    tables = export()
    assert [(r["REVIEW"], r["REVIEW_CODE"]) for r in tables["Reviews"]] == [
        ("05/06/2025", "PN1"),
        ("04/09/2025", "PN1"),
        ("02/03/2026", "PN1"),
    ]
    assert tables["Missing"] == [
        {"CHILD": "LAC1", "DOB": "20/11/2012", "MISSING": "M", "MIS_START": "02/11/2025", "MIS_END": "02/11/2025"}
    ]
    # Cal came into care in the year: a PrevPerm row, Z1 as no earlier permanence order is known (rule 630).
    assert tables["PrevPerm"] == [
        {"CHILD": "LAC1", "DOB": "20/11/2012", "PREV_PERM": "Z1", "LA_PERM": "", "DATE_PERM": ""}
    ]


def test_it_names_a_permanence_order_that_ended_an_earlier_period_of_care(authority, export):
    cal = authority.cal
    earlier = CarePeriodFactory(child=cal, start_date=date(2019, 3, 1), end_date=date(2021, 6, 30))
    CareEpisodeFactory(period=earlier, end_date=date(2021, 6, 30), reason_ceased="E45")
    assert export()["PrevPerm"] == [
        {"CHILD": "LAC1", "DOB": "20/11/2012", "PREV_PERM": "P2", "LA_PERM": "887", "DATE_PERM": "30/06/2021"}
    ]


def test_it_starts_a_social_worker_episode_no_earlier_than_care_and_leaves_the_last_one_open(authority, export):
    # Carl was allocated on 20 April; Cal came into care on 10 May (rule SW12STG2).
    assert export()["SWEpisodes"] == [
        {
            "CHILD": "LAC1",
            "DOB": "20/11/2012",
            "SW_ID": "SW200002",
            "SW_DECOM": "10/05/2025",
            "SW_DEC": "",
            "SW_REASON": "FCONTA",
        }
    ]


def test_it_leaves_out_a_social_worker_episode_under_three_days_and_the_hand_over_passes_it(authority, export):
    # Carl hands Cal to a duty worker for a day, then to Wes (rule SW09STG2: an episode lasts three days or more).
    with fixture_writes():
        Allocation.objects.filter(child=authority.cal, worker=authority.carl).update(
            end_date=date(2025, 9, 1), end_reason="LEFTRL"
        )
    duty = WorkerFactory(team=authority.in_care, registration_number="SW200010")
    wes = WorkerFactory(team=authority.in_care, registration_number="SW200011")
    AllocationFactory(
        child=authority.cal, worker=duty, start_date=date(2025, 9, 1), end_date=date(2025, 9, 2), end_reason="CHCHAN"
    )
    AllocationFactory(child=authority.cal, worker=wes, start_date=date(2025, 9, 2))
    rows = [(r["SW_ID"], r["SW_DECOM"], r["SW_DEC"], r["SW_REASON"]) for r in export()["SWEpisodes"]]
    assert rows == [("SW200002", "10/05/2025", "01/09/2025", "FCONTA"), ("SW200011", "02/09/2025", "", "CHCHAN")]


def test_it_makes_a_social_worker_after_a_gap_of_more_than_a_week_a_first_contact(authority, export):
    with fixture_writes():
        Allocation.objects.filter(child=authority.cal, worker=authority.carl).update(
            end_date=date(2025, 9, 1), end_reason="LEFTRL"
        )
    duty = WorkerFactory(team=authority.in_care, registration_number="SW200010")
    wes = WorkerFactory(team=authority.in_care, registration_number="SW200011")
    AllocationFactory(
        child=authority.cal, worker=duty, start_date=date(2025, 9, 5), end_date=date(2025, 9, 6), end_reason="CHCHAN"
    )
    AllocationFactory(child=authority.cal, worker=wes, start_date=date(2025, 9, 6))
    rows = [(r["SW_ID"], r["SW_DECOM"], r["SW_DEC"], r["SW_REASON"]) for r in export()["SWEpisodes"]]
    # Wes took over from the one-day stand-in, not from Carl: five days after Carl left is within a week (SW10a).
    assert rows == [("SW200002", "10/05/2025", "01/09/2025", "FCONTA"), ("SW200011", "06/09/2025", "", "CHCHAN")]
    with fixture_writes():
        Allocation.objects.filter(worker=duty).update(start_date=date(2025, 9, 15), end_date=date(2025, 9, 16))
        Allocation.objects.filter(worker=wes).update(start_date=date(2025, 9, 16))
    rows = [(r["SW_ID"], r["SW_DECOM"], r["SW_REASON"]) for r in export()["SWEpisodes"]]
    assert rows[-1] == ("SW200011", "16/09/2025", "FCONTA")  # two weeks after Carl's episode ended


def test_it_writes_oc3_for_a_care_leaver_around_the_birthday(authority, export):
    assert export()["OC3"] == [{"CHILD": "CL1", "DOB": "15/07/2006", "IN_TOUCH": "YES", "ACTIV": "F2", "ACCOM": "U1"}]


def test_it_writes_oc2_for_a_child_looked_after_all_year(authority, export):
    # Nothing recorded beyond a dental check: no conviction or substance misuse is a 0; no SDQ or immunisation
    # check is left blank for the validator to show as missing.
    settled = ChildFactory(la_child_id="LONG1", date_of_birth=date(2015, 6, 15))
    CareEpisodeFactory(period=CarePeriodFactory(child=settled, start_date=date(2022, 1, 10)))
    make(DentalCheck, child=settled, check_date=date(2025, 10, 1))
    assert export()["OC2"] == [
        {
            "CHILD": "LONG1", "DOB": "15/06/2015", "SDQ_SCORE": "", "SDQ_REASON": "", "CONVICTED": "0",
            "HEALTH_CHECK": "", "IMMUNISATIONS": "", "TEETH_CHECK": "1", "HEALTH_ASSESSMENT": "0",
            "SUBSTANCE_MISUSE": "0", "INTERVENTION_RECEIVED": "", "INTERVENTION_OFFERED": "",
        }
    ]  # fmt: skip


def test_it_writes_a_uasc_row_and_no_home_postcode_for_an_asylum_seeking_child(authority, export):
    with fixture_writes():
        type(authority.cal).objects.filter(pk=authority.cal.pk).update(uasc=True)
    tables = export()
    assert tables["UASC"] == [{"CHILD": "LAC1", "SEX": "M", "DOB": "20/11/2012", "DUC": ""}]
    assert {row["HOME_POST"] for row in tables["Episodes"]} == {""}  # rules 406 and 392b


def test_it_neutralises_spreadsheet_formulas_in_one_helper():
    assert csv_cell('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert [csv_cell(v) for v in ("+1", "-1", "@SUM(A1)")] == ["'+1", "'-1", "'@SUM(A1)"]
    assert [csv_cell(v) for v in ("SC123456", "10/05/2025", None, 3)] == ["SC123456", "10/05/2025", "", "3"]


def test_it_neutralises_a_formula_recorded_in_the_case_record(authority, export):
    with fixture_writes():
        CareEpisode.objects.filter(child=authority.cal).update(urn="=1+1")
    assert {row["URN"] for row in export()["Episodes"]} == {"'=1+1"}


def test_it_reads_each_table_once_however_many_children(authority, tmp_path):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            export_ssda903(YEAR, tmp_path)
        return len(captured)

    before = queries()
    for n in range(4):
        CareEpisodeFactory(period=CarePeriodFactory(child=ChildFactory(la_child_id=f"MORE{n}")))
    assert CarePeriod.objects.count() == 6
    assert queries() == before


def test_it_fills_the_mother_field_for_a_girl_looked_after_in_the_year(authority, export):
    girl = ChildFactory(la_child_id="GIRL1", sex="F", date_of_birth=date(2009, 3, 1))
    CareEpisodeFactory(period=CarePeriodFactory(child=girl, start_date=date(2025, 6, 1)))

    def mother() -> tuple[str, str]:
        row = next(r for r in export()["Header"] if r["CHILD"] == "GIRL1")
        return row["MOTHER"], row["MC_DOB"]

    assert mother() == ("0", "")  # rules 393 and 607: completed for every girl looked after
    baby = make(Person, first_name="Bo", last_name="Bell", date_of_birth=date(2025, 12, 1))
    make(Relationship, child=girl, person=baby, kind=Relationship.Kind.OWN_CHILD)
    assert mother() == ("1", "01/12/2025")
