"""The health, education, IRO and permanence events of a looked-after child, for the record's chronology (one
query per kind of record): (date, kind, title, detail)."""

from datetime import date

from lantern.care.models import (
    AdoptionDecision,
    DentalCheck,
    HealthAssessment,
    ImmunisationCheck,
    IROContact,
    PermanencePlan,
    PersonalEducationPlan,
    StrengthsAndDifficulties,
)
from lantern.core import codes
from lantern.people.models import Child

CareEvent = tuple[date, str, str, str]


def care_events(child: Child) -> list[CareEvent]:
    events: list[CareEvent] = []
    add = events.append
    for assessment in HealthAssessment.objects.filter(child=child):
        add((assessment.assessment_date, "Health", assessment.get_kind_display(), ""))
    for check in DentalCheck.objects.filter(child=child):
        add((check.check_date, "Health", "Dental check", ""))
    for check in ImmunisationCheck.objects.filter(child=child):
        add(
            (
                check.checked_on,
                "Health",
                "Immunisations checked",
                "Up to date" if check.up_to_date else "Not up to date",
            )
        )
    for sdq in StrengthsAndDifficulties.objects.filter(child=child):
        detail = f"Score {sdq.score}" if sdq.score is not None else codes.SDQ_REASON.label(sdq.reason_no_score)
        add((sdq.completed_on, "Health", "Strengths and Difficulties Questionnaire", detail))
    for plan in PersonalEducationPlan.objects.filter(child=child):
        add((plan.plan_date, "Education", "Personal education plan meeting", ""))
    for contact in IROContact.objects.filter(child=child):
        add((contact.contact_date, "Child in care", "IRO contact with the child", contact.get_method_display()))
    for plan in PermanencePlan.objects.filter(child=child):
        add((plan.decided_on, "Permanence", "Permanence plan", codes.PERMANENCE_PLAN.label(plan.plan)))
    for decision in AdoptionDecision.objects.filter(child=child).select_related("adopters"):
        add((decision.decided_on, "Permanence", "Decision that the child should be placed for adoption", ""))
        if decision.placement_order_applied_on:
            add((decision.placement_order_applied_on, "Permanence", "Placement order applied for", ""))
        if decision.placement_order_on:
            add((decision.placement_order_on, "Permanence", "Placement order made", ""))
        if decision.matched_on:
            add((decision.matched_on, "Permanence", "Matched with adopters", decision.adopters.reference))
        if decision.reversed_on:
            reason = codes.REASON_PLACED_CEASED.label(decision.reversed_reason)
            add((decision.reversed_on, "Permanence", "Should no longer be placed for adoption", reason))
    return events
