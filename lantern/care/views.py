"""Pages for children in care: the CLA review, starting care, a change of placement or legal status, ending
care, and the children-in-care list. Each recording page calls one care service."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods

from lantern.accounts.roles import Role
from lantern.accounts.services import access_export_record
from lantern.care import exports, lists, permanence, selectors, services
from lantern.care.forms import CLAReviewForm, EpisodeChangeForm, PeriodEndForm, PeriodStartForm
from lantern.care.models import CarePeriod
from lantern.core import codes
from lantern.core.services import local_today
from lantern.pages.recording import on, recording_page
from lantern.workforce.access import can_record, child_or_404, scope_phrase, visible_children

# Who reads the children-in-care list: managers and IROs within their scope, and the authority-wide readers.
LIST_ROLES = (
    Role.TEAM_MANAGER,
    Role.SERVICE_MANAGER,
    Role.IRO,
    Role.QA,
    Role.ANALYST,
    Role.DIRECTOR,
    Role.INSPECTOR,
)


@login_required
@require_http_methods(["GET", "POST"])
def cla_review(request: HttpRequest, la_child_id: str) -> HttpResponse:
    child = child_or_404(request.user, la_child_id)

    def save(data: dict) -> str:
        services.cla_review_record(
            by=request.user, child=child, review_date=data["review_date"], participation=data["participation"]
        )
        return "CLA review recorded"

    period = CarePeriod.objects.filter(child=child).order_by("-start_date").first()
    rows = []
    if period is not None:
        rows.append(("Looked after since", on(period.start_date)))
        if period.end_date:
            rows.append(("Stopped being looked after", on(period.end_date)))
        last = period.reviews.order_by("-review_date").first()
        rows.append(("Last review", on(last.review_date) if last else "None recorded"))
    return recording_page(
        request,
        child=child,
        form_class=CLAReviewForm,
        template="care/cla_review.html",
        title="Record a CLA review",
        save=save,
        context={"rows": rows},
    )


def _current_rows(summary: selectors.CareSummary) -> list[tuple[str, str]]:
    if not summary.looked_after or summary.current is None:
        return [("Looked after", "No")]
    current = summary.current
    return [
        ("Looked after since", on(summary.period.start_date)),
        ("Current episode began", on(current.episode.start_date)),
        ("Legal status", current.legal_status),
        ("Placement", current.placement),
        ("Placement postcode", current.place.placement_postcode or "Not recorded"),
    ]


@login_required
@require_http_methods(["GET", "POST"])
def period_start(request: HttpRequest, la_child_id: str) -> HttpResponse:
    child = child_or_404(request.user, la_child_id)

    def save(data: dict) -> str:
        services.cla_period_start(
            by=request.user,
            child=child,
            start_date=data["start_date"],
            legal_status=data["legal_status"],
            category_of_need=data["category_of_need"],
            placement_type=data["placement_type"],
            placement_provider=data["placement_provider"],
            home_postcode=data["home_postcode"],
            placement_postcode=data["placement_postcode"],
            urn=data["urn"],
        )
        return "Period of care started"

    address = child.addresses.filter(end_date__isnull=True).first()
    summary = selectors.care_summary(child)
    return recording_page(
        request,
        child=child,
        form_class=PeriodStartForm,
        template="care/period_start.html",
        title="Start a period of care",
        save=save,
        initial={"home_postcode": address.postcode if address else ""},
        context={"rows": [*_current_rows(summary), ("Reason for new episode", "S: Started to be looked after")]},
    )


@login_required
@require_http_methods(["GET", "POST"])
def episode_change(request: HttpRequest, la_child_id: str) -> HttpResponse:
    child = child_or_404(request.user, la_child_id)

    def save(data: dict) -> str:
        new_placement = bool(data["placement_type"])
        services.care_episode_change(
            by=request.user,
            child=child,
            change_date=data["change_date"],
            reason_new_episode=data["reason_new_episode"],
            # A blank answer keeps what the current episode has (a new placement type brings its own provider).
            legal_status=data["legal_status"] or None,
            placement_type=data["placement_type"] or None,
            placement_provider=data["placement_provider"] if new_placement else (data["placement_provider"] or None),
            placement_postcode=data["placement_postcode"] or None,
            urn=data["urn"] if new_placement else (data["urn"] or None),
            reason_place_change=data["reason_place_change"],
        )
        return "Change of placement or legal status recorded"

    summary = selectors.care_summary(child)
    return recording_page(
        request,
        child=child,
        form_class=EpisodeChangeForm,
        template="care/episode_change.html",
        title="Record a change of placement or legal status",
        save=save,
        context={"rows": _current_rows(summary)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def period_end(request: HttpRequest, la_child_id: str) -> HttpResponse:
    child = child_or_404(request.user, la_child_id)

    def save(data: dict) -> str:
        services.cla_period_end(
            by=request.user,
            child=child,
            end_date=data["end_date"],
            reason_ceased=data["reason_ceased"],
            destination=data["destination"],
        )
        return "Period of care ended"

    summary = selectors.care_summary(child)
    return recording_page(
        request,
        child=child,
        form_class=PeriodEndForm,
        template="care/period_end.html",
        title="End the period of care",
        save=save,
        context={"rows": _current_rows(summary)},
    )


@require_GET
@login_required
def children_in_care(request: HttpRequest) -> HttpResponse:
    if not request.user.has_role(*LIST_ROLES):
        raise PermissionDenied
    today = local_today()
    every = selectors.children_in_care(visible_children(request.user), today=today)
    chosen = lists.chosen_from(request.GET)
    rows = lists.apply(every, chosen)
    chosen_format = request.GET.get("format", "")
    if chosen_format in exports.FORMATS:
        access_export_record(
            request,
            detail=f"Children in care: {len(rows)} rows as {chosen_format}",
            children=[row.child.pk for row in rows],
        )
        filename = f"children-in-care-{today.isoformat()}"
        if chosen_format == "csv":
            return exports.csv_response(lists.EXPORT_HEADERS, lists.export_rows(rows), filename)
        return exports.xlsx_response("Children in care", lists.EXPORT_HEADERS, lists.export_rows(rows), filename)
    page = Paginator(rows, settings.LANTERN_PAGE_SIZE).get_page(request.GET.get("page"))
    options = lists.choices(every)
    filters = [
        {"name": name, "label": label, "options": options[name], "chosen": chosen.filters.get(name, "")}
        for name, label in lists.FILTER_LABELS.items()
    ]
    headings = [
        {
            "key": key,
            "label": label,
            "sort": f"-{key}" if chosen.sort == key and not chosen.descending else key,
            "aria": ("descending" if chosen.descending else "ascending") if chosen.sort == key else "none",
        }
        for key, (label, _) in lists.SORTS.items()
    ]
    context = {
        "nav": "children_in_care",
        "page_obj": page,
        "rows": page.object_list,
        "count": len(rows),
        "total": len(every),
        "far": sum(1 for row in rows if row.place.far_from_home),
        "out_of_area": sum(1 for row in rows if row.place.out_of_area),
        "filters": filters,
        "headings": headings,
        "where": scope_phrase(request.user),
        "far_miles": lists.FAR_FROM_HOME_MILES,
        "placement_labels": codes.PLACEMENT_TYPE.labels,
    }
    return render(request, "care/children_in_care.html", context)


@require_GET
@login_required
def permanence_tracker(request: HttpRequest) -> HttpResponse:
    if not request.user.has_role(*LIST_ROLES):
        raise PermissionDenied
    rows = permanence.permanence(visible_children(request.user), today=local_today())
    show = request.GET.get("show", "")
    if show == "adoption":
        rows = [r for r in rows if r.care_to_placed is not None or r.decision is not None]
    elif show == "no_plan":
        rows = [r for r in rows if r.plan is None]
    elif show == "over":
        rows = [
            r
            for r in rows
            if (r.care_to_placed and r.care_to_placed.over) or (r.order_to_match and r.order_to_match.over)
        ]
    page = Paginator(rows, settings.LANTERN_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "nav": "children_in_care",
        "page_obj": page,
        "rows": page.object_list,
        "count": len(rows),
        "show": show,
        "where": scope_phrase(request.user),
        "care_to_placed_days": permanence.CARE_TO_PLACED_DAYS,
        "order_to_match_days": permanence.ORDER_TO_MATCH_DAYS,
        # Read-only roles are not offered the step pages (they would be refused them).
        "can_record": can_record(request.user),
    }
    return render(request, "care/permanence.html", context)
