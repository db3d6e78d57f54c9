"""Writes for the front door to plans: one function per thing a worker records."""

from collections.abc import Iterable
from datetime import date, datetime

from django.db import transaction

from lantern.core import codes
from lantern.core.services import Refusal, local_today, save_checked
from lantern.journey.models import Assessment, AssessmentFactor, Contact, Referral, Visit
from lantern.people.models import Child


@transaction.atomic
def contact_record(
    *,
    by,
    child: Child,
    received_at: datetime,
    source: str,
    decision: str = "",
    decision_at: datetime | None = None,
    summary: str = "",
    today: date | None = None,
) -> Contact:
    today = today or local_today()
    refusal = Refusal()
    refusal.not_in_future("received_at", received_at, "Date and time received", today=today)
    refusal.not_in_future("decision_at", decision_at, "Date and time of the decision", today=today)
    if decision_at is not None and decision_at < received_at:
        refusal.add("decision_at", "The decision must be made after the contact was received")
    if bool(decision) != bool(decision_at):
        refusal.add(
            "decision" if not decision else "decision_at", "Give the decision and the date and time it was made"
        )
    refusal.raise_if_any()
    contact = Contact(
        child=child, received_at=received_at, source=source, decision=decision, decision_at=decision_at, summary=summary
    )
    return save_checked(contact, by=by)


@transaction.atomic
def referral_open(
    *,
    by,
    child: Child,
    referral_date: date,
    referral_source: str,
    primary_need_code: str = "",
    contact: Contact | None = None,
    today: date | None = None,
) -> Referral:
    today = today or local_today()
    refusal = Refusal()
    refusal.not_in_future("referral_date", referral_date, "Referral date", today=today)
    if child.date_of_birth is None and child.expected_date_of_birth is not None:
        # CIN rule 8606: a referral of an unborn child comes at most 280 days before the expected birth.
        if (child.expected_date_of_birth - referral_date).days > 280:
            refusal.add("referral_date", "A referral of an unborn child must be within 280 days of the expected birth")
    elif child.date_of_birth is not None:
        refusal.not_before("referral_date", referral_date, child.date_of_birth, "Referral date", "the date of birth")
    if Referral.objects.filter(child=child, closure_date__isnull=True).exists():
        refusal.add("referral_date", "This child already has an open referral: close it before opening another")
    refusal.raise_if_any()
    referral = Referral(
        child=child,
        contact=contact,
        referral_date=referral_date,
        referral_source=referral_source,
        primary_need_code=primary_need_code,
    )
    return save_checked(referral, by=by)


@transaction.atomic
def referral_close(
    *, by, referral: Referral, closure_date: date, reason_for_closure: str, today: date | None = None
) -> Referral:
    today = today or local_today()
    refusal = Refusal()
    refusal.not_in_future("closure_date", closure_date, "Closure date", today=today)
    refusal.not_before("closure_date", closure_date, referral.referral_date, "Closure date", "the referral date")
    refusal.code("reason_for_closure", reason_for_closure, codes.REASON_FOR_CLOSURE.codes, "Reason for closure")
    if referral.assessments.filter(authorised_date__isnull=True).exists():
        refusal.add("closure_date", "Authorise or end every assessment before closing the episode")
    refusal.raise_if_any()
    referral.closure_date = closure_date
    referral.reason_for_closure = reason_for_closure
    return save_checked(referral, by=by)


@transaction.atomic
def assessment_authorise(
    *,
    by,
    assessment: Assessment,
    authorised_date: date,
    factors: Iterable[str] = (),
    requires_support: bool | None = None,
    today: date | None = None,
) -> Assessment:
    today = today or local_today()
    factors = list(dict.fromkeys(factors))
    refusal = Refusal()
    refusal.not_in_future("authorised_date", authorised_date, "Date authorised", today=today)
    refusal.not_before("authorised_date", authorised_date, assessment.start_date, "Date authorised", "the start date")
    for code in factors:
        refusal.code("factors", code, codes.ASSESSMENT_FACTOR.codes, "Assessment factor")
    refusal.raise_if_any()
    assessment.authorised_date = authorised_date
    assessment.requires_support = requires_support
    save_checked(assessment, by=by)
    AssessmentFactor.objects.filter(assessment=assessment).delete()
    AssessmentFactor.objects.bulk_create(AssessmentFactor(assessment=assessment, code=code) for code in factors)
    return assessment


@transaction.atomic
def visit_record(
    *,
    by,
    child: Child,
    kind: str,
    visit_date: date,
    seen: bool,
    seen_alone: bool,
    worker=None,
    today: date | None = None,
) -> Visit:
    today = today or local_today()
    refusal = Refusal()
    refusal.not_in_future("visit_date", visit_date, "Visit date", today=today)
    if child.date_of_birth is not None:
        refusal.not_before("visit_date", visit_date, child.date_of_birth, "Visit date", "the child's date of birth")
    if seen_alone and not seen:
        refusal.add("seen_alone", "A child seen alone must also have been seen")
    refusal.raise_if_any()
    visit = Visit(child=child, kind=kind, visit_date=visit_date, seen=seen, seen_alone=seen_alone, worker=worker)
    return save_checked(visit, by=by)
