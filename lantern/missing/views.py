"""Pages that record a missing child's return and the return home interview, through the missing services."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_http_methods

from lantern.core import codes
from lantern.core.dates import moment_label
from lantern.missing import services
from lantern.missing.forms import ReturnForm, ReturnInterviewForm
from lantern.missing.models import MissingEpisode
from lantern.pages.recording import recording_page


def _rows(episode: MissingEpisode) -> list[tuple[str, str]]:
    rows = [
        ("Kind", codes.MISSING_TYPE.label(episode.kind)),
        ("Missing from", moment_label(episode.started_at)),
    ]
    if episode.returned_at:
        rows.append(("Returned", moment_label(episode.returned_at)))
    return rows


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
    )
