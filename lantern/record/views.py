"""Pages that show the whole child: home, search and the child's record. Views stay thin."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from lantern.accounts.models import AccessEvent
from lantern.accounts.roles import Role, Scope
from lantern.accounts.services import access_record
from lantern.care.selectors import record_section
from lantern.core.services import local_today
from lantern.liberty.models import DeprivationOfLibertyOrder
from lantern.liberty.selectors import placement_conflicts
from lantern.pages import viewing
from lantern.people.models import Child, RestrictedAccess
from lantern.record import history, selectors
from lantern.record.actions import may_act, record_actions
from lantern.sharing.models import SharingDecision
from lantern.timescales.clocks import Status
from lantern.timescales.selectors import child_timescales
from lantern.workforce.access import scope_phrase, user_scope, user_worker, visible_children
from lantern.workforce.models import Allocation
from lantern.worklists.links import action_for

HOME_HEADINGS = {
    Scope.TEAM: "My team's children",
    Scope.SERVICE: "Children in my service",
    Scope.AUTHORITY: "Children across the authority",
}


def _page(request: HttpRequest, items):
    paginator = Paginator(items, settings.LANTERN_PAGE_SIZE)
    return paginator.get_page(request.GET.get("page"))


def _rows(children) -> list[dict]:
    return [
        {
            "child": child,
            "status": selectors.status_labels(child),
            "social_worker": selectors.allocated(child),
        }
        for child in children
    ]


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    scope = user_scope(request.user)
    worker = user_worker(request.user)
    context = {"scope": scope.value, "worker": worker, "nav": "home"}
    if scope is Scope.NONE:
        return render(request, "record/home_no_records.html", context)
    mine = request.GET.get("show") != "team" and worker is not None and scope is Scope.TEAM
    children = visible_children(request.user)
    if mine:
        children = children.filter(allocations__worker=worker, allocations__end_date__isnull=True).distinct()
        heading = "My children"
    else:
        heading = HOME_HEADINGS[scope]
    page = _page(request, selectors.with_status(children).order_by("last_name", "first_name", "la_child_id"))
    context.update(
        heading=heading,
        mine=mine,
        can_show_team=worker is not None and scope is Scope.TEAM,
        page_obj=page,
        rows=_rows(page.object_list),
    )
    from lantern.workforce.access import can_record

    if scope is Scope.AUTHORITY and not can_record(request.user):
        # The read-only roles (QA, analysts, the director, inspectors) land on their first questions (issue 19).
        from lantern.performance.selectors import first_questions

        context.update(questions=first_questions(local_today(), children), questions_as_of=local_today())
        return render(request, "performance/home.html", context)
    return render(request, "record/home.html", context)


@require_GET
@login_required
def search(request: HttpRequest) -> HttpResponse:
    if user_scope(request.user) is Scope.NONE:
        raise Http404
    # A NUL character cannot be in a PostgreSQL query's text; nobody types one.
    query = request.GET.get("q", "").replace("\x00", "").strip()[:100]
    context: dict = {"query": query, "searched": bool(query), "nav": "search"}
    if query:
        found = selectors.search_children(visible_children(request.user), query)
        page = _page(request, selectors.with_status(found).order_by("last_name", "first_name", "la_child_id"))
        context.update(page_obj=page, rows=_rows(page.object_list))
        # The words searched may be a child's name, so the log keeps the count, never the query.
        access_record(request, action=AccessEvent.Action.SEARCH, detail=f"{page.paginator.count} children found")
    return render(request, "record/search.html", context)


# The data quality team: who finds and fills in the consistent identifier (the NHS number).
DATA_QUALITY_ROLES = (Role.ANALYST, Role.QA, Role.DIRECTOR)


@require_GET
@login_required
def without_nhs_number(request: HttpRequest) -> HttpResponse:
    """Children in the viewer's records with no NHS number: the consistent identifier of the 2026 Act."""
    if not request.user.has_role(*DATA_QUALITY_ROLES):
        raise PermissionDenied("The data quality lists are for analysts, QA and the director")
    children = selectors.with_status(visible_children(request.user).filter(nhs_number=""))
    children = children.order_by("last_name", "first_name", "pk")
    page = _page(request, children)
    total = page.paginator.count
    return render(
        request,
        "record/without_nhs_number.html",
        {
            "nav": "search",
            "page_obj": page,
            "rows": _rows(page.object_list),
            "caption": f"{total:,} {'child' if total == 1 else 'children'} without an NHS number, by name",
        },
    )


@require_GET
@login_required
def child_record(request: HttpRequest, la_child_id: str) -> HttpResponse:
    # A record outside the user's scope is "not found", so that its existence is not disclosed.
    child = visible_children(request.user).filter(la_child_id=la_child_id).first()
    if child is None:
        raise Http404("No child with that ID in your records")
    if viewing.reason_needed(request, child):
        return viewing.ask_reason(request, child)
    viewing.child_shown(request, child)
    context = selectors.child_record(child)
    events = selectors.chronology(child)
    kinds = sorted({event.kind for event in events})
    chosen = request.GET.get("kind", "")
    if chosen in kinds:
        events = [event for event in events if event.kind == chosen]
    # Newest first unless asked otherwise: what happened last is what the reader needs first.
    newest_first = request.GET.get("order") != "oldest"
    if newest_first:
        events.reverse()
    today = local_today()
    clocks = child_timescales(child=child, as_of=today)
    live = sorted((c for c in clocks if c.live and c.is_open), key=lambda c: (c.status != Status.OVERDUE, c.due_date))
    history = sorted((c for c in clocks if not (c.live and c.is_open)), key=lambda c: c.due_date, reverse=True)
    here = request.get_full_path()
    status = context["status"]
    actions = record_actions(request.user, child, in_care="Looked after" in status, care_leaver="Care leaver" in status)
    # A clock's form is offered only to those who may use it: none to a read-only role, oversight to managers.
    live_rows = [
        (clock, action_for(clock, child.la_child_id, back=here) if may_act(request.user, clock, actions) else None)
        for clock in live
    ]
    context.update(
        live_rows=live_rows,
        due_next=live_rows[0] if live_rows else None,
        actions=actions,
        live_clocks=live,
        clock_history=history,
        events=events,
        kinds=kinds,
        chosen_kind=chosen,
        newest_first=newest_first,
        allocation_roles=Allocation.Role,
        age=child.age_on(local_today()),
        can_read_access_log=request.user.has_role(*ACCESS_LOG_ROLES),
        **record_section(child, request.user),
        liberty_orders=list(DeprivationOfLibertyOrder.objects.filter(child=child)),
        liberty_conflicts=placement_conflicts([child.pk]).get(child.pk, []),
        sharing_decisions=list(SharingDecision.objects.filter(child=child)),
    )
    return render(request, "record/child.html", context)


REASONS = [
    ("audit", "Case audit or quality assurance"),
    ("performance", "Checking performance or data quality"),
    ("inspection", "Inspection or regulatory sampling"),
    ("management", "Management oversight or a complaint"),
    ("safeguarding", "A new safeguarding concern about this child"),
    ("other", "Another reason"),
]


@require_http_methods(["GET", "POST"])
@login_required
def child_reason(request: HttpRequest, la_child_id: str) -> HttpResponse:
    child = visible_children(request.user).filter(la_child_id=la_child_id).first()
    if child is None:
        raise Http404("No child with that ID in your records")
    # Back to the page that asked (the record, a recording form), once the reason is given.
    back = viewing.safe_next(request, reverse("child", args=[child.la_child_id]))
    errors: dict[str, str] = {}
    chosen = request.POST.get("reason", "")
    other = request.POST.get("other", "").replace("\x00", "").strip()[:150]  # no NUL: PostgreSQL refuses it
    if request.method == "POST":
        labels = dict(REASONS)
        if chosen not in labels:
            errors["reason"] = "Select why you are opening this record"
        elif chosen == "other" and not other:
            errors["other"] = "Enter the reason you are opening this record"
        if not errors:
            viewing.reason_given(request, child, reason=labels[chosen] + (f": {other}" if chosen == "other" else ""))
            return redirect(back)
    context = {"child": child, "reasons": REASONS, "errors": errors, "chosen": chosen, "other": other, "next": back}
    return render(request, "record/reason.html", context, status=400 if errors else 200)


ACCESS_LOG_ROLES = (Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.DIRECTOR, Role.DATA_PROTECTION)


@require_GET
@login_required
def child_access_log(request: HttpRequest, la_child_id: str) -> HttpResponse:
    """Who opened this child's record, searched for or exported it: for managers and the data protection officer."""
    if not request.user.has_role(*ACCESS_LOG_ROLES):
        raise PermissionDenied("Only managers and the data protection officer can read the access log")
    if request.user.has_role(Role.DATA_PROTECTION):
        # The DPO audits every record, restricted ones included, without reading their contents.
        child = Child.objects.filter(la_child_id=la_child_id).first()
    else:
        child = visible_children(request.user).filter(la_child_id=la_child_id).first()
    if child is None:
        raise Http404("No child with that ID in your records")
    # Refused requests for this child's pages (a 404 to someone outside its access) are named only by their path.
    pages = [f"{prefix}{child.la_child_id}/" for prefix in ("/children/", "/api/children/")]
    refused = Q(action=AccessEvent.Action.REFUSED) & (Q(path__startswith=pages[0]) | Q(path__startswith=pages[1]))
    events = AccessEvent.objects.filter(
        Q(object_type="people.child", object_id=str(child.pk)) | refused
    ).select_related("user")
    page = _page(request, events.order_by("-at"))
    context = {"child": child, "page_obj": page, "events": page.object_list}
    # The access log is where the data protection officer starts a subject access request for the child (the
    # template asks subject access whether to offer it); both that and the change history show what the record
    # says, so a restricted record offers them to named users only.
    context["can_read_history"] = _audited_child(request.user, child.la_child_id) is not None
    return render(request, "record/access_log.html", context)


def _audited_child(user, la_child_id: str) -> Child | None:
    """The child whose changes this manager or data protection officer may read, or None (shown as not found).

    Unlike the access log, the change history shows what a record says, so a restricted record's history is
    open only to the users named on it, the data protection officer included.
    """
    if user.has_role(Role.DATA_PROTECTION):
        named = RestrictedAccess.objects.filter(child=OuterRef("pk"), user_id=user.pk)
        children = Child.objects.exclude(Q(is_restricted=True) & ~Exists(named))
    else:
        children = visible_children(user)
    return children.filter(la_child_id=la_child_id).first()


@require_GET
@login_required
def child_history(request: HttpRequest, la_child_id: str) -> HttpResponse:
    """Who changed which field of the child's records, from what to what, and when: newest first."""
    if not request.user.has_role(*ACCESS_LOG_ROLES):
        raise PermissionDenied("Only managers and the data protection officer can read the change history")
    child = _audited_child(request.user, la_child_id)
    if child is None:
        raise Http404("No child with that ID in your records")
    types = history.record_types()
    chosen = request.GET.get("type", "")
    if chosen not in types:
        chosen = ""
    page = _page(request, history.child_history(child, record_type=chosen))
    access_record(
        request,
        action=AccessEvent.Action.VIEW,
        obj=child,
        detail="Change history" + (f" of {history.type_label(types[chosen]).lower()} records" if chosen else ""),
    )
    context = {
        "child": child,
        "page_obj": page,
        "changes": history.describe(page.object_list),
        "types": [(key, history.type_label(model)) for key, model in types.items()],
        "chosen_type": chosen,
    }
    return render(request, "record/history.html", context)


@require_GET
@login_required
def audit_find(request: HttpRequest) -> HttpResponse:
    """Find a child's access log by LA child ID: how the data protection officer, who has no lists of children,
    reaches a child's access log, change history and subject access file."""
    if not request.user.has_role(*ACCESS_LOG_ROLES):
        raise PermissionDenied("Only managers and the data protection officer can read the access log")
    la_child_id = request.GET.get("la_child_id", "").strip()[:20]
    error = ""
    if "la_child_id" in request.GET:
        if not la_child_id:
            error = "Enter the child's LA child ID"
        else:
            # As on the access log: the DPO audits every record; a manager only those in their scope.
            dpo = request.user.has_role(Role.DATA_PROTECTION)
            children = Child.objects.all() if dpo else visible_children(request.user)
            found = children.filter(la_child_id__iexact=la_child_id).first()
            if found is None:
                where = "" if dpo else f" {scope_phrase(request.user)}"
                error = f"No child with that LA child ID{where}: check it and try again"
            else:
                return redirect(reverse("child_access_log", args=[found.la_child_id]))
    context = {"la_child_id": la_child_id, "error": error}
    return render(request, "record/audit_find.html", context, status=400 if error else 200)


SECURITY_EVENT_ROLES = (Role.DATA_PROTECTION, Role.ADMINISTRATOR)


@require_GET
@login_required
def refused_requests(request: HttpRequest) -> HttpResponse:
    """Every refused request across Lantern, newest first: for the data protection officer and administrators."""
    if not request.user.has_role(*SECURITY_EVENT_ROLES):
        raise PermissionDenied("Only the data protection officer and administrators can read refused requests")
    events = AccessEvent.objects.filter(action=AccessEvent.Action.REFUSED).select_related("user").order_by("-at")
    page = _page(request, events)
    return render(request, "record/refused_requests.html", {"page_obj": page, "events": page.object_list})
