"""Writes for a looked-after child's health and education: health assessments, dental checks, PEPs and the IRO's
contact between reviews. Each stops its clock in `timescales/rules/in_care.py` (IRO contact has none). The OC2 SDQ
and immunisation services are in `services.py`."""

from datetime import date

from lantern.care.models import (
    CarePeriod,
    DentalCheck,
    HealthAssessment,
    HealthAssessmentKind,
    IROContact,
    IROContactMethod,
    PersonalEducationPlan,
)
from lantern.core.dates import day_label
from lantern.core.services import Refusal, local_today, save_checked
from lantern.core.writing import service
from lantern.people.models import Child


def in_care_on(refusal: Refusal, *, child: Child, field: str, day: date, label: str, today: date) -> CarePeriod | None:
    """The period of care the child was in on `day`; a refusal on `field` when the day is in the future or outside
    every period (naming when the period began, so the user sees what the date should be)."""
    refusal.not_in_future(field, day, label, today=today)
    periods = list(CarePeriod.objects.filter(child=child).order_by("start_date"))
    for period in periods:
        if period.start_date <= day and (period.end_date is None or day <= period.end_date):
            return period
    if not periods:
        refusal.add(field, f"{label}: the child has no period of care recorded")
    elif day < periods[0].start_date:
        refusal.add(field, f"{label} is before the period of care, which began on {day_label(periods[0].start_date)}")
    else:
        refusal.add(field, f"{label}: the child was not looked after on that date")
    return None


@service
def health_assessment_record(
    *, by, child: Child, kind: str, assessment_date: date, today: date | None = None
) -> HealthAssessment:
    """An initial or review health assessment of a looked-after child (stops health_initial / health_review)."""
    today = today or local_today()
    refusal = Refusal()
    refusal.code("kind", kind, HealthAssessmentKind.values, "Kind of assessment")
    period = in_care_on(
        refusal, child=child, field="assessment_date", day=assessment_date, label="Date of the assessment", today=today
    )
    if HealthAssessment.objects.filter(child=child, assessment_date=assessment_date).exists():
        refusal.add("assessment_date", "A health assessment is already recorded on that date")
    if (
        kind == HealthAssessmentKind.INITIAL
        and period is not None
        and HealthAssessment.objects.filter(
            child=child, kind=HealthAssessmentKind.INITIAL, assessment_date__gte=period.start_date
        ).exists()
    ):
        refusal.add("kind", "An initial health assessment is already recorded in this period of care: choose review")
    refusal.raise_if_any()
    return save_checked(HealthAssessment(child=child, kind=kind, assessment_date=assessment_date), by=by)


@service
def dental_check_record(*, by, child: Child, check_date: date, today: date | None = None) -> DentalCheck:
    today = today or local_today()
    refusal = Refusal()
    in_care_on(refusal, child=child, field="check_date", day=check_date, label="Date of the dental check", today=today)
    if DentalCheck.objects.filter(child=child, check_date=check_date).exists():
        refusal.add("check_date", "A dental check is already recorded on that date")
    refusal.raise_if_any()
    return save_checked(DentalCheck(child=child, check_date=check_date), by=by)


@service
def pep_record(*, by, child: Child, plan_date: date, today: date | None = None) -> PersonalEducationPlan:
    """A personal education plan meeting: the first in a period starts the plan, later ones review it."""
    today = today or local_today()
    refusal = Refusal()
    in_care_on(refusal, child=child, field="plan_date", day=plan_date, label="Date of the PEP meeting", today=today)
    if PersonalEducationPlan.objects.filter(child=child, plan_date=plan_date).exists():
        refusal.add("plan_date", "A PEP is already recorded on that date")
    refusal.raise_if_any()
    return save_checked(PersonalEducationPlan(child=child, plan_date=plan_date), by=by)


@service
def iro_contact_record(
    *, by, child: Child, contact_date: date, method: str, summary: str = "", today: date | None = None
) -> IROContact:
    today = today or local_today()
    refusal = Refusal()
    refusal.code("method", method, IROContactMethod.values, "How the IRO was in contact")
    period = in_care_on(
        refusal, child=child, field="contact_date", day=contact_date, label="Date of the contact", today=today
    )
    refusal.raise_if_any()
    return save_checked(
        IROContact(child=child, period=period, contact_date=contact_date, method=method, summary=summary.strip()),
        by=by,
    )
