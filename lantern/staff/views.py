"""Staff pages: joiners, movers and leavers for administrators; the access review for team managers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from lantern.accounts.models import User
from lantern.accounts.roles import Role
from lantern.pages.recording import show_refusal
from lantern.staff import forms, selectors, services
from lantern.workforce.access import user_worker
from lantern.workforce.models import Team

PASSWORD_LINK = "lantern-password-link"


def _administrator(request: HttpRequest) -> None:
    if not request.user.has_role(Role.ADMINISTRATOR):
        raise PermissionDenied("Only administrators manage accounts")


@require_http_methods(["GET", "POST"])
@login_required
def staff_new(request: HttpRequest) -> HttpResponse:
    _administrator(request)
    form = forms.Joiner(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.staff_join(
                by=request.user,
                username=data["username"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                roles=form.chosen_roles(),
                team=data["team"],
                reason=data["reason"],
            )
        except ValidationError as refused:
            show_refusal(form, refused)
        else:
            messages.success(request, f"Account {user.username} created. Give them a password link below.")
            return redirect("staff:edit", username=user.username)
    status = 400 if form.errors else 200
    return render(request, "staff/new.html", {"form": form, "nav": "users"}, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def staff_edit(request: HttpRequest, username: str) -> HttpResponse:
    """One account: its roles and team (a mover), disabling or enabling it (a leaver), a password link."""
    _administrator(request)
    account = get_object_or_404(User, username=username)
    worker = user_worker(account)
    initial = {"roles": sorted(account.roles), "team": str(worker.team_id) if worker else forms.NO_TEAM}
    action = request.POST.get("action") if request.method == "POST" else None
    change = forms.RolesAndTeam(request.POST if action == "change" else None, initial=initial, prefix="change")
    leave = forms.Reason(request.POST if action in ("leave", "return") else None, prefix="leave")
    password = forms.Reason(request.POST if action == "password" else None, prefix="password")
    if request.method == "POST":
        bound = {"change": change, "leave": leave, "return": leave, "password": password}.get(action)
        if bound is None:
            raise Http404("No such action")
        if bound.is_valid():
            reason = bound.cleaned_data["reason"]
            try:
                if action == "change":
                    services.staff_change(
                        by=request.user,
                        user=account,
                        roles=change.chosen_roles(),
                        team=change.cleaned_data["team"],
                        reason=reason,
                    )
                    messages.success(request, f"{account.username}'s roles and team are saved")
                elif action == "leave":
                    ended = services.staff_leave(by=request.user, user=account, reason=reason)
                    messages.success(
                        request, f"{account.username} is disabled and signed out ({ended} session(s) ended)"
                    )
                elif action == "return":
                    services.staff_return(by=request.user, user=account, reason=reason)
                    messages.success(request, f"{account.username} is enabled again")
                else:
                    path = services.password_link(by=request.user, user=account, reason=reason)
                    request.session[PASSWORD_LINK] = {
                        "username": account.username,
                        "link": request.build_absolute_uri(path),
                    }
                return redirect("staff:edit", username=account.username)
            except ValidationError as refused:
                show_refusal(bound, refused)
    shown = request.session.pop(PASSWORD_LINK, None) if request.method == "GET" else None
    context = {
        "account": account,
        "worker": worker,
        "change": change,
        "leave": leave,
        "password": password,
        "link": shown["link"] if shown and shown.get("username") == account.username else "",
        "history": selectors.account_history(account),
        "nav": "users",
    }
    errors = any(f.errors for f in (change, leave, password))
    return render(request, "staff/edit.html", context, status=400 if errors else 200)


def _reviewable_teams(request: HttpRequest):
    """The teams this user reviews: a team manager their own; a service manager their service's; administrators all."""
    if request.user.has_role(Role.ADMINISTRATOR):
        return Team.objects.all()
    worker = user_worker(request.user)
    if worker is not None and request.user.has_role(Role.SERVICE_MANAGER):
        return Team.objects.filter(service_id=worker.team.service_id)
    if worker is not None and request.user.has_role(Role.TEAM_MANAGER):
        return Team.objects.filter(pk=worker.team_id)
    raise PermissionDenied("The access review is for team managers, service managers and administrators")


@require_http_methods(["GET", "POST"])
@login_required
def access_review(request: HttpRequest, team_id: int) -> HttpResponse:
    team = _reviewable_teams(request).filter(pk=team_id).select_related("service").first()
    if team is None:
        raise Http404("No such team among the teams you review")
    form = forms.Review(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.access_review_confirm(
            by=request.user,
            team=team,
            members=selectors.member_lines(team) + selectors.wider_lines(team),
            note=form.cleaned_data["note"],
        )
        messages.success(request, f"Thank you: {team.name}'s access review is recorded")
        return redirect("staff:access_reviews")
    context = {
        "team": team,
        "members": selectors.team_members(team),
        "wider": selectors.wider_readers(team),
        "form": form,
        "past": team.access_reviews.select_related("confirmed_by")[:10],
        "nav": "access",
    }
    return render(request, "staff/access_review.html", context, status=400 if form.errors else 200)


@require_GET
@login_required
def access_reviews(request: HttpRequest) -> HttpResponse:
    rows = selectors.reviews(_reviewable_teams(request))
    context = {
        "rows": rows,
        "due": sum(1 for r in rows if r.due),
        "every": selectors.REVIEW_EVERY_DAYS,
        "nav": "access",
    }
    return render(request, "staff/access_reviews.html", context)
