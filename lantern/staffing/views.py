"""The workforce pages: the establishment, turnover and caseloads per team and for the service, supervision due,
recording a supervision, and the DfE workforce census export."""

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from lantern.accounts.roles import Role, Scope
from lantern.core.services import local_today
from lantern.pages.recording import show_refusal
from lantern.staffing import selectors
from lantern.staffing.forms import CHILD_SLOTS, SupervisionForm
from lantern.workforce import services
from lantern.workforce.access import can_record, user_scope, user_worker
from lantern.workforce.models import Team, Worker, WorkerRole
from lantern.worklists.exports import Table, csv_response, xlsx_response

READERS = (Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.DIRECTOR, Role.QA, Role.ANALYST)
SUPERVISORS = (Role.TEAM_MANAGER, Role.SERVICE_MANAGER)


def _teams(request: HttpRequest) -> list[Team]:
    """The teams this user may see the workforce of: a team manager's own, a service manager's service's, all of
    them for the director, QA and analysts."""
    user = request.user
    if not user.has_role(*READERS):
        raise PermissionDenied("The workforce pages are for managers, QA, analysts and the director")
    teams = Team.objects.select_related("service").order_by("name")
    if user.has_role(Role.DIRECTOR, Role.QA, Role.ANALYST) or user_scope(user) is Scope.AUTHORITY:
        return list(teams)
    worker = user_worker(user)
    if worker is None:
        return []
    if user.has_role(Role.SERVICE_MANAGER):
        return list(teams.filter(service_id=worker.team.service_id))
    return list(teams.filter(pk=worker.team_id))


def _can_supervise(request: HttpRequest) -> bool:
    return can_record(request.user) and request.user.has_role(*SUPERVISORS)


@require_GET
@login_required
def workforce(request: HttpRequest) -> HttpResponse:
    teams = _teams(request)
    as_of = local_today()
    year_ago = as_of - timedelta(days=365)
    chosen = None
    if request.GET.get("team"):
        chosen = next((t for t in teams if str(t.pk) == request.GET["team"]), None)
        if chosen is None:
            raise Http404("No such team in your area")
    elif len(teams) == 1:
        chosen = teams[0]
    shown = [chosen] if chosen else teams
    shown_ids = [t.pk for t in shown]
    establishment = selectors.establishments(teams)
    rows = []
    all_loads = selectors.worker_loads([t.pk for t in teams], as_of=as_of)
    for team in teams:
        loads = [load for load in all_loads if load.worker.team_id == team.pk]
        rows.append(
            {
                "team": team,
                "e": establishment[team.pk],
                "turnover": selectors.turnover([team.pk], start=year_ago, end=as_of),
                "caseload": selectors.distribution(loads),
            }
        )
    loads = [load for load in all_loads if load.worker.team_id in shown_ids]
    context = {
        "title": f"Workforce: {chosen.name}" if chosen else "Workforce",
        "nav": "workforce",
        "as_of": as_of,
        "teams": teams,
        "chosen": chosen,
        "rows": rows,
        "whole": selectors.total(establishment[t.pk] for t in shown),
        "turnover": selectors.turnover(shown_ids, start=year_ago, end=as_of),
        "caseload": selectors.distribution(loads),
        "loads": loads,
        "due": selectors.supervision_due(loads),
        "posts": selectors.team_posts(chosen) if chosen else [],
        "can_supervise": _can_supervise(request),
        "census_year": selectors.census_year_end(as_of).year,
    }
    return render(request, "staffing/workforce.html", context)


@require_GET
@login_required
def census(request: HttpRequest) -> HttpResponse:
    """The DfE workforce census figures for the year to 30 September, for the whole authority (the census's unit)."""
    if not request.user.has_role(Role.DIRECTOR, Role.QA, Role.ANALYST, Role.SERVICE_MANAGER, Role.TEAM_MANAGER):
        raise PermissionDenied("The census export is for managers, QA, analysts and the director")
    latest = selectors.census_year_end(local_today())
    year = request.GET.get("year", "")
    year_end = date(int(year), 9, 30) if year.isdigit() and 2000 <= int(year) <= latest.year else latest
    rows = selectors.census(year_end=year_end)
    fmt = request.GET.get("format", "")
    if fmt in ("csv", "xlsx"):
        table = Table("Workforce census", ["Figure", "Value"], ([name, value] for name, value in rows))
        filename = f"workforce-census-{year_end.year}"
        return csv_response(table, filename) if fmt == "csv" else xlsx_response(table, filename)
    context = {"title": f"Workforce census {year_end.year}", "nav": "workforce", "rows": rows, "year": year_end.year}
    return render(request, "staffing/census.html", context)


def _discussed(form: SupervisionForm) -> list[services.Discussed]:
    data = form.cleaned_data
    found = []
    for n in range(1, CHILD_SLOTS + 1):
        child = form.children.get(data.get(f"child_{n}") or "")
        if child is None:
            continue
        actions = []
        if data.get(f"child_{n}_action"):
            actions.append(
                services.ActionSet(
                    data[f"child_{n}_action"],
                    form.staff.get(data.get(f"child_{n}_action_owner") or ""),
                    data.get(f"child_{n}_action_due_date"),
                )
            )
        found.append(
            services.Discussed(
                child, data.get(f"child_{n}_decision", ""), data.get(f"child_{n}_reflection", ""), actions
            )
        )
    return found


@require_http_methods(["GET", "POST"])
@login_required
def supervision_new(request: HttpRequest, worker_id: int) -> HttpResponse:
    teams = _teams(request)  # a role that reads no workforce is refused (403), as a read-only role is below
    worker = get_object_or_404(Worker.objects.select_related("team"), pk=worker_id, team__in=teams)
    if not _can_supervise(request):
        return render(request, "staffing/cannot_supervise.html", {"worker": worker, "nav": "workforce"}, status=403)
    me = user_worker(request.user)
    staff = [
        w
        for w in selectors.in_post(Worker.objects.filter(team_id__in=[t.pk for t in teams]), local_today())
        if w.role != WorkerRole.FAMILY_SUPPORT or w.pk == worker.pk
    ]
    kwargs = {"children": selectors.children_by_worker(worker), "staff": staff}
    if request.method == "POST":
        form = SupervisionForm(request.POST, **kwargs)
        if form.is_valid():
            try:
                services.supervision_record(
                    by=request.user,
                    worker=worker,
                    supervisor=form.staff.get(form.cleaned_data["supervisor"]),
                    held_on=form.cleaned_data["held_on"],
                    discussed=_discussed(form),
                )
            except ValidationError as refusal:
                show_refusal(form, refusal)
            else:
                messages.success(request, f"Supervision of {worker.full_name} recorded")
                return redirect(f"{reverse('staffing:workforce')}?team={worker.team_id}")
    else:
        form = SupervisionForm(initial={"supervisor": str(me.pk) if me else ""}, **kwargs)
    context = {
        "form": form,
        "worker": worker,
        "title": f"Record supervision of {worker.full_name}",
        "nav": "workforce",
        "non_field_href": "#id_held_on-day",
    }
    return render(request, "staffing/supervision.html", context)
