"""The front door's pages (register a child, log a contact, the queue) and allocation (allocate or transfer a
child, end an allocation, the unallocated list). Views stay thin: access, one selector or service, a template."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from lantern.accounts.roles import Role, Scope
from lantern.core.services import local_today
from lantern.frontdoor import selectors
from lantern.frontdoor.forms import AllocateForm, AllocationEndForm, ChildRegisterForm, ContactForm
from lantern.journey import services as journey
from lantern.journey.selectors import earlier_referral
from lantern.pages import viewing
from lantern.pages.recording import recording_page, return_url, show_refusal
from lantern.people import services as people
from lantern.people.models import Child
from lantern.people.selectors import possible_matches
from lantern.workforce import services as workforce
from lantern.workforce.access import child_or_404, user_scope, user_worker, visible_children
from lantern.workforce.models import Allocation, Worker

# Who allocates: a team's manager, a service manager, and the front door (a referral to a team, or a child
# the front door holds). Social workers, IROs and the read-only roles do not.
ALLOCATING_ROLES = (Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.FRONT_DOOR)
PER_PAGE = 50


def _front_door_only(request: HttpRequest) -> None:
    if not request.user.has_role(Role.FRONT_DOOR):
        raise PermissionDenied("Registering a child is the front door’s work")


@login_required
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    """Register a child, asking "is this child already known?" first: a possible match is shown with a link to
    its record, and registering a new child despite it needs the reason."""
    _front_door_only(request)
    matches = []
    form = ChildRegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)  # a refusal takes its fields out of cleaned_data; the matches need them
        try:
            child = people.child_register(
                by=request.user,
                la_child_id=data["la_child_id"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                sex=data["sex"],
                ethnicity=data["ethnicity"],
                date_of_birth=data["date_of_birth"],
                expected_date_of_birth=data["expected_date_of_birth"],
                nhs_number=data["nhs_number"],
                upn=data["upn"],
                known_check=True,
                new_child_reason=data["new_child_reason"],
            )
        except ValidationError as refusal:
            show_refusal(form, refusal)
            matches = possible_matches(
                visible_children(request.user),
                first_name=data["first_name"],
                last_name=data["last_name"],
                date_of_birth=data["date_of_birth"] or data["expected_date_of_birth"],
                nhs_number=data["nhs_number"],
                upn=data["upn"],
                la_child_id=data["la_child_id"],
            )
            for match in matches:
                viewing.child_shown(request, match.child, detail="Possible match when registering a child")
        else:
            messages.success(request, f"{child.full_name} registered with LA child ID {child.la_child_id}")
            return redirect("frontdoor:contact_new", la_child_id=child.la_child_id)
    context = {
        "form": form,
        "matches": matches,
        "title": "Register a child",
        "non_field_href": "#id_first_name",
        "nav": "front_door",
    }
    return render(request, "frontdoor/register.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def contact_new(request: HttpRequest, la_child_id: str) -> HttpResponse:
    """Log a contact about a child: when, from whom, the concerns in words, consent. The decision follows."""
    child = child_or_404(request.user, la_child_id)
    created = {}

    def save(data: dict) -> str:
        created["contact"] = journey.contact_record(
            by=request.user,
            child=child,
            received_at=data["received_at"],
            source=data["source"],
            referrer=data["referrer"],
            concerns=data["concerns"],
            consent=data["consent"],
        )
        return "Contact logged: record the decision within 24 hours of its receipt"

    response = recording_page(
        request,
        child=child,
        form_class=ContactForm,
        template="frontdoor/contact_new.html",
        title="Log a contact",
        save=save,
        context={"earlier_referral": earlier_referral(child, on=local_today())},
    )
    if "contact" in created:
        return redirect("journey:contact_decision", pk=created["contact"].pk)
    return response


def _authority_only(request: HttpRequest) -> None:
    if user_scope(request.user) is not Scope.AUTHORITY:
        raise PermissionDenied("The front-door queue is the front door’s and the authority-wide readers’")


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    """Contacts awaiting a decision, oldest first with their 24-hour clock; then referrals not yet allocated."""
    _authority_only(request)
    contacts = Paginator(selectors.awaiting_decision(request.user), PER_PAGE).get_page(request.GET.get("page"))
    waiting = Paginator(selectors.unallocated(request.user), PER_PAGE).get_page(request.GET.get("referrals"))
    context = {
        "title": "Front-door queue",
        "page_obj": contacts,
        "contacts": selectors.with_clocks(list(contacts), as_of=local_today()),
        "referrals": waiting,
        "records": request.user.has_role(Role.FRONT_DOOR),
        "allocates": request.user.has_role(*ALLOCATING_ROLES),
        "nav": "front_door",
    }
    return render(request, "frontdoor/queue.html", context)


@login_required
def unallocated(request: HttpRequest) -> HttpResponse:
    """A team manager's referrals waiting for a worker (a service manager's across the service; the whole
    authority's for the front door and the authority-wide readers)."""
    scope = user_scope(request.user)
    manages = request.user.has_role(Role.TEAM_MANAGER, Role.SERVICE_MANAGER) and user_worker(request.user)
    if scope is not Scope.AUTHORITY and not manages:
        raise PermissionDenied("The unallocated list is for managers and the front door")
    page = Paginator(selectors.unallocated(request.user), PER_PAGE).get_page(request.GET.get("page"))
    worker = user_worker(request.user)
    where = {Scope.AUTHORITY: "the authority", Scope.SERVICE: worker and worker.team.service.name}.get(scope)
    context = {
        "title": "Children waiting for a worker",
        "where": where or (worker.team.name if worker else ""),
        "page_obj": page,
        "allocates": request.user.has_role(*ALLOCATING_ROLES),
        "nav": "work",
    }
    return render(request, "frontdoor/unallocated.html", context)


def _allocation_child(request: HttpRequest, la_child_id: str) -> Child:
    child = selectors.allocatable_child(request.user, la_child_id)
    if child is None:
        raise Http404("No child with that ID in your records")
    if not request.user.has_role(*ALLOCATING_ROLES):
        raise PermissionDenied("Allocating a worker is a manager’s or the front door’s decision")
    return child


def _allocation_page(request, *, child, form, template, title, context) -> HttpResponse:
    viewing.child_shown(request, child, detail=f"Allocation page: {title}")
    page = {
        "form": form,
        "child": child,
        "title": title,
        "nav": "",
        "action": request.get_full_path(),
        "return_url": return_url(request, child),
        "non_field_href": f"#{form[next(iter(form.fields))].id_for_label}",
    }
    return render(request, template, page | context)


def _asks_reason(request: HttpRequest, child: Child) -> bool:
    return (
        request.method != "POST"
        and not selectors.on_own_unallocated_list(request.user, child)
        and viewing.reason_needed(request, child)
    )


@login_required
@require_http_methods(["GET", "POST"])
def allocate(request: HttpRequest, la_child_id: str) -> HttpResponse:
    """Allocate a worker to the child, or transfer the child to another (with the SW_REASON for the change)."""
    child = _allocation_child(request, la_child_id)
    if _asks_reason(request, child):
        return viewing.ask_reason(request, child)
    history = selectors.allocation_history(child)
    current = {a.role: a for a in history if a.end_date is None}
    workers = Worker.objects.filter(end_date__isnull=True).select_related("team").order_by("team__name", "last_name")
    form = AllocateForm(request.POST or None, initial={"start_date": local_today()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            allocation = workforce.child_allocate(
                by=request.user,
                child=child,
                worker=data["worker"],
                role=data["role"],
                start_date=data["start_date"],
                end_reason=data["end_reason"],
                reason_required=True,
            )
        except ValidationError as refusal:
            show_refusal(form, refusal)
        else:
            verb = "transferred to" if data["role"] in current else "allocated to"
            messages.success(request, f"{child.full_name} {verb} {allocation.worker.full_name}, {allocation.team}")
            return redirect(return_url(request, child) if "next" in request.GET else _after_allocation(request))
    form.fields["worker"].choices = [("", "Select a worker")] + [
        (w.pk, form.fields["worker"].label_from_instance(w)) for w in workers
    ]
    return _allocation_page(
        request,
        child=child,
        form=form,
        template="frontdoor/allocate.html",
        title="Allocate a worker",
        context={"current": list(current.values()), "history": history},
    )


def _after_allocation(request: HttpRequest) -> str:
    if user_scope(request.user) is Scope.AUTHORITY:
        return reverse("frontdoor:queue")
    return reverse("frontdoor:unallocated")


@login_required
@require_http_methods(["GET", "POST"])
def allocation_end(request: HttpRequest, pk: int) -> HttpResponse:
    """End an allocation with nobody taking over (the case closes, or it goes back to the team to allocate)."""
    allocation = get_object_or_404(Allocation.objects.select_related("child", "worker", "team"), pk=pk)
    child = _allocation_child(request, allocation.child.la_child_id)
    if _asks_reason(request, child):
        return viewing.ask_reason(request, child)
    form = AllocationEndForm(request.POST or None, initial={"end_date": local_today()})
    if request.method == "POST" and form.is_valid():
        try:
            workforce.allocation_end(
                by=request.user,
                allocation=allocation,
                end_date=form.cleaned_data["end_date"],
                end_reason=form.cleaned_data["end_reason"],
            )
        except ValidationError as refusal:
            show_refusal(form, refusal)
        else:
            messages.success(request, f"{allocation.worker.full_name}’s allocation to {child.full_name} ended")
            return redirect(return_url(request, child))
    rows = [
        ("Worker", f"{allocation.worker.full_name}, {allocation.team}"),
        ("Allocated as", allocation.get_role_display()),
        ("Since", allocation.start_date.strftime("%-d %B %Y")),
    ]
    return _allocation_page(
        request,
        child=child,
        form=form,
        template="frontdoor/allocation_end.html",
        title="End an allocation",
        context={"rows": rows},
    )
