"""Pages that record a child going missing, their return, the return home interview, an exploitation screening
and a safety plan, through the missing services. The missing coordinator records here, and nowhere else."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_http_methods

from lantern.accounts.roles import Role
from lantern.core import codes
from lantern.core.dates import moment_label
from lantern.missing import services
from lantern.missing.forms import MissingReportForm, ReturnForm, ReturnInterviewForm, SafetyPlanForm, ScreeningForm
from lantern.missing.models import ExploitationScreening, MissingEpisode, SafetyPlan
from lantern.pages.recording import on, recording_page
from lantern.workforce.access import child_or_404

MISSING_WORK = (Role.MISSING_COORDINATOR,)


def _rows(episode: MissingEpisode) -> list[tuple[str, str]]:
    rows = [
        ("Kind", codes.MISSING_TYPE.label(episode.kind)),
        ("Missing from", moment_label(episode.started_at)),
    ]
    if episode.missing_from:
        rows.append(("Where from", episode.get_missing_from_display()))
    if episode.returned_at:
        rows.append(("Returned", moment_label(episode.returned_at)))
    return rows


@login_required
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, la_child_id: str) -> HttpResponse:
    child = child_or_404(request.user, la_child_id)

    def save(data: dict) -> str:
        services.missing_episode_record(
            by=request.user,
            child=child,
            kind=data["kind"],
            missing_from=data["missing_from"],
            started_at=data["started_at"],
        )
        return "Missing episode reported: the child is on the missing now list until their return is recorded"

    last = MissingEpisode.objects.filter(child=child).order_by("-started_at").first()
    rows = [("Last missing", moment_label(last.started_at) if last else "Never reported missing")]
    return recording_page(
        request,
        child=child,
        form_class=MissingReportForm,
        template="missing/report.html",
        title="Report the child missing",
        save=save,
        context={"rows": rows},
        also=MISSING_WORK,
    )


@login_required
@require_http_methods(["GET", "POST"])
def missing_return(request: HttpRequest, pk: int) -> HttpResponse:
    episode = get_object_or_404(MissingEpisode.objects.select_related("child"), pk=pk)

    def save(data: dict) -> str:
        services.missing_episode_return(by=request.user, episode=episode, returned_at=data["returned_at"])
        return "Return recorded"

    return recording_page(
        request,
        child=episode.child,
        form_class=ReturnForm,
        template="missing/return.html",
        title="Record the child’s return",
        save=save,
        context={"rows": _rows(episode)},
        edits=episode,
        also=MISSING_WORK,
    )


@login_required
@require_http_methods(["GET", "POST"])
def return_interview(request: HttpRequest, pk: int) -> HttpResponse:
    episode = get_object_or_404(MissingEpisode.objects.select_related("child"), pk=pk)

    def save(data: dict) -> str:
        services.return_interview_record(
            by=request.user,
            episode=episode,
            offered=data["offered"],
            accepted=data["accepted"],
            held_at=data["held_at"],
            declined_at=data["declined_at"],
        )
        return "Return home interview recorded"

    return recording_page(
        request,
        child=episode.child,
        form_class=ReturnInterviewForm,
        template="missing/return_interview.html",
        title="Record the return home interview",
        save=save,
        context={"rows": _rows(episode)},
        edits=episode,
        also=MISSING_WORK,
    )


@login_required
@require_http_methods(["GET", "POST"])
def screening(request: HttpRequest, la_child_id: str) -> HttpResponse:
    child = child_or_404(request.user, la_child_id)

    def save(data: dict) -> str:
        services.exploitation_screening_record(
            by=request.user,
            child=child,
            screened_on=data["screened_on"],
            kinds=data["kinds"],
            level=data["level"],
            review_on=data["review_on"],
        )
        return "Exploitation screening recorded"

    last = ExploitationScreening.objects.filter(child=child).order_by("-screened_on").first()
    rows = [("Last screening", f"{on(last.screened_on)}: {last.get_level_display()}" if last else "None recorded")]
    return recording_page(
        request,
        child=child,
        form_class=ScreeningForm,
        template="missing/screening.html",
        title="Record an exploitation risk screening",
        save=save,
        context={"rows": rows},
        also=MISSING_WORK,
    )


@login_required
@require_http_methods(["GET", "POST"])
def safety_plan(request: HttpRequest, la_child_id: str) -> HttpResponse:
    child = child_or_404(request.user, la_child_id)

    def save(data: dict) -> str:
        services.safety_plan_record(
            by=request.user,
            child=child,
            made_on=data["made_on"],
            people_involved=data["people_involved"],
            places=data["places"],
            actions=data["actions"],
            review_on=data["review_on"],
        )
        return "Safety plan recorded"

    last = SafetyPlan.objects.filter(child=child).order_by("-made_on").first()
    initial = None
    rows = [("Current plan", f"Made {on(last.made_on)}, review by {on(last.review_on)}" if last else "None")]
    if last is not None:
        # A review is the plan written again: start from what it says now.
        initial = {"people_involved": last.people_involved, "places": last.places, "actions": last.actions}
    return recording_page(
        request,
        child=child,
        form_class=SafetyPlanForm,
        template="missing/safety_plan.html",
        title="Record a safety plan" if last is None else "Review the safety plan",
        save=save,
        initial=initial,
        context={"rows": rows},
        also=MISSING_WORK,
    )
