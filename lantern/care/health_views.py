"""Recording pages for a looked-after child's health and education, and the IRO's contact: each calls one
service and stops its clock (health assessments, dental checks, PEPs; the OC2 SDQ and immunisations)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_http_methods

from lantern.care import forms, health, services
from lantern.care.models import CarePeriod, HealthAssessmentKind
from lantern.pages.recording import on, recording_page
from lantern.people.models import Child
from lantern.workforce.access import child_or_404


def care_rows(child: Child, last: tuple[str, object] | None = None) -> list[tuple[str, str]]:
    """The period of care the form's date must fall in, and when this was last recorded."""
    period = CarePeriod.objects.filter(child=child).order_by("-start_date").first()
    if period is None:
        return [("Looked after", "No period of care recorded")]
    rows = [("Looked after since", on(period.start_date))]
    if period.end_date:
        rows.append(("Stopped being looked after", on(period.end_date)))
    if last is not None:
        label, day = last
        rows.append((label, on(day) if day else "None recorded"))
    return rows


def _latest(queryset, field: str):
    return queryset.order_by(f"-{field}").values_list(field, flat=True).first()


@login_required
@require_http_methods(["GET", "POST"])
def health_assessment(request: HttpRequest, la_child_id: str) -> HttpResponse:
    child = child_or_404(request.user, la_child_id)

    def save(data: dict) -> str:
        health.health_assessment_record(
            by=request.user, child=child, kind=data["kind"], assessment_date=data["assessment_date"]
        )
        return "Health assessment recorded"

    # My work's link says which clock is running (?kind=initial or review): the form starts on that answer.
    kind = request.GET.get("kind", "")
    return recording_page(
        request,
        child=child,
        form_class=forms.HealthAssessmentForm,
        template="care/health_assessment.html",
        title="Record a health assessment",
        save=save,
        initial={"kind": kind} if kind in HealthAssessmentKind.values else None,
        context={
            "rows": care_rows(child, ("Last health assessment", _latest(child.health_assessments, "assessment_date")))
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def dental_check(request: HttpRequest, la_child_id: str) -> HttpResponse:
    child = child_or_404(request.user, la_child_id)

    def save(data: dict) -> str:
        health.dental_check_record(by=request.user, child=child, check_date=data["check_date"])
        return "Dental check recorded"

    return recording_page(
        request,
        child=child,
        form_class=forms.DentalCheckForm,
        template="care/dental_check.html",
        title="Record a dental check",
        save=save,
        context={"rows": care_rows(child, ("Last dental check", _latest(child.dental_checks, "check_date")))},
    )


@login_required
@require_http_methods(["GET", "POST"])
def immunisation_check(request: HttpRequest, la_child_id: str) -> HttpResponse:
    child = child_or_404(request.user, la_child_id)

    def save(data: dict) -> str:
        services.immunisation_check_record(
            by=request.user, child=child, checked_on=data["checked_on"], up_to_date=data["up_to_date"]
        )
        return "Immunisation check recorded"

    return recording_page(
        request,
        child=child,
        form_class=forms.ImmunisationCheckForm,
        template="care/immunisation_check.html",
        title="Record an immunisation check",
        save=save,
        context={"rows": care_rows(child, ("Last checked", _latest(child.immunisation_checks, "checked_on")))},
    )


@login_required
@require_http_methods(["GET", "POST"])
def sdq(request: HttpRequest, la_child_id: str) -> HttpResponse:
    child = child_or_404(request.user, la_child_id)

    def save(data: dict) -> str:
        services.sdq_record(
            by=request.user,
            child=child,
            completed_on=data["completed_on"],
            score=data["score"],
            reason_no_score=data["reason_no_score"],
        )
        return "Strengths and Difficulties Questionnaire recorded"

    return recording_page(
        request,
        child=child,
        form_class=forms.SDQForm,
        template="care/sdq.html",
        title="Record a Strengths and Difficulties Questionnaire",
        save=save,
        context={"rows": care_rows(child, ("Last SDQ", _latest(child.sdq_scores, "completed_on")))},
    )


@login_required
@require_http_methods(["GET", "POST"])
def pep(request: HttpRequest, la_child_id: str) -> HttpResponse:
    child = child_or_404(request.user, la_child_id)

    def save(data: dict) -> str:
        health.pep_record(by=request.user, child=child, plan_date=data["plan_date"])
        return "Personal education plan recorded"

    return recording_page(
        request,
        child=child,
        form_class=forms.PEPForm,
        template="care/pep.html",
        title="Record a personal education plan",
        save=save,
        context={"rows": care_rows(child, ("Last PEP", _latest(child.education_plans, "plan_date")))},
    )


@login_required
@require_http_methods(["GET", "POST"])
def iro_contact(request: HttpRequest, la_child_id: str) -> HttpResponse:
    child = child_or_404(request.user, la_child_id)

    def save(data: dict) -> str:
        health.iro_contact_record(
            by=request.user,
            child=child,
            contact_date=data["contact_date"],
            method=data["method"],
            summary=data["summary"],
        )
        return "IRO contact recorded"

    return recording_page(
        request,
        child=child,
        form_class=forms.IROContactForm,
        template="care/iro_contact.html",
        title="Record the IRO’s contact with the child",
        save=save,
        context={"rows": care_rows(child, ("Last IRO contact", _latest(child.iro_contacts, "contact_date")))},
    )
