"""The weekly performance pack and the children behind each measure.

Every reader of records may open the pack (read-only roles included): its figures are computed within the
viewer's scope (`visible_children`), so a team manager sees the team's and drills down only to their own
children. `?as_of=YYYY-MM-DD` makes the pack as at another date; a date before the records begin or in the future
is refused with its reason. `?format=xlsx` or `?format=pdf` downloads it.
"""

from datetime import date
from io import BytesIO

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from lantern.accounts.roles import Scope
from lantern.core.dates import DayRefused, parse_day
from lantern.core.services import local_today
from lantern.performance.comparators import england
from lantern.performance.definitions import MEASURES
from lantern.performance.exports import write_pack
from lantern.performance.selectors import drilldown, format_value, pack, pack_date_problem
from lantern.workforce.access import scope_phrase, user_scope, visible_children

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _reader(request: HttpRequest) -> Scope:
    scope = user_scope(request.user)
    if scope is Scope.NONE:
        raise PermissionDenied("Your role does not include reading children's records")
    return scope


def _as_of(request: HttpRequest) -> tuple[date, str | None]:
    """The pack's date, and why it was refused (the page then says so and shows nothing for it)."""
    text = request.GET.get("as_of", "").strip()
    if not text:
        return local_today(), None
    try:
        day = parse_day(text, field="Pack date")
    except DayRefused as refused:
        return local_today(), str(refused)
    return day, pack_date_problem(day)


@require_GET
@login_required
def pack_page(request: HttpRequest) -> HttpResponse:
    scope = _reader(request)
    as_of, problem = _as_of(request)
    if problem:
        context = {"problem": problem, "as_of_text": request.GET.get("as_of", ""), "nav": "performance"}
        return render(request, "performance/pack.html", context, status=400)
    sections = pack(as_of, visible_children(request.user))
    if request.GET.get("format") == "xlsx":
        stream = BytesIO()
        write_pack(sections, stream, as_of=as_of)
        response = HttpResponse(stream.getvalue(), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="performance-pack-{as_of.isoformat()}.xlsx"'
        return response
    if request.GET.get("format") == "pdf":
        from lantern.performance.pdf import render_pack_pdf

        pdf = render_pack_pdf(sections, as_of=as_of, scope_phrase=scope_phrase(request.user))
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="performance-pack-{as_of.isoformat()}.pdf"'
        return response
    charts = [row.chart() for _, _, rows in sections for row in rows if row.trend]
    context = {
        "sections": sections,
        "as_of": as_of,
        "as_of_is_today": as_of == local_today(),
        "as_of_text": as_of.isoformat(),
        "charts": charts,
        "authority_wide": scope is Scope.AUTHORITY,
        "scope_phrase": scope_phrase(request.user),
        "nav": "performance",
    }
    return render(request, "performance/pack.html", context)


@require_GET
@login_required
def measure_children(request: HttpRequest, measure_id: str) -> HttpResponse:
    _reader(request)
    if measure_id not in MEASURES:
        raise Http404("No measure with that ID")
    as_of, problem = _as_of(request)
    if problem:
        context = {"problem": problem, "as_of_text": request.GET.get("as_of", ""), "nav": "performance"}
        return render(request, "performance/pack.html", context, status=400)
    counted = request.GET.get("show") != "rest"
    measure, period, result, rows = drilldown(measure_id, as_of, visible_children(request.user), counted=counted)
    comparator = england().get(measure.id)
    page = Paginator(rows, settings.LANTERN_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "measure": measure,
        "period": period,
        "result": result,
        "shown": format_value(measure, result.value),
        "comparator": comparator,
        "comparator_shown": "" if comparator is None else format_value(measure, comparator.value),
        "counted": counted,
        "rows": rows,
        "page_obj": page,
        "as_of": as_of,
        "as_of_text": as_of.isoformat(),
        "scope_phrase": scope_phrase(request.user),
        "nav": "performance",
    }
    return render(request, "performance/measure.html", context)
