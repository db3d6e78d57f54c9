"""Security events: a signed-in user refused a page (403), or sent to "not found" (404) on a record's URL.

A 404 on a record is how Lantern answers for a child outside someone's access, so a run of them is someone looking
for records they may not read. Each is written to the access log (AccessEvent, action "refused") with the path
without its query string, where the data protection officer and administrators read them (/audit/refused/).
Visitors who are not signed in are not logged: they reach no record page, only the sign-in page.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve

from lantern.accounts.audit import access_refusal_record

# Where an ID in the path names a child, even when the URL has no page (a mistyped or guessed record URL).
RECORD_PREFIXES = ("/children/", "/api/children/")


def is_record_url(path: str) -> bool:
    """True for a URL (its path_info, as routed) that names a record: one under /children/, or any page whose URL
    carries an ID."""
    if path.startswith(RECORD_PREFIXES) and path not in RECORD_PREFIXES:
        return True
    try:
        return bool(resolve(path).kwargs)
    except Resolver404:
        return False


def is_security_event(request: HttpRequest, response: HttpResponse) -> bool:
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return False
    return response.status_code == 403 or (response.status_code == 404 and is_record_url(request.path_info))


class SecurityEvents:
    """Middleware (after authentication): logs each refused request once the response is known."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if is_security_event(request, response):
            access_refusal_record(request, status=response.status_code)
        return response
