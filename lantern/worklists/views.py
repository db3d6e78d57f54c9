"""Worklists: what is due and overdue for a worker, a team and a service, each exportable as CSV or xlsx.

Every page reads children only through `visible_children(request.user)`; administrators (who read no case
records) get 403. `?as_of=YYYY-MM-DD` evaluates the clocks on another day (default: today).
"""

from datetime import date

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from lantern.accounts.roles import Role, Scope
from lantern.core.dates import DayRefused, parse_day
from lantern.core.services import local_today
from lantern.timescales import store
from lantern.timescales.models import DriftSetting
from lantern.timescales.rules import REGISTRY, RULES
from lantern.timescales.selectors import supervision_clocks
from lantern.workforce.access import user_scope, user_worker, visible_children
from lantern.workforce.models import Worker
from lantern.workingdays.calendar import council_calendar
from lantern.worklists import selectors, stored
from lantern.worklists.exports import (
    clock_table,
    export,
    requested_format,
    service_table,
    signals_table,
    team_clocks_table,
    team_workers_table,
)
from lantern.worklists.selectors import SLUG_OF, STATUS_LABELS, STATUS_ORDER, STATUS_SLUGS, UNALLOCATED

STATUS_CHOICES = [(SLUG_OF[s], STATUS_LABELS[s]) for s in STATUS_ORDER]
RULE_CHOICES = [(rule.id, rule.name) for rule in RULES if rule.applies_to != "workforce"]


def _as_of(request: HttpRequest) -> date:
    # A page shows the day it used, so a day it cannot count to (9999-12-31) falls back to today, not an error.
    try:
        return parse_day(request.GET.get("as_of", ""), field="as_of")
    except DayRefused:
        return local_today()


def _scope(request: HttpRequest) -> Scope:
    scope = user_scope(request.user)
    if scope is Scope.NONE:
        raise PermissionDenied("Your role does not include reading children's records")
    return scope


def _rule(request: HttpRequest) -> str | None:
    rule = request.GET.get("rule", "")
    return rule if rule in REGISTRY else None


def _status(request: HttpRequest):
    return STATUS_SLUGS.get(request.GET.get("status", ""))


def _page(request: HttpRequest, items: list):
    return Paginator(items, settings.LANTERN_PAGE_SIZE).get_page(request.GET.get("page"))


def _nav(scope: Scope, current: str) -> list[dict]:
    """Links between the worklists this user may open (the site navigation holds only "My work")."""
    pages = [("my_work", "My work"), ("team", "Team")]
    if scope in (Scope.SERVICE, Scope.AUTHORITY):
        pages.append(("service", "Service"))
    return [{"url": reverse(f"worklists:{name}"), "text": text, "current": name == current} for name, text in pages]


def _kept(request: HttpRequest, *names: str) -> list[tuple[str, str]]:
    """Parameters that a filter form carries along as hidden fields (the date, a worker)."""
    return [(name, request.GET[name]) for name in names if request.GET.get(name)]


def _drill_url(request: HttpRequest, **params) -> str:
    query = {key: value for key, value in params.items() if value}
    if request.GET.get("as_of"):
        query["as_of"] = request.GET["as_of"]
    return f"{reverse('worklists:clocks')}?{urlencode(query)}"


def _context(request: HttpRequest, scope: Scope, current: str, **extra) -> dict:
    as_of = _as_of(request)
    context = {
        "nav": "work",
        "worklist_nav": _nav(scope, current),
        "as_of": as_of,
        "as_of_is_today": as_of == local_today(),
        "rule_choices": RULE_CHOICES,
        "status_choices": STATUS_CHOICES,
        "chosen_rule": request.GET.get("rule", ""),
        "chosen_status": request.GET.get("status", ""),
        "chosen_team": request.GET.get("team", ""),
        "hidden": _kept(request, "as_of", "worker"),
    }
    context.update(extra)
    return context


def _count_caption(n: int, noun: str, rest: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}, {rest}"


def _filename(stem: str, as_of: date) -> str:
    return f"{stem}-{as_of.isoformat()}"


@require_GET
@login_required
def my_work(request: HttpRequest) -> HttpResponse:
    scope = _scope(request)
    worker = user_worker(request.user)
    context = _context(request, scope, "my_work", worker=worker)
    if worker is None:
        return render(request, "worklists/my_work_no_worker.html", context)
    as_of = context["as_of"]
    children = selectors.allocated_to_worker(visible_children(request.user), worker)
    work = selectors.worklist(children, as_of=as_of, back=request.get_full_path())
    if request.user.has_role(Role.MISSING_COORDINATOR):
        work = selectors.with_missing_work(work, visible_children(request.user), back=request.get_full_path())
    items = work.filtered(rule=_rule(request), status=_status(request))
    drift = DriftSetting.current()
    names = {child.pk: child for child in work.children}
    signals = [{"signal": s, "child": names[s.child_id]} for s in work.signals(drift)]

    chosen = requested_format(request)
    if chosen and request.GET.get("table") == "signals":
        table = signals_table(signals)
        return export(
            request,
            table,
            filename=_filename("my-drift-signals", as_of),
            count=len(signals),
            what="My work",
            children=[r["child"].pk for r in signals],
        )
    if chosen:
        table = clock_table("My work", items)
        return export(
            request,
            table,
            filename=_filename("my-work", as_of),
            count=len(items),
            what="My work",
            children=[i.child.pk for i in items],
        )

    counts = {SLUG_OF[s]: sum(1 for i in work.items if i.clock.status is s) for s in STATUS_ORDER}
    context.update(
        children=work.children,
        counts=counts,
        total=len(work.items),
        page_obj=_page(request, items),
        filtered_count=len(items),
        caption=_count_caption(len(items), "clock", "overdue first"),
        signals=signals,
        signals_caption=f"{len(signals)} signal{'' if len(signals) == 1 else 's'} for the children allocated to you",
        worker_signals=selectors.worker_signals(worker, drift),
        show_status_filter=True,
        supervision=supervision_clocks(workers=[worker], as_of=as_of).get(worker.pk),
    )
    return render(request, "worklists/my_work.html", context)


def _chosen_team(request: HttpRequest, teams, *, allow_unallocated: bool = False) -> str | None:
    """The team asked for (its id as text, or UNALLOCATED), 404 when it is not one the user may see."""
    chosen = request.GET.get("team", "")
    if not chosen:
        return None
    if chosen == UNALLOCATED and allow_unallocated:
        return chosen
    if chosen.isdigit() and any(str(team.pk) == chosen for team in teams):
        return chosen
    raise Http404("No such team in your area")


@require_GET
@login_required
def team(request: HttpRequest) -> HttpResponse:
    scope = _scope(request)
    worker = user_worker(request.user)
    teams = list(selectors.visible_teams(scope, worker))
    context = _context(request, scope, "team", teams=teams)
    if not teams:
        return render(request, "worklists/team_none.html", context)
    chosen = _chosen_team(request, teams)
    if chosen is None:
        own = worker.team_id if worker is not None else None
        chosen_team = next((t for t in teams if t.pk == own), teams[0])
    else:
        chosen_team = next(t for t in teams if str(t.pk) == chosen)
    as_of = context["as_of"]
    rule = _rule(request)
    children = selectors.allocated_to_team(visible_children(request.user), chosen_team.pk)
    work = selectors.worklist(children, as_of=as_of)
    items = work.filtered(rule=rule)
    drift = DriftSetting.current()
    workers = selectors.worker_rows(chosen_team, items, as_of=as_of, settings=drift)
    rules = selectors.rule_rows(items)

    names = {child.pk: child for child in work.children}
    signals = [{"signal": s, "child": names[s.child_id]} for s in work.signals(drift)]

    if requested_format(request):
        stem = f"team-{chosen_team.pk}"
        named: list[int] = []  # the workers' and clocks' tables are counts: no child in them
        if request.GET.get("table") == "signals":
            table, name, count = signals_table(signals), "drift-signals", len(signals)
            named = [r["child"].pk for r in signals]
        elif request.GET.get("table") == "clocks":
            table, name, count = team_clocks_table(rules), "clocks", len(rules)
        else:
            table = team_workers_table(workers, caseload_threshold=drift.caseload_threshold)
            name, count = "workers", len(workers)
        return export(
            request, table, filename=_filename(f"{stem}-{name}", as_of), count=count, what="Team", children=named
        )

    team_key = str(chosen_team.pk)
    worker_rows = [
        {
            "row": r,
            "overdue_url": _drill_url(request, team=team_key, worker=r.worker.pk, rule=rule, status="overdue"),
            "due_soon_url": _drill_url(request, team=team_key, worker=r.worker.pk, rule=rule, status="due_soon"),
        }
        for r in workers
    ]
    rule_rows = [
        {
            "row": r,
            "cells": [
                (
                    r.counts[slug],
                    _drill_url(request, team=team_key, rule=r.rule_id, status=slug),
                    f"{label.lower()}, {r.name}",
                )
                for slug, label in STATUS_CHOICES
            ],
        }
        for r in rules
    ]
    context.update(
        team=chosen_team,
        chosen_team=team_key,
        worker_rows=worker_rows,
        rule_rows=rule_rows,
        threshold=drift.caseload_threshold,
        over_label=f"Above {drift.caseload_threshold}",
        children_count=len(work.children),
        signals=signals,
        all_url=_drill_url(request, team=team_key, rule=rule),
        show_team_filter=len(teams) > 1,
    )
    return render(request, "worklists/team.html", context)


@require_GET
@login_required
def service(request: HttpRequest) -> HttpResponse:
    scope = _scope(request)
    if scope is Scope.TEAM:
        raise PermissionDenied("The service view is for service managers and authority-wide roles")
    worker = user_worker(request.user)
    teams = list(selectors.visible_teams(scope, worker))
    authority = scope is Scope.AUTHORITY
    chosen = _chosen_team(request, teams, allow_unallocated=authority)
    as_of = _as_of(request)
    rule = _rule(request)
    children = visible_children(request.user)
    shown = teams
    if chosen is not None:
        children = selectors.allocated_to_team(children, chosen)
        shown = [t for t in teams if str(t.pk) == chosen]
    unallocated = authority and chosen in (None, UNALLOCATED)
    refresh = store.for_views(as_of, local_today())
    if refresh is not None:
        blocks = stored.team_blocks(shown, children, as_of=as_of, rule=rule, unallocated=unallocated)
    else:
        items = selectors.worklist(children, as_of=as_of).filtered(rule=rule)
        blocks = selectors.team_blocks(shown, items, unallocated=unallocated)

    if requested_format(request):
        table, count = service_table(blocks)
        return export(request, table, filename=_filename("service", as_of), count=count, what="Service")

    def cells(key: str, rule_id: str | None, overdue: int, due_soon: int, what: str):
        return [
            (overdue, _drill_url(request, team=key, rule=rule_id, status="overdue"), f"overdue, {what}"),
            (due_soon, _drill_url(request, team=key, rule=rule_id, status="due_soon"), f"due soon, {what}"),
        ]

    team_rows = [{"block": b, "cells": cells(b.key, rule, b.overdue, b.due_soon, b.name)} for b in blocks]
    by_rule = [
        {
            "block": b,
            "rows": [
                {
                    "name": r.name,
                    "cells": cells(b.key, r.rule_id, r.counts["overdue"], r.counts["due_soon"], f"{r.name}, {b.name}"),
                }
                for r in b.rules
            ],
        }
        for b in blocks
        if b.rules
    ]
    heading = "All services" if authority else (worker.team.service.name if worker else "Your service")
    context = _context(
        request,
        scope,
        "service",
        service_name=heading,
        teams=teams,
        allow_unallocated=authority,
        team_all_label="All teams",
        team_rows=team_rows,
        by_rule=by_rule,
        show_team_filter=True,
        refresh=refresh,
    )
    return render(request, "worklists/service.html", context)


@require_GET
@login_required
def clocks(request: HttpRequest) -> HttpResponse:
    """The drill-down: every live clock matching the filters, one row each (the counts elsewhere link here)."""
    scope = _scope(request)
    worker = user_worker(request.user)
    teams = list(selectors.visible_teams(scope, worker))
    authority = scope is Scope.AUTHORITY
    chosen = _chosen_team(request, teams, allow_unallocated=authority)
    as_of = _as_of(request)
    rule, status = _rule(request), _status(request)
    worker = request.GET.get("worker", "")
    # isdecimal and short: int() refuses "²", and the database refuses a number past 64 bits.
    worker_id = int(worker) if worker.isdecimal() and len(worker) <= 18 else None
    children = visible_children(request.user)
    if chosen is not None:
        children = selectors.allocated_to_team(children, chosen)
    refresh = store.for_views(as_of, local_today())
    if refresh is not None:
        found = stored.open_clocks(children, as_of=as_of, rule=rule, status=status, worker_id=worker_id)
        calendar = council_calendar()
        if requested_format(request):
            count = found.count()
            table = clock_table("Clocks", stored.all_work_items(found, as_of=as_of, calendar=calendar))
            named = found.order_by().values_list("child_id", flat=True).distinct()
            return export(
                request, table, filename=_filename("clocks", as_of), count=count, what="Clocks", children=named
            )
        page_obj = _page(request, found.select_related("child"))
        page_obj.object_list = stored.work_items(
            page_obj.object_list, as_of=as_of, calendar=calendar, back=request.get_full_path()
        )
        total = page_obj.paginator.count
        holder = Worker.objects.filter(pk=worker_id).first() if worker_id is not None else None
    else:
        work = selectors.worklist(children, as_of=as_of, back=request.get_full_path())
        items = work.filtered(rule=rule, status=status, worker_id=worker_id)
        if requested_format(request):
            return export(
                request,
                clock_table("Clocks", items),
                filename=_filename("clocks", as_of),
                count=len(items),
                what="Clocks",
                children=[i.child.pk for i in items],
            )
        page_obj = _page(request, items)
        total = len(items)
        holder = next((a.worker for item in work.items for a in item.allocations if a.worker_id == worker_id), None)

    described = []
    if status is not None:
        described.append(STATUS_LABELS[status].lower())
    if rule is not None:
        described.append(REGISTRY[rule].name)
    if chosen == UNALLOCATED:
        described.append("children not allocated")
    elif chosen is not None:
        described.append(next(t.name for t in teams if str(t.pk) == chosen))
    if worker_id is not None:
        described.append(f"allocated to {holder.full_name}" if holder else "allocated to the chosen worker")
    context = _context(
        request,
        scope,
        "clocks",
        teams=teams,
        allow_unallocated=authority,
        team_all_label="All teams",
        described=described,
        caption=_count_caption(total, "clock", "overdue first"),
        page_obj=page_obj,
        filtered_count=total,
        refresh=refresh,
        show_team_filter=len(teams) > 1 or authority,
        show_status_filter=True,
        show_worker=True,
    )
    return render(request, "worklists/clocks.html", context)
