"""A hand-built authority for the 2025/26 returns (collection year 2026: 1 April 2025 to 31 March 2026).

- Amy Adams (CINA1): a child in need: contact and referral 1 September 2025, an assessment with factors, an open
  CIN plan; her social worker visited on 10 November.
- Ben Baker (CPB1): a child protection plan from an ICPC on 20 June 2025 after a section 47 enquiry, reviewed on
  12 September 2025 and 6 March 2026; he had an earlier plan in 2023 (so one previous plan).
- Cal Cole (LAC1): came into care on 10 May 2025 with foster carers (U6), moved to a children's home on
  15 September (X1, then a new episode for a placement change, RNE P); missing once in November; his social
  worker was allocated on 20 April, before he came into care.
- Dee Dunn (CL1): a care leaver who left care at 18 in July 2024 and turned 19 on 15 July 2025; in touch on
  1 July 2025, in further education and living independently.
"""

from datetime import date, datetime

import pytest
from django.utils import timezone

from lantern.care.models import CareEpisode, CarePeriod, CLAReview, DentalCheck, HealthAssessment, PermanencePlan
from lantern.core.models import AuthoritySettings
from lantern.journey.models import (
    Assessment,
    AssessmentFactor,
    ChildProtectionConference,
    CINPlan,
    Contact,
    CPPlan,
    Referral,
    Section47Enquiry,
    StrategyDiscussion,
    Visit,
)
from lantern.leaving_care.models import CareLeaver, CareLeaverContact, PathwayPlanReview
from lantern.missing.models import MissingEpisode
from lantern.people.models import ChildDisability
from lantern.people.validators import upn_check_letter
from lantern.workforce.models import Allocation, Team, Worker
from lantern.workingdays.calendar import invalidate_council_calendar
from tests.factories import AllocationFactory, ChildFactory, TeamFactory, WorkerFactory, make

YEAR = 2026


def upn(serial: str) -> str:
    digits = f"887{serial:0>9}"
    return upn_check_letter(digits) + digits


def at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


@pytest.fixture(autouse=True)
def _fresh_calendar():
    invalidate_council_calendar()
    yield
    invalidate_council_calendar()


@pytest.fixture
def authority(db):
    """The four children, their workers and their records; returns a namespace of what tests look at."""
    AuthoritySettings.current()  # Medway: E06000035, LEA 887, ME postcodes
    safeguarding = TeamFactory(name="Safeguarding Team 1")
    in_care = TeamFactory(name="Children in Care Team 1", kind=Team.Kind.CHILDREN_IN_CARE)
    sally = WorkerFactory(first_name="Sally", last_name="Smith", team=safeguarding, registration_number="SW200001")
    carl = WorkerFactory(first_name="Carl", last_name="Cross", team=in_care, registration_number="SW200002")
    ivy = WorkerFactory(first_name="Ivy", last_name="Irons", team=TeamFactory(kind=Team.Kind.IRO), role=Worker.Role.IRO)
    pat = WorkerFactory(
        first_name="Pat", last_name="Price", team=in_care, role=Worker.Role.PERSONAL_ADVISER, registration_number=""
    )

    # Amy: a child in need ---------------------------------------------------------------------------------
    amy = ChildFactory(
        la_child_id="CINA1", first_name="Amy", last_name="Adams", date_of_birth=date(2014, 5, 10), sex="F",
        ethnicity="WBRI", upn=upn("201400001"),
    )  # fmt: skip
    ChildDisability.objects.create(child=amy, code="NONE")
    contact = make(
        Contact,
        child=amy,
        received_at=at(date(2025, 9, 1)),
        source="2A",
        decision="REFERRAL",
        decision_at=at(date(2025, 9, 1), 12),
    )
    amy_referral = make(Referral,
        child=amy, contact=contact, referral_date=date(2025, 9, 1), referral_source="2A", primary_need_code="N5",
        team=safeguarding,
    )  # fmt: skip
    amy_assessment = make(Assessment,
        referral=amy_referral, child=amy, start_date=date(2025, 9, 2), authorised_date=date(2025, 10, 14),
        child_seen_date=date(2025, 9, 5), requires_support=True, worker=sally,
    )  # fmt: skip
    for code in ("3A", "4B"):
        AssessmentFactor.objects.create(assessment=amy_assessment, code=code)
    make(CINPlan, referral=amy_referral, child=amy, start_date=date(2025, 10, 20))
    AllocationFactory(child=amy, worker=sally, start_date=date(2025, 9, 1))
    make(Visit, child=amy, kind=Visit.Kind.CIN, visit_date=date(2025, 11, 10), seen_alone=True, worker=sally)

    # Ben: child protection --------------------------------------------------------------------------------
    ben = ChildFactory(
        la_child_id="CPB1", first_name="Ben", last_name="Baker", date_of_birth=date(2018, 2, 3), sex="M",
        ethnicity="BAFR", upn=upn("201800002"),
    )  # fmt: skip
    ChildDisability.objects.create(child=ben, code="AUT")
    old = make(Referral,
        child=ben, referral_date=date(2023, 1, 10), referral_source="6", primary_need_code="N1",
        closure_date=date(2023, 12, 1), reason_for_closure="RC7",
    )  # fmt: skip
    make(CPPlan,
        referral=old, child=ben, start_date=date(2023, 2, 1), end_date=date(2023, 11, 30),
        initial_category="NEG", latest_category="NEG",
    )  # fmt: skip
    ben_referral = make(
        Referral,
        child=ben,
        referral_date=date(2025, 6, 2),
        referral_source="6",
        primary_need_code="N1",
        team=safeguarding,
    )
    ben_assessment = make(Assessment,
        referral=ben_referral, child=ben, start_date=date(2025, 6, 2), authorised_date=date(2025, 7, 10),
        child_seen_date=date(2025, 6, 3), requires_support=True,
    )  # fmt: skip
    AssessmentFactor.objects.create(assessment=ben_assessment, code="16A")
    discussion = make(
        StrategyDiscussion,
        referral=ben_referral,
        child=ben,
        threshold_decision_at=at(date(2025, 6, 2)),
        held_on=date(2025, 6, 3),
    )
    enquiry = make(Section47Enquiry,
        referral=ben_referral, child=ben, strategy_discussion=discussion, start_date=date(2025, 6, 3),
        end_date=date(2025, 6, 20),
    )  # fmt: skip
    plan = make(
        CPPlan,
        referral=ben_referral,
        child=ben,
        start_date=date(2025, 6, 20),
        initial_category="NEG",
        latest_category="EMO",
    )
    make(ChildProtectionConference,
        referral=ben_referral, child=ben, kind="initial", section47=enquiry, cp_plan=plan, held_on=date(2025, 6, 20),
        plan_made=True,
    )  # fmt: skip
    for held in (date(2025, 9, 12), date(2026, 3, 6)):
        make(ChildProtectionConference, referral=ben_referral, child=ben, kind="review", cp_plan=plan, held_on=held)
    AllocationFactory(child=ben, worker=sally, start_date=date(2025, 6, 2))
    make(Visit, child=ben, kind=Visit.Kind.CP, visit_date=date(2026, 1, 20), seen_alone=True, worker=sally)

    # Cal: looked after, two episodes ----------------------------------------------------------------------
    cal = ChildFactory(
        la_child_id="LAC1", first_name="Cal", last_name="Cole", date_of_birth=date(2012, 11, 20), sex="M",
        ethnicity="WBRI", upn=upn("201200003"),
    )  # fmt: skip
    ChildDisability.objects.create(child=cal, code="NONE")
    cal_referral = make(
        Referral,
        child=cal,
        referral_date=date(2025, 4, 15),
        referral_source="6",
        primary_need_code="N1",
        team=safeguarding,
    )
    cal_assessment = make(
        Assessment, referral=cal_referral, child=cal, start_date=date(2025, 4, 16), authorised_date=date(2025, 5, 20)
    )
    AssessmentFactor.objects.create(assessment=cal_assessment, code="16A")
    period = make(CarePeriod, child=cal, start_date=date(2025, 5, 10))
    common = {
        "period": period,
        "child": cal,
        "legal_status": "C1",
        "category_of_need": "N1",
        "home_postcode": "ME4 4TZ",
    }
    make(CareEpisode,
        **common, start_date=date(2025, 5, 10), reason_new_episode="S", placement_type="U6", placement_provider="PR1",
        placement_postcode="ME5 9PH", urn="SC123456", end_date=date(2025, 9, 15), reason_ceased="X1",
        reason_place_change="CARPL",
    )  # fmt: skip
    make(CareEpisode,
        **common, start_date=date(2025, 9, 15), reason_new_episode="P", placement_type="K2", placement_provider="PR4",
        placement_postcode="ME7 5NY", urn="SC654321",
    )  # fmt: skip
    for held in (date(2025, 6, 5), date(2025, 9, 4), date(2026, 3, 2)):
        make(CLAReview, child=cal, period=period, review_date=held, participation="PN1")
    make(MissingEpisode,
        child=cal, kind="M", started_at=at(date(2025, 11, 2)), returned_at=at(date(2025, 11, 2), 22),
        return_interview_offered=True, return_interview_accepted=False,
    )  # fmt: skip
    AllocationFactory(child=cal, worker=carl, start_date=date(2025, 4, 20))
    AllocationFactory(child=cal, worker=ivy, role=Allocation.Role.IRO, start_date=date(2025, 5, 12))
    make(HealthAssessment, child=cal, kind="initial", assessment_date=date(2025, 5, 30))
    make(DentalCheck, child=cal, check_date=date(2025, 8, 1))
    make(PermanencePlan, child=cal, period=period, plan="LONG_TERM_FOSTERING", decided_on=date(2025, 8, 1))
    for day in (date(2025, 5, 15), date(2025, 9, 20), date(2026, 1, 5)):
        make(Visit, child=cal, kind=Visit.Kind.CLA, visit_date=day, seen_alone=True, worker=carl)
    make(Visit, child=cal, kind=Visit.Kind.OTHER, visit_date=date(2025, 12, 1), worker=ivy)

    # Dee: a care leaver, 19 in July 2025 ------------------------------------------------------------------
    dee = ChildFactory(
        la_child_id="CL1", first_name="Dee", last_name="Dunn", date_of_birth=date(2006, 7, 15), sex="F",
        ethnicity="WBRI", upn=upn("200600004"),
    )  # fmt: skip
    dee_period = make(CarePeriod, child=dee, start_date=date(2020, 1, 10), end_date=date(2024, 7, 15))
    make(CareEpisode,
        period=dee_period, child=dee, start_date=date(2020, 1, 10), reason_new_episode="S", legal_status="C2",
        category_of_need="N1", placement_type="U4", placement_provider="PR1", home_postcode="ME4 4TZ",
        placement_postcode="ME5 9PH", urn="SC123456", end_date=date(2024, 7, 15), reason_ceased="E5",
    )  # fmt: skip
    make(CareLeaver, child=dee, eligibility="FORMER_RELEVANT", eligible_from=date(2024, 7, 15))
    make(CareLeaverContact, child=dee, contact_date=date(2025, 7, 1), in_touch="YES", activity="F2", accommodation="U1")
    make(PathwayPlanReview, child=dee, review_date=date(2025, 6, 20))
    AllocationFactory(child=dee, worker=pat, role=Allocation.Role.PERSONAL_ADVISER, start_date=date(2024, 7, 15))

    class Authority:
        pass

    names = Authority()
    names.amy, names.ben, names.cal, names.dee = amy, ben, cal, dee
    names.sally, names.carl, names.ivy, names.pat = sally, carl, ivy, pat
    names.safeguarding, names.in_care = safeguarding, in_care
    names.period = period
    return names
