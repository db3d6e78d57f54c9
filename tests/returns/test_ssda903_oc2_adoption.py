"""SSDA903 OC2, AD1 and PlacedAdoption from the record: hand-built children, exact codes and dates."""

import csv
from datetime import date

import pytest

from lantern.care.models import (
    Adopters,
    AdoptionDecision,
    Conviction,
    DentalCheck,
    HealthAssessment,
    ImmunisationCheck,
    StrengthsAndDifficulties,
    SubstanceMisuse,
)
from lantern.returns.ssda903 import export_ssda903
from tests.factories import CareEpisodeFactory, CarePeriodFactory, ChildFactory, make

pytestmark = pytest.mark.django_db
YEAR = 2026


@pytest.fixture
def export(tmp_path):
    def run() -> dict[str, list[dict]]:
        export_ssda903(YEAR, tmp_path)
        tables = {}
        for name in ("oc2", "ad1", "placed_for_adoption"):
            with (tmp_path / f"{name}.csv").open(newline="", encoding="utf-8") as handle:
                tables[name] = list(csv.DictReader(handle))
        return tables

    return run


def in_care_since(la_child_id: str, born: date, start: date, **episode):
    child = ChildFactory(la_child_id=la_child_id, date_of_birth=born)
    period = CarePeriodFactory(child=child, start_date=start)
    CareEpisodeFactory(period=period, **episode)
    return child, period


def test_it_writes_the_oc2_items_a_ten_year_old_needs(export):
    child, _ = in_care_since("OCTEN", date(2015, 6, 15), date(2022, 1, 10))
    make(StrengthsAndDifficulties, child=child, completed_on=date(2024, 9, 1), score=30)  # last year
    make(StrengthsAndDifficulties, child=child, completed_on=date(2025, 9, 1), score=17)
    make(ImmunisationCheck, child=child, checked_on=date(2025, 8, 1), up_to_date=True)
    make(ImmunisationCheck, child=child, checked_on=date(2026, 5, 1), up_to_date=False)  # after 31 March
    make(
        SubstanceMisuse,
        child=child,
        identified_on=date(2025, 11, 1),
        intervention_offered=True,
        intervention_received=False,
    )
    make(Conviction, child=child, convicted_on=date(2025, 12, 1), offence="Theft")
    make(HealthAssessment, child=child, kind="review", assessment_date=date(2025, 7, 1))
    make(DentalCheck, child=child, check_date=date(2025, 10, 1))
    assert export()["oc2"] == [
        {
            "CHILD": "OCTEN", "DOB": "15/06/2015", "SDQ_SCORE": "17", "SDQ_REASON": "", "CONVICTED": "1",
            "HEALTH_CHECK": "", "IMMUNISATIONS": "1", "TEETH_CHECK": "1", "HEALTH_ASSESSMENT": "1",
            "SUBSTANCE_MISUSE": "1", "INTERVENTION_RECEIVED": "0", "INTERVENTION_OFFERED": "1",
        }
    ]  # fmt: skip


def test_it_writes_health_surveillance_for_an_under_five_and_no_sdq_or_conviction(export):
    child, _ = in_care_since("OCBABY", date(2023, 1, 20), date(2023, 2, 1))
    make(HealthAssessment, child=child, kind="review", assessment_date=date(2025, 12, 1))
    make(ImmunisationCheck, child=child, checked_on=date(2025, 12, 1), up_to_date=False)
    make(StrengthsAndDifficulties, child=child, completed_on=date(2025, 12, 1), reason_no_score="SDQ1")
    row = export()["oc2"][0]
    # Under 4 at 31 March: no SDQ (rule 188); under 5: health surveillance, checked within six months (545);
    # under 10: no conviction item (542).
    assert (row["SDQ_SCORE"], row["SDQ_REASON"], row["HEALTH_CHECK"], row["CONVICTED"]) == ("", "", "1", "")
    assert row["IMMUNISATIONS"] == "0"


def test_it_gives_the_reason_for_no_sdq_score(export):
    child, _ = in_care_since("OCSDQ", date(2012, 2, 2), date(2023, 3, 1))
    make(StrengthsAndDifficulties, child=child, completed_on=date(2025, 6, 1), reason_no_score="SDQ5")
    row = export()["oc2"][0]
    assert (row["SDQ_SCORE"], row["SDQ_REASON"]) == ("", "SDQ5")


def test_it_writes_ad1_and_placed_for_adoption_for_a_child_adopted_in_the_year(export):
    child = ChildFactory(la_child_id="ADOPT1", date_of_birth=date(2023, 3, 1))
    period = CarePeriodFactory(child=child, start_date=date(2023, 4, 1), end_date=date(2025, 12, 1))
    common = {"period": period, "placement_provider": "PR1", "urn": "SC123456"}
    CareEpisodeFactory(
        **common, start_date=date(2023, 4, 1), legal_status="C1", placement_type="U5", end_date=date(2024, 2, 1),
        reason_ceased="X1",
    )  # fmt: skip
    CareEpisodeFactory(
        **common, start_date=date(2024, 2, 1), reason_new_episode="L", legal_status="E1", placement_type="U5",
        end_date=date(2025, 6, 1), reason_ceased="X1", reason_place_change="CARPL",
    )  # fmt: skip
    CareEpisodeFactory(
        **common, start_date=date(2025, 6, 1), reason_new_episode="T", legal_status="E1", placement_type="A5",
        end_date=date(2025, 12, 1), reason_ceased="E11",
    )  # fmt: skip
    adopters = make(
        Adopters, reference="ADP1", number_of_adopters=2, sex="MF", legal_status="L11", approved_on=date(2023, 10, 1)
    )
    make(
        AdoptionDecision,
        child=child,
        period=period,
        decided_on=date(2023, 12, 1),
        matched_on=date(2025, 5, 15),
        adopters=adopters,
    )
    tables = export()
    assert tables["ad1"] == [
        {
            "CHILD": "ADOPT1", "DOB": "01/03/2023", "DATE_INT": "01/12/2023", "DATE_MATCH": "15/05/2025",
            "FOSTER_CARE": "1", "NB_ADOPTR": "2", "SEX_ADOPTR": "MF", "LS_ADOPTR": "L11",
        }
    ]  # fmt: skip
    assert tables["placed_for_adoption"] == [
        {"CHILD": "ADOPT1", "DOB": "01/03/2023", "DATE_PLACED": "01/12/2023", "DATE_PLACED_CEASED": "",
         "REASON_PLACED_CEASED": ""}
    ]  # fmt: skip


def test_it_writes_a_reversed_decision_and_leaves_out_one_reversed_before_the_year(export):
    child, period = in_care_since("REV1", date(2022, 5, 5), date(2024, 1, 10))
    make(
        AdoptionDecision,
        child=child,
        period=period,
        decided_on=date(2024, 6, 1),
        reversed_on=date(2025, 7, 1),
        reversed_reason="RD3",
    )
    earlier, earlier_period = in_care_since("REV0", date(2022, 5, 5), date(2023, 1, 10))
    make(AdoptionDecision,
        child=earlier, period=earlier_period, decided_on=date(2023, 6, 1), reversed_on=date(2025, 2, 1),
        reversed_reason="RD1",
    )  # fmt: skip
    assert export()["placed_for_adoption"] == [
        {"CHILD": "REV1", "DOB": "05/05/2022", "DATE_PLACED": "01/06/2024", "DATE_PLACED_CEASED": "01/07/2025",
         "REASON_PLACED_CEASED": "RD3"}
    ]  # fmt: skip
