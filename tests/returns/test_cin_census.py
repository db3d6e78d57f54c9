import io
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lantern.journey.models import Assessment, CPPlan, Referral
from lantern.people.models import Child
from lantern.returns.cin_census import export_cin_census
from lantern.timescales.selectors import child_timescales
from lantern.workingdays.calendar import invalidate_council_calendar
from lantern.workingdays.models import ClosureDay
from tests.factories import ChildFactory, ReferralFactory, fixture_writes, make
from tests.returns.conftest import YEAR

pytestmark = pytest.mark.django_db


def census(year: int = YEAR) -> ET.Element:
    stream = io.BytesIO()
    export_cin_census(year, stream)
    return ET.fromstring(stream.getvalue())


def child(root: ET.Element, la_child_id: str) -> ET.Element:
    found = [c for c in root.iter("Child") if c.findtext("ChildIdentifiers/LAchildID") == la_child_id]
    assert len(found) == 1, f"{la_child_id} appears {len(found)} times"
    return found[0]


def test_it_writes_the_header_from_the_authority_settings(authority):
    header = census().find("Header")
    assert [e.tag for e in header] == ["CollectionDetails", "Source"]
    assert [(e.tag, e.text) for e in header.find("CollectionDetails")] == [
        ("Collection", "CIN"),
        ("Year", "2026"),
        ("ReferenceDate", "2026-03-31"),
    ]
    source = header.find("Source")
    assert source.findtext("SourceLevel") == "L"
    assert source.findtext("LEA") == "887"
    assert [e.tag for e in source] == ["SourceLevel", "LEA", "SoftwareCode", "Release", "SerialNo", "DateTime"]


def test_it_includes_children_with_an_episode_in_the_year_only(authority):
    ids = [c.findtext("ChildIdentifiers/LAchildID") for c in census().iter("Child")]
    assert ids == ["CINA1", "CPB1", "LAC1"]  # Dee (a care leaver with no referral) is not a child in need


def test_it_writes_child_identifiers_with_sex_after_the_birth_date(authority):
    amy = child(census(), "CINA1")
    identifiers = amy.find("ChildIdentifiers")
    assert [(e.tag, e.text) for e in identifiers] == [
        ("LAchildID", "CINA1"),
        ("UPN", authority.amy.upn),
        ("PersonBirthDate", "2014-05-10"),
        ("Sex", "F"),
    ]
    assert [e.tag for e in amy] == ["ChildIdentifiers", "ChildCharacteristics", "CINdetails"]
    assert amy.findtext("ChildCharacteristics/Ethnicity") == "WBRI"
    assert [d.text for d in amy.iter("Disability")] == ["NONE"]


def test_it_writes_a_cin_episode_in_schema_order_with_iso_dates_and_lower_case_booleans(authority):
    details = child(census(), "CINA1").find("CINdetails")
    assert [e.tag for e in details] == [
        "CINreferralDate",
        "ReferralSource",
        "PrimaryNeedCode",
        "Assessments",
        "CINPlanDates",
        "ReferralNFA",
    ]
    assert details.findtext("CINreferralDate") == "2025-09-01"
    assert details.findtext("ReferralNFA") == "false"
    assessment = details.find("Assessments")
    assert assessment.findtext("AssessmentActualStartDate") == "2025-09-02"
    assert assessment.findtext("AssessmentAuthorisationDate") == "2025-10-14"
    assert [f.text for f in assessment.iter("AssessmentFactors")] == ["3A", "4B"]
    plan = details.find("CINPlanDates")
    assert plan.findtext("CINPlanStartDate") == "2025-10-20"
    assert plan.find("CINPlanEndDate") is None


def test_it_writes_a_protection_plan_with_its_enquiry_conference_and_one_reviews_block(authority):
    details = child(census(), "CPB1").find("CINdetails")
    enquiry = details.find("Section47")
    assert [(e.tag, e.text) for e in enquiry] == [
        ("S47ActualStartDate", "2025-06-03"),
        ("InitialCPCtarget", "2025-06-24"),  # 15 working days after the strategy discussion
        ("DateOfInitialCPC", "2025-06-20"),
        ("ICPCnotRequired", "false"),
    ]
    assert details.find("DateOfInitialCPC") is None  # recorded on the enquiry only (rule 2884)
    plans = details.findall("ChildProtectionPlans")
    assert len(plans) == 1
    plan = plans[0]
    assert [e.tag for e in plan] == [
        "CPPstartDate",
        "InitialCategoryOfAbuse",
        "LatestCategoryOfAbuse",
        "NumberOfPreviousCPP",
        "Reviews",
    ]
    assert plan.findtext("CPPstartDate") == "2025-06-20"
    assert plan.findtext("NumberOfPreviousCPP") == "1"  # the 2023 plan
    assert len(plan.findall("Reviews")) == 1
    assert [r.text for r in plan.find("Reviews")] == ["2025-09-12", "2026-03-06"]
    assert details.findtext("ReferralNFA") == "false"


def test_the_icpc_target_is_the_icpc_clock_due_date_closure_days_included(authority):
    # One rule: a council closure day inside the 15 working days moves the record's clock and the return alike.
    ClosureDay.objects.create(date=date(2025, 6, 16), reason="Council closure")
    invalidate_council_calendar()
    try:
        target = child(census(), "CPB1").find("CINdetails/Section47").findtext("InitialCPCtarget")
        child_cpb1 = Child.objects.get(la_child_id="CPB1")
        (icpc,) = [c for c in child_timescales(child=child_cpb1, as_of=date(2026, 3, 31)) if c.rule.id == "icpc"]
    finally:
        invalidate_council_calendar()
    assert target == "2025-06-25" == icpc.due_date.isoformat()


def test_it_leaves_out_episodes_and_plans_that_ended_before_the_year(authority):
    ben = child(census(), "CPB1")
    assert [d.findtext("CINreferralDate") for d in ben.findall("CINdetails")] == ["2025-06-02"]


def test_it_writes_what_happened_after_the_reference_date_as_not_yet_happened(authority):
    amy = authority.amy
    referral = Referral.objects.get(child=amy)
    with fixture_writes():
        Referral.objects.filter(pk=referral.pk).update(closure_date=date(2026, 5, 1), reason_for_closure="RC7")
        Assessment.objects.filter(child=amy).update(authorised_date=date(2026, 4, 2))
    details = child(census(), "CINA1").find("CINdetails")
    assert details.find("CINclosureDate") is None
    assert details.find("ReasonForClosure") is None
    assessment = details.find("Assessments")
    assert assessment.find("AssessmentAuthorisationDate") is None
    assert assessment.find("FactorsIdentifiedAtAssessment") is None  # factors only on a completed assessment


def test_it_writes_a_child_born_after_the_reference_date_as_unborn(authority):
    unborn = ChildFactory(la_child_id="UNB1", date_of_birth=date(2026, 5, 2), sex="F")
    ReferralFactory(child=unborn, referral_date=date(2026, 1, 10))
    identifiers = child(census(), "UNB1").find("ChildIdentifiers")
    assert [(e.tag, e.text) for e in identifiers] == [
        ("LAchildID", "UNB1"),
        ("ExpectedPersonBirthDate", "2026-05-02"),
        ("Sex", "U"),  # rule 8750
    ]


def test_it_counts_previous_plans_across_episodes(authority):
    ben = authority.ben
    old = Referral.objects.get(child=ben, referral_date=date(2023, 1, 10))
    make(CPPlan,
        referral=old, child=ben, start_date=date(2022, 5, 1), end_date=date(2022, 12, 1), initial_category="PHY",
        latest_category="PHY",
    )  # fmt: skip
    plan = child(census(), "CPB1").find("CINdetails/ChildProtectionPlans")
    assert plan.findtext("NumberOfPreviousCPP") == "2"


def test_it_reads_each_table_once_however_many_children(authority):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            census()
        return len(captured)

    census()  # the council's working-day calendar is read once per process, then cached
    before = queries()
    for n in range(5):
        extra = ChildFactory(la_child_id=f"MORE{n}")
        ReferralFactory(child=extra, referral_date=date(2025, 10, 1))
    assert queries() == before
