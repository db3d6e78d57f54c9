"""The missing pages for a whole authority or team: who is missing now, and who keeps going missing.

Both read children only through `visible_children(request.user)`, and list teams within the user's scope; roles
that read no records (administrators, the data protection officer) get 403. `?team=` narrows to one team.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from lantern.accounts.roles import Scope
from lantern.core.services import local_today
from lantern.missing import selectors
from lantern.missing.views import MISSING_WORK
from lantern.workforce.access import can_record, user_scope, user_worker, visible_children


def _children_and_teams(request: HttpRequest):
    scope = user_scope(request.user)
    if scope is Scope.NONE:
        raise PermissionDenied("Your role does not include reading children's records")
    teams = list(selectors.visible_teams(scope, user_worker(request.user)))
    children = visible_children(request.user)
    chosen = request.GET.get("team", "")
    team = None
    if chosen:
        team = next((t for t in teams if str(t.pk) == chosen), None)
        if team is None:
            raise Http404("No such team in your area")
        children = selectors.in_team(children, team.pk)
    return children, teams, team, scope


def _area(team, scope: Scope) -> str:
    if team is not None:
        return team.name
    return {Scope.AUTHORITY: "The authority", Scope.SERVICE: "Your service"}.get(scope, "Your team")


@require_GET
@login_required
def missing_now(request: HttpRequest) -> HttpResponse:
    children, teams, team, scope = _children_and_teams(request)
    rows = selectors.missing_now(children, now=timezone.now())
    return render(
        request,
        "missing/now.html",
        {
            "nav": "",
            "rows": rows,
            "teams": teams,
            "team": team,
            "area": _area(team, scope),
            "can_record": can_record(request.user) or request.user.has_role(*MISSING_WORK),
        },
    )


@require_GET
@login_required
def repeat_missing(request: HttpRequest) -> HttpResponse:
    children, teams, team, scope = _children_and_teams(request)
    rows = selectors.repeat_missing(children, as_of=local_today(), now=timezone.now())
    return render(
        request,
        "missing/repeated.html",
        {
            "nav": "",
            "rows": rows,
            "teams": teams,
            "team": team,
            "area": _area(team, scope),
            "threshold": selectors.REPEAT_EPISODES,
            "window": selectors.REPEAT_WINDOW_DAYS,
        },
    )
