"""Showing a child's details on any page: outside the user's own work Lantern first asks why (once per session,
per child), and every page that shows the child logs the view. The record page, the recording forms and the API
all go through here, so none of them can show a child without the question or the log line.
"""

from django.conf import settings
from django.http import HttpRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

from lantern.accounts.models import AccessEvent
from lantern.accounts.services import access_record
from lantern.people.models import Child
from lantern.workforce.access import is_own_work


def _session_key(child: Child) -> str:
    return f"lantern-reason-{child.pk}"


def reason_needed(request: HttpRequest, child: Child) -> bool:
    """Outside the user's own work, Lantern asks why the record is being opened (once per session)."""
    if not settings.LANTERN_ASK_REASON_OUTSIDE_OWN_WORK:
        return False
    return not is_own_work(request.user, child) and not request.session.get(_session_key(child))


def reason_given(request: HttpRequest, child: Child, *, reason: str) -> None:
    """Log the reason as a view of the record, and remember it for the rest of the session."""
    access_record(request, action=AccessEvent.Action.VIEW, obj=child, detail=f"Reason: {reason}")
    request.session[_session_key(child)] = True


def ask_reason(request: HttpRequest, child: Child):
    """A redirect to the reason prompt, which comes back to this page once answered."""
    url = reverse("child_reason", args=[child.la_child_id])
    return redirect(f"{url}?{urlencode({'next': request.get_full_path()})}")


def safe_next(request: HttpRequest, default: str) -> str:
    """`?next=` if it is a path on this site, else `default`."""
    candidate = request.POST.get("next") or request.GET.get("next", "")
    if candidate.startswith("/") and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


def child_shown(request: HttpRequest, child: Child, *, detail: str = "") -> None:
    """Log that this page showed the child's details to the user."""
    access_record(request, action=AccessEvent.Action.VIEW, obj=child, detail=detail)
