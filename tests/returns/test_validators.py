"""The exports through the DfE's own validators, and the quirks lantern.returns.validators handles."""

import sys

import pytest
from django.core.management import CommandError, call_command

from lantern.care.models import CareEpisode
from lantern.people.models import Child
from lantern.returns import validators
from lantern.returns.cin_census import export_cin_census
from lantern.returns.ssda903 import export_ssda903
from lantern.returns.xmlsafe import UnsafeXML, check_xml
from tests.factories import fixture_writes, make
from tests.returns.conftest import YEAR

pytestmark = pytest.mark.django_db


@pytest.fixture
def cin_file(tmp_path):
    def write():
        path = tmp_path / "cin.xml"
        with path.open("wb") as stream:
            export_cin_census(YEAR, stream)
        return path

    return write


@pytest.fixture
def ssda903_dir(tmp_path):
    def write():
        directory = tmp_path / "903"
        directory.mkdir(exist_ok=True)
        export_ssda903(YEAR, directory)
        return directory

    return write


def test_it_exports_a_cin_census_the_cin_validator_accepts(authority, cin_file, capsys):
    result = validators.validate_cin_census(cin_file())
    report = "\n".join(validators.describe(result))
    assert result.errors == [], report
    # Return-level queries only, about how few disability codes four children use.
    assert sorted(issue.rule for issue in result.queries) == ["2887Q", "2888Q"], report
    assert result.crashed == {}
    assert result.year == "2026"
    assert capsys.readouterr().out == ""  # the validator's own printing is captured


def test_it_exports_an_ssda903_the_903_validator_accepts(authority, ssda903_dir, capsys):
    result = validators.validate_ssda903(ssda903_dir(), year=YEAR)
    report = "\n".join(validators.describe(result))
    assert result.issues == [], report
    assert result.ok
    # Known crashes in the 2025/26 ruleset are reported as crashed, with their exception, and are not errors.
    assert set(result.crashed) == {"231", "233"}
    assert "KeyError" in result.crashed["231"]
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("", "")


def test_it_reports_the_cin_validators_error_against_the_child(authority, cin_file):
    with fixture_writes():
        Child.objects.filter(pk=authority.amy.pk).update(la_child_id="CIN-A1")  # not alphanumeric
    result = validators.validate_cin_census(cin_file())
    assert [(i.rule, i.severity) for i in result.for_child("CIN-A1")] == [("1580", validators.ERROR)]
    assert not result.ok
    assert result.for_child("CPB1") == []


def test_it_reports_the_903_validators_errors_against_the_child(authority, ssda903_dir):
    with fixture_writes():
        CareEpisode.objects.filter(child=authority.cal, end_date__isnull=True).update(placement_type="Z1")
        Child.objects.filter(pk=authority.cal.pk).update(sex="U")
    result = validators.validate_ssda903(ssda903_dir(), year=YEAR)
    rules = {issue.rule: issue for issue in result.for_child("LAC1")}
    assert {"146", "232"} <= set(rules)
    assert rules["146"].message == "Placement type code is not a valid code."
    assert rules["146"].where == "Episodes: PLACE"
    assert result.for_child("CL1") == []


def test_it_says_how_to_install_the_validators_when_they_are_missing(authority, cin_file, monkeypatch):
    path = cin_file()
    monkeypatch.setitem(sys.modules, "cin_validator", None)
    with pytest.raises(validators.ValidatorsUnavailable, match=r"install lantern\[validators\]"):
        validators.validate_cin_census(path)
    with pytest.raises(CommandError, match=r"install lantern\[validators\]"):
        call_command("validate", "cin-census", str(path))


def test_it_exits_with_status_1_when_the_return_has_errors(authority, cin_file, capsys):
    path = cin_file()
    call_command("validate", "cin-census", str(path))
    assert "No errors." in capsys.readouterr().out
    with fixture_writes():
        Child.objects.filter(pk=authority.ben.pk).update(la_child_id="CP-B1")
    path = cin_file()
    with pytest.raises(CommandError) as raised:
        call_command("validate", "cin-census", str(path))
    assert raised.value.returncode == 1
    out = capsys.readouterr().out
    assert "ERROR" in out and "CP-B1" in out and "1580" in out


def test_it_validates_the_903_directory_from_the_command(authority, ssda903_dir, capsys):
    call_command("validate", "ssda903", str(ssda903_dir()), "--year", "2026")
    out = capsys.readouterr().out
    assert "SSDA903 2026: 0 errors, 0 queries" in out
    assert "231" in out  # named as crashed


CIN_TWO_EPISODES = """<?xml version="1.0" encoding="utf-8"?>
<Message>
  <Header>
    <CollectionDetails><Collection>CIN</Collection><Year>2026</Year><ReferenceDate>2026-03-31</ReferenceDate>
    </CollectionDetails>
    <Source><SourceLevel>L</SourceLevel><LEA>887</LEA><SoftwareCode>Lantern</SoftwareCode><Release>0.1.0</Release>
      <SerialNo>001</SerialNo><DateTime>2026-04-02T09:00:00</DateTime></Source>
  </Header>
  <Children><Child>
    <ChildIdentifiers><LAchildID>TWO1</LAchildID><UPN>{upn}</UPN><PersonBirthDate>2019-03-18</PersonBirthDate>
      <Sex>M</Sex></ChildIdentifiers>
    <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
    <CINdetails>
      <CINreferralDate>2024-07-26</CINreferralDate><ReferralSource>7</ReferralSource><PrimaryNeedCode>N1</PrimaryNeedCode>
      <CINclosureDate>2025-06-05</CINclosureDate><ReasonForClosure>RC7</ReasonForClosure><ReferralNFA>false</ReferralNFA>
      <ChildProtectionPlans><CPPstartDate>2024-09-13</CPPstartDate><CPPendDate>2025-06-05</CPPendDate>
        <InitialCategoryOfAbuse>EMO</InitialCategoryOfAbuse><LatestCategoryOfAbuse>EMO</LatestCategoryOfAbuse>
        <NumberOfPreviousCPP>0</NumberOfPreviousCPP><Reviews><CPPreviewDate>2025-06-05</CPPreviewDate></Reviews>
      </ChildProtectionPlans>
    </CINdetails>
    <CINdetails>
      <CINreferralDate>2025-07-28</CINreferralDate><ReferralSource>3E</ReferralSource><PrimaryNeedCode>N1</PrimaryNeedCode>
      <CINclosureDate>2026-03-05</CINclosureDate><ReasonForClosure>RC7</ReasonForClosure>
      <Assessments><AssessmentActualStartDate>2025-07-30</AssessmentActualStartDate>
        <AssessmentAuthorisationDate>2025-08-22</AssessmentAuthorisationDate>
        <FactorsIdentifiedAtAssessment><AssessmentFactors>16A</AssessmentFactors></FactorsIdentifiedAtAssessment>
      </Assessments>
      <CINPlanDates><CINPlanStartDate>2025-11-05</CINPlanStartDate><CINPlanEndDate>2026-03-05</CINPlanEndDate>
      </CINPlanDates>
      <Section47><S47ActualStartDate>2025-07-28</S47ActualStartDate><DateOfInitialCPC>2025-08-05</DateOfInitialCPC>
        <ICPCnotRequired>false</ICPCnotRequired></Section47>
      <ReferralNFA>false</ReferralNFA>
      <ChildProtectionPlans><CPPstartDate>2025-08-05</CPPstartDate><CPPendDate>2025-11-05</CPPendDate>
        <InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse><LatestCategoryOfAbuse>NEG</LatestCategoryOfAbuse>
        <NumberOfPreviousCPP>1</NumberOfPreviousCPP><Reviews><CPPreviewDate>{review}</CPPreviewDate></Reviews>
      </ChildProtectionPlans>
    </CINdetails>
  </Child></Children>
</Message>
"""


def test_it_shows_a_flag_raised_by_a_validator_bug_without_counting_it(tmp_path):
    # The second episode's plan ends at a review on 5 November, the day the CIN plan starts: allowed. The validator
    # matches that review to the first episode's plan (plan numbers restart in each episode) and flags rule 4003.
    path = tmp_path / "two.xml"
    path.write_text(CIN_TWO_EPISODES.format(upn="L887200524454", review="2025-11-05"))
    result = validators.validate_cin_census(path)
    flagged = [(i.rule, i.severity) for i in result.for_child("TWO1")]
    assert ("4003", validators.FALSE_POSITIVE) in flagged
    assert result.ok, validators.describe(result)
    assert any("known validator bug" in line for line in validators.describe(result))


def test_it_still_counts_rule_4003_when_the_review_really_falls_inside_the_cin_plan(tmp_path):
    path = tmp_path / "two.xml"
    # A review on 15 October, inside the same episode's CIN plan (from 1 October) and not the plan's end date.
    path.write_text(
        CIN_TWO_EPISODES.format(upn="L887200524454", review="2025-10-15").replace(
            "<CINPlanStartDate>2025-11-05", "<CINPlanStartDate>2025-10-01"
        )
    )
    result = validators.validate_cin_census(path)
    assert ("4003", validators.ERROR) in [(i.rule, i.severity) for i in result.for_child("TWO1")]


def test_it_refuses_xml_that_declares_entities(tmp_path):
    path = tmp_path / "evil.xml"
    path.write_text('<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaa">]><Message>&a;</Message>')
    with pytest.raises(validators.ReturnUnreadable, match="DOCTYPE"):
        validators.validate_cin_census(path)


def test_it_refuses_xml_over_the_size_limit():
    with pytest.raises(UnsafeXML, match="limit"):
        check_xml(b"<Message>" + b" " * 100 + b"</Message>", max_bytes=64)


def test_it_counts_rules_by_severity():
    result = validators.ValidationResult(
        name="x",
        year="2026",
        issues=[
            validators.Issue("1580", "m", validators.ERROR, "A"),
            validators.Issue("1580", "m", validators.ERROR, "B"),
            validators.Issue("8670Q", "m", validators.QUERY, "A"),
        ],
    )
    assert result.rules() == {"1580": 2, "8670Q": 1}
    assert result.rules(validators.ERROR) == {"1580": 2}
    assert [i.child for i in result.errors] == ["A", "B"]


def sw(child: str, start: str, end: str = "", reason: str = "FCONTA") -> dict[str, str]:
    return {"CHILD": child, "SW_ID": "SW1", "SW_DECOM": start, "SW_DEC": end, "SW_REASON": reason}


def episode(child: str, start: str, rne: str, end: str = "", rec: str = "") -> dict[str, str]:
    return {"CHILD": child, "DECOM": start, "RNE": rne, "DEC": end, "REC": rec}


def test_sw12_is_a_validator_bug_only_for_a_child_who_left_care_and_came_back_in_the_year():
    back = [episode("A", "01/01/2025", "P", "01/05/2025", "E4A"), episode("A", "09/01/2026", "S")]
    once = [episode("B", "01/06/2025", "S", "01/08/2025", "X1"), episode("B", "01/08/2025", "P")]
    tables = {"episodes": {"A": back, "B": once}, "sw_episodes": {}}
    assert validators._lac_sw12_can_hold(tables, "A", YEAR) is False  # shown, not counted
    assert validators._lac_sw12_can_hold(tables, "B", YEAR) is True  # counted


def test_sw11b_counts_only_an_episode_ending_in_the_last_days_of_march_with_none_after_it():
    handed_on = [
        sw("A", "06/12/2025", "14/01/2026"),
        sw("A", "14/01/2026", "31/03/2026", "CHCHAN"),
        sw("A", "31/03/2026"),
    ]
    dropped = [sw("B", "06/12/2025", "14/01/2026"), sw("B", "14/01/2026", "28/03/2026", "CHCHAN")]
    tables = {"episodes": {}, "sw_episodes": {"A": handed_on, "B": dropped}}
    assert validators._lac_sw11b_holds(tables, "A", YEAR) is False
    assert validators._lac_sw11b_holds(tables, "B", YEAR) is True


def test_575_and_577_count_only_an_open_missing_episode_in_care_that_really_ended():
    missing = {"CHILD": "A", "MISSING": "A", "MIS_START": "31/03/2026", "MIS_END": ""}
    still_in_care = {"episodes": {"A": [episode("A", "30/06/2025", "P")]}, "missing": {"A": [missing]}}
    left_care = {
        "episodes": {"A": [episode("A", "30/06/2025", "P", "31/03/2026", "E4A")]},
        "missing": {"A": [missing]},
    }
    assert validators._lac_open_missing_holds(still_in_care, "A", YEAR) is False  # rule 365 closed the episode
    assert validators._lac_open_missing_holds(left_care, "A", YEAR) is True


def test_it_shows_the_missing_at_31_march_flags_without_counting_them(authority, ssda903_dir):
    from datetime import datetime

    from django.utils import timezone

    from lantern.missing.models import MissingEpisode

    make(
        MissingEpisode,
        child=authority.cal,
        kind="A",
        started_at=timezone.make_aware(datetime(2026, 3, 31, 20)),
        returned_at=None,
    )
    result = validators.validate_ssda903(ssda903_dir(), year=YEAR)
    assert result.errors == []
    assert {issue.rule for issue in result.false_positives} >= {"575", "577"}


def test_sw12_is_a_validator_bug_too_when_the_first_period_was_a_single_episode():
    back = [episode("A", "14/12/2024", "S", "24/04/2025", "E4A"), episode("A", "20/07/2025", "S")]
    assert validators._lac_sw12_can_hold({"episodes": {"A": back}}, "A", YEAR) is False


def test_632_counts_only_a_permanence_order_not_before_the_latest_period_of_care():
    episodes = {"A": [episode("A", "27/08/2024", "L", "08/06/2025", "E45"), episode("A", "21/07/2025", "S")]}
    before = {"episodes": episodes, "prev_perm": {"A": [{"CHILD": "A", "PREV_PERM": "P2", "DATE_PERM": "08/06/2025"}]}}
    after = {"episodes": episodes, "prev_perm": {"A": [{"CHILD": "A", "PREV_PERM": "P2", "DATE_PERM": "01/08/2025"}]}}
    assert validators._lac_632_holds(before, "A", YEAR) is False
    assert validators._lac_632_holds(after, "A", YEAR) is True
