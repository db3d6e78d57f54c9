"""The improvement plan's pages: the plan by theme with each action's RAG and the live measure behind it, an
action with its milestones, evidence and RAG history, the forms, and the board report (page, PDF, xlsx).

The director, service managers, QA and analysts edit the plan; team managers and inspectors read it. The
measures are the authority's (the plan is the service's), computed live from the record.
"""

from io import BytesIO

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from lantern.accounts.roles import Role
from lantern.core.services import local_today
from lantern.improvement import services
from lantern.improvement.charts import history_chart
from lantern.improvement.forms import ActionForm, EvidenceForm, MilestoneForm, RagForm
from lantern.improvement.models import Action, Theme
from lantern.improvement.selectors import Filters, action_rows, evidence, history, owners, plan, rag_counts
from lantern.pages.recording import show_refusal
from lantern.performance.definitions import MEASURES
from lantern.performance.measures import Unit

EDITORS = (Role.DIRECTOR, Role.SERVICE_MANAGER, Role.QA, Role.ANALYST)
READERS = (*EDITORS, Role.TEAM_MANAGER, Role.INSPECTOR)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _may(request: HttpRequest, roles) -> None:
    if not request.user.has_role(*roles):
        raise PermissionDenied("The improvement plan is for the director, managers, QA, analysts and inspectors")


def _form_page(request, template: str, context: dict, form) -> HttpResponse:
    first = form[next(iter(form.fields))]
    context = context | {"form": form, "nav": "improvement", "non_field_href": f"#{first.id_for_label}"}
    return render(request, template, context, status=400 if form.errors else 200)


@require_GET
@login_required
def plan_page(request: HttpRequest) -> HttpResponse:
    _may(request, READERS)
    as_of = local_today()
    filters = Filters.read(request.GET)
    sections = plan(as_of, filters)
    context = {
        "nav": "improvement",
        "as_of": as_of,
        "sections": sections,
        "counts": rag_counts(sections),
        "filters": filters,
        "themes": Theme.objects.all(),
        "owners": owners(),
        "may_edit": request.user.has_role(*EDITORS),
    }
    return render(request, "improvement/plan.html", context)


@require_GET
@login_required
def action_page(request: HttpRequest, pk: int) -> HttpResponse:
    _may(request, READERS)
    action = get_object_or_404(Action.objects.select_related("theme", "owner"), pk=pk)
    row = action_rows([action], local_today())[0]
    kept = history(action)
    context = {
        "nav": "improvement",
        "row": row,
        "action": action,
        "milestones": action.milestones.all(),
        "evidence": evidence(action),
        "history": [(s, row.shown(s.value), row.shown(s.expected)) for s in kept],
        "chart": history_chart(kept),
        "may_edit": request.user.has_role(*EDITORS),
        "as_of": local_today(),
    }
    return render(request, "improvement/action.html", context)


def _in_percent(measure_id: str) -> bool:
    measure = MEASURES.get(measure_id)
    return measure is not None and measure.unit is Unit.FRACTION


def _action_form(request: HttpRequest, action: Action | None) -> HttpResponse:
    _may(request, EDITORS)
    users = get_user_model().objects.filter(is_active=True).order_by("last_name", "first_name", "username")
    initial = {"status": "not_started"}
    if action is not None:
        scale = 100 if _in_percent(action.measure_id) else 1
        initial = {
            "theme": action.theme.key, "ref": action.ref, "text": action.text,
            "recommendation": action.recommendation, "owner": action.owner_id,
            "owner_name": "" if action.owner_id else action.owner_name, "start_date": action.start_date,
            "due_date": action.due_date, "status": action.status, "measure_id": action.measure_id,
            "baseline": None if action.baseline is None else round(action.baseline * scale, 2),
            "target": None if action.target is None else round(action.target * scale, 2),
        }  # fmt: skip
    form = ActionForm(request.POST or None, owners=users, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        scale = 100 if _in_percent(data["measure_id"]) else 1
        owner = users.filter(pk=data["owner"]).first() if data["owner"] else None
        try:
            saved = services.action_save(
                by=request.user, action=action, theme=Theme.objects.get(key=data["theme"]), ref=data["ref"],
                text=data["text"], recommendation=data["recommendation"], owner=owner,
                owner_name=data["owner_name"], start_date=data["start_date"], due_date=data["due_date"],
                status=data["status"], measure_id=data["measure_id"],
                baseline=None if data["baseline"] is None else data["baseline"] / scale,
                target=None if data["target"] is None else data["target"] / scale,
            )  # fmt: skip
        except ValidationError as refusal:
            show_refusal(form, refusal)
        else:
            messages.success(request, f"Action {saved.ref} saved")
            return redirect("improvement:action", pk=saved.pk)
    context = {"action": action, "title": f"Change action {action.ref}" if action else "Add an action"}
    return _form_page(request, "improvement/action_form.html", context, form)


@login_required
@require_http_methods(["GET", "POST"])
def action_new(request: HttpRequest) -> HttpResponse:
    return _action_form(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _may(request, EDITORS)
    return _action_form(request, get_object_or_404(Action.objects.select_related("theme"), pk=pk))


@login_required
@require_http_methods(["GET", "POST"])
def milestone_new(request: HttpRequest, pk: int) -> HttpResponse:
    _may(request, EDITORS)
    action = get_object_or_404(Action, pk=pk)
    form = MilestoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.milestone_add(by=request.user, action=action, **form.cleaned_data)
        except ValidationError as refusal:
            show_refusal(form, refusal)
        else:
            messages.success(request, "Milestone added")
            return redirect("improvement:action", pk=action.pk)
    return _form_page(request, "improvement/milestone_form.html", {"action": action}, form)


@login_required
@require_http_methods(["GET", "POST"])
def evidence_new(request: HttpRequest, pk: int) -> HttpResponse:
    _may(request, EDITORS)
    action = get_object_or_404(Action, pk=pk)
    form = EvidenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.evidence_add(by=request.user, action=action, **form.cleaned_data)
        except ValidationError as refusal:
            show_refusal(form, refusal)
        else:
            messages.success(request, "Evidence added")
            return redirect("improvement:action", pk=action.pk)
    return _form_page(request, "improvement/evidence_form.html", {"action": action}, form)


@login_required
@require_http_methods(["GET", "POST"])
def rag_set(request: HttpRequest, pk: int) -> HttpResponse:
    _may(request, EDITORS)
    action = get_object_or_404(Action, pk=pk)
    form = RagForm(request.POST or None, initial={"rag": action.manual_rag, "reason": action.manual_rag_reason})
    if request.method == "POST" and form.is_valid():
        try:
            services.manual_rag_set(by=request.user, action=action, **form.cleaned_data)
        except ValidationError as refusal:
            show_refusal(form, refusal)
        else:
            messages.success(request, f"RAG of {action.ref} set")
            return redirect("improvement:action", pk=action.pk)
    return _form_page(request, "improvement/rag_form.html", {"action": action}, form)


@require_GET
@login_required
def board_report(request: HttpRequest) -> HttpResponse:
    """The report the director takes to the improvement board: every action by theme with its RAG, the measure,
    its target and trajectory, and the milestones; as a page, a PDF or an xlsx."""
    _may(request, READERS)
    as_of = local_today()
    sections = plan(as_of)
    counts = rag_counts(sections)
    if request.GET.get("format") == "pdf":
        from lantern.improvement.exports import board_pdf

        response = HttpResponse(board_pdf(sections, counts, as_of=as_of), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="improvement-board-{as_of.isoformat()}.pdf"'
        return response
    if request.GET.get("format") == "xlsx":
        from lantern.improvement.exports import board_xlsx

        stream = BytesIO()
        board_xlsx(sections, stream, as_of=as_of)
        response = HttpResponse(stream.getvalue(), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="improvement-board-{as_of.isoformat()}.xlsx"'
        return response
    context = {"nav": "improvement", "as_of": as_of, "sections": sections, "counts": counts}
    return render(request, "improvement/board.html", context)
