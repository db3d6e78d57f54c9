"""The administrator's account pages: find a user, and issue an enrolment code or remove a lost authenticator app."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from lantern.accounts import enrolment, selectors
from lantern.accounts.models import User
from lantern.accounts.roles import Role

NEW_CODE = "lantern-new-enrolment-code"


def _administrator(request: HttpRequest) -> None:
    if not request.user.has_role(Role.ADMINISTRATOR):
        raise PermissionDenied("Only administrators manage accounts")


@require_GET
@login_required
def users(request: HttpRequest) -> HttpResponse:
    _administrator(request)
    query = request.GET.get("q", "").replace("\x00", "").strip()[:100]
    page = Paginator(selectors.users_matching(query), settings.LANTERN_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "accounts/users.html", {"page_obj": page, "q": query, "nav": "users"})


@require_http_methods(["GET", "POST"])
@login_required
def user_two_factor(request: HttpRequest, username: str) -> HttpResponse:
    """One account's second factor. A code issued is shown on the page after, once (never in a URL or a message)."""
    _administrator(request)
    account = get_object_or_404(User, username=username)
    context: dict = {"account": account, "nav": "users", "errors": {}, "reason": ""}
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        reason = request.POST.get("reason", "")
        try:
            if action == "issue":
                code = enrolment.enrolment_code_issue(user=account, by=request.user, reason=reason)
                # Shown on the next page once, then gone: kept in the (server-side) session, never in a URL.
                request.session[NEW_CODE] = {"username": account.username, "code": code}
                return redirect("user_two_factor", username=account.username)
            elif action == "reset":
                removed = enrolment.two_factor_reset(user=account, by=request.user, reason=reason)
                messages.success(
                    request,
                    f"Removed {removed} authenticator app{'' if removed == 1 else 's'} from {account.username} and "
                    "signed them out. Issue an enrolment code so that they can set up a new one.",
                )
                return redirect("user_two_factor", username=account.username)
            else:
                raise ValidationError({"action": "Choose what to do"})
        except ValidationError as refused:
            context["errors"] = {field: problems[0] for field, problems in refused.message_dict.items()}
            context["reason"] = reason
            # The form the error belongs to: its reason field is where the error summary links.
            context["action"] = action if action in ("issue", "reset") else "issue"
            status = 400
    shown = request.session.pop(NEW_CODE, None) if request.method == "GET" else None
    if shown and shown.get("username") == account.username:
        context["new_code"] = shown["code"]
        context["hours"] = settings.LANTERN_ENROLMENT_CODE_HOURS
    context["second_factor"] = selectors.second_factor(account)
    return render(request, "accounts/user_two_factor.html", context, status=status)
