"""Case audit pages: the programme and its sample, the audit form, moderation, actions, and agreement.

Who does what: QA draws samples, audits and moderates; team managers audit their team's children (first-line
audits); service managers audit and moderate; the director and inspectors read. Every child shown is within the
viewer's records (`workforce.access`), and opening an audit of a child is logged as a view of that child.
"""

import random

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from lantern.accounts.roles import Role
from lantern.audits import services
from lantern.audits.agreement import MINIMUM
from lantern.audits.forms import ActionDoneForm, ActionForm, AuditForm, ModerationForm, ProgrammeForm
from lantern.audits.models import AuditAction, AuditDomain, AuditProgramme, AuditTool, CaseAudit
from lantern.audits.selectors import agreement_by, audits_in_scope, open_actions
from lantern.pages import viewing
from lantern.pages.recording import show_refusal
from lantern.workforce.access import child_or_404, visible_children
from lantern.workforce.models import Worker

READERS = (Role.QA, Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.DIRECTOR, Role.INSPECTOR)
AUDITORS = (Role.QA, Role.TEAM_MANAGER, Role.SERVICE_MANAGER)
MODERATORS = (Role.QA, Role.SERVICE_MANAGER)
PROGRAMMERS = (Role.QA,)


def _may(request: HttpRequest, roles) -> None:
    if not request.user.has_role(*roles):
        raise PermissionDenied("Case audits are for QA, managers, the director and inspectors")


def _form_page(request, template: str, context: dict, form) -> HttpResponse:
    return render(request, template, context | {"form": form}, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def index(request: HttpRequest) -> HttpResponse:
    _may(request, READERS)
    may_draw = request.user.has_role(*PROGRAMMERS)
    tool = AuditTool.objects.filter(is_current=True).first()
    form = ProgrammeForm(initial={"sample_size": 10, "per_team_minimum": 1})
    if request.method == "POST":
        if not may_draw:
            raise PermissionDenied("Only QA draws audit samples")
        form = ProgrammeForm(request.POST)
        if tool is None:
            form.add_error(None, "Set up the audit tool first: there are no questions to audit with")
        elif form.is_valid():
            data = form.cleaned_data
            seed = data["seed"] if data["seed"] is not None else random.SystemRandom().randrange(1, 2_000_000_000)
            try:
                programme = services.programme_draw(
                    by=request.user, title=data["title"], theme=data["theme"], month=data["month"], rule=data["rule"],
                    sample_size=data["sample_size"], per_team_minimum=data["per_team_minimum"] or 0, seed=seed,
                    tool=tool,
                )  # fmt: skip
            except ValidationError as refusal:
                show_refusal(form, refusal)
            else:
                messages.success(request, f"Drew {programme.sample.count()} children for {programme.title}")
                return redirect("audits:programme", pk=programme.pk)
    children = visible_children(request.user)
    audits = audits_in_scope(children)
    page = Paginator(audits, settings.LANTERN_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "nav": "audits",
        "may_draw": may_draw,
        "tool": tool,
        "programmes": AuditProgramme.objects.all()[:12],
        "page_obj": page,
        "actions": open_actions(children)[:50],
        "action_count": open_actions(children).count(),
    }
    return _form_page(request, "audits/index.html", context, form)


@login_required
def programme(request: HttpRequest, pk: int) -> HttpResponse:
    _may(request, READERS)
    chosen = get_object_or_404(AuditProgramme.objects.select_related("tool", "drawn_by"), pk=pk)
    visible = visible_children(request.user)
    sample = chosen.sample.filter(child__in=visible).select_related("child", "team").order_by("child__la_child_id")
    audited = {a.child_id: a for a in CaseAudit.objects.filter(programme=chosen, child__in=visible)}
    rows = [(entry, audited.get(entry.child_id)) for entry in sample]
    return render(
        request,
        "audits/programme.html",
        {"nav": "audits", "programme": chosen, "rows": rows, "may_audit": request.user.has_role(*AUDITORS),
         "hidden": chosen.sample.count() - len(rows)},
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def audit_new(request: HttpRequest, la_child_id: str) -> HttpResponse:
    _may(request, AUDITORS)
    child = child_or_404(request.user, la_child_id)
    chosen = None
    if request.GET.get("programme"):
        chosen = AuditProgramme.objects.filter(pk=request.GET["programme"]).first() if (
            request.GET["programme"].isdigit()
        ) else None  # fmt: skip
        if chosen is None:
            raise Http404("No such audit programme")
    tool = chosen.tool if chosen else AuditTool.objects.filter(is_current=True).first()
    domains = list(AuditDomain.objects.filter(tool=tool)) if tool else []
    in_sample = chosen is not None and chosen.sample.filter(child=child).exists()
    form = AuditForm(request.POST or None, domains=domains)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            audit = services.audit_record(
                by=request.user, child=child, programme=chosen, audit_date=data["audit_date"],
                auditor_grade=data["auditor_grade"],
                domain_grades={d.pk: data[f"domain_{d.pk}"] for d in domains},
                strengths=data["strengths"], improvements=data["improvements"],
                worker_feedback=data["worker_feedback"], family_feedback=data["family_feedback"],
                safeguarding_concern=data["safeguarding_concern"], out_of_sample_reason=data["out_of_sample_reason"],
            )  # fmt: skip
        except ValidationError as refusal:
            show_refusal(form, refusal)
        else:
            raised = " The safeguarding concern was raised to the team manager." if audit.safeguarding_concern else ""
            messages.success(request, f"Audit recorded.{raised}")
            return redirect("audits:audit", pk=audit.pk)
    viewing.child_shown(request, child, detail="Case audit form")
    context = {"nav": "audits", "child": child, "programme": chosen, "in_sample": in_sample, "tool": tool}
    return _form_page(request, "audits/audit_new.html", context, form)


def _audit(request: HttpRequest, pk: int) -> CaseAudit:
    audit = CaseAudit.objects.select_related("child", "programme", "tool").filter(pk=pk).first()
    if audit is None or not visible_children(request.user).filter(pk=audit.child_id).exists():
        raise Http404("No such audit in your records")
    return audit


@login_required
@require_http_methods(["GET", "POST"])
def audit(request: HttpRequest, pk: int) -> HttpResponse:
    _may(request, READERS)
    record = _audit(request, pk)
    may_moderate = request.user.has_role(*MODERATORS) and record.auditor_id != request.user.pk
    may_act = request.user.has_role(*AUDITORS)
    owners = Worker.objects.filter(end_date__isnull=True).order_by("last_name", "first_name")
    moderation = ModerationForm()
    action = ActionForm(owners=owners)
    if request.method == "POST":
        which = request.POST.get("form")
        if which == "moderation":
            if not may_moderate:
                raise PermissionDenied("QA and service managers moderate audits other than their own")
            moderation = ModerationForm(request.POST)
            if moderation.is_valid():
                data = moderation.cleaned_data
                try:
                    services.audit_moderate(
                        by=request.user, audit=record, moderated_grade=data["moderated_grade"], reason=data["reason"],
                        moderation_date=data["moderation_date"],
                    )  # fmt: skip
                except ValidationError as refusal:
                    show_refusal(moderation, refusal)
                else:
                    messages.success(request, "Moderation recorded")
                    return redirect("audits:audit", pk=record.pk)
        else:
            if not may_act:
                raise PermissionDenied("QA and managers add audit actions")
            action = ActionForm(request.POST, owners=owners)
            if action.is_valid():
                data = action.cleaned_data
                owner = owners.filter(pk=data["owner"]).first() if data["owner"] else None
                try:
                    services.audit_action_add(
                        by=request.user, audit=record, action=data["action"], owner=owner, due_date=data["due_date"]
                    )
                except ValidationError as refusal:
                    show_refusal(action, refusal)
                else:
                    messages.success(request, "Action added")
                    return redirect("audits:audit", pk=record.pk)
    viewing.child_shown(request, record.child, detail="Case audit")
    failed = moderation if moderation.errors else action if action.errors else None
    return render(
        request,
        "audits/audit.html",
        {
            "nav": "audits",
            "audit": record,
            "child": record.child,
            "grades": record.domain_grades.select_related("domain"),
            "actions": record.actions.select_related("owner"),
            "may_moderate": may_moderate and not record.moderated_grade,
            "may_act": may_act,
            "moderation": moderation,
            "action_form": action,
            "failed": failed,
        },
        status=400 if failed else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_done(request: HttpRequest, pk: int) -> HttpResponse:
    _may(request, AUDITORS)
    action = get_object_or_404(AuditAction.objects.select_related("audit", "child"), pk=pk)
    _audit(request, action.audit_id)
    form = ActionDoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.audit_action_done(
                by=request.user, action=action, done_on=form.cleaned_data["done_on"], note=form.cleaned_data["note"]
            )
        except ValidationError as refusal:
            show_refusal(form, refusal)
        else:
            messages.success(request, "Action recorded as done")
            return redirect("audits:audit", pk=action.audit_id)
    return _form_page(request, "audits/action_done.html", {"nav": "audits", "action": action}, form)


@login_required
def agreement(request: HttpRequest) -> HttpResponse:
    _may(request, (Role.QA, Role.SERVICE_MANAGER, Role.DIRECTOR, Role.INSPECTOR))
    audits = audits_in_scope(visible_children(request.user))
    return render(
        request,
        "audits/agreement.html",
        {
            "nav": "audits",
            "minimum": MINIMUM,
            "groups": [
                ("auditor", "By auditor", agreement_by("auditor_name", audits)),
                ("team", "By team", agreement_by("team_name", audits)),
                ("theme", "By theme", agreement_by("theme", audits)),
            ],
        },
    )
