"""How long a signed-in session lasts: an account's end date, an idle limit, and an absolute lifetime.

* An account whose access has ended (an inspector's `access_expires_at` has passed) is signed out on its next
  request, whatever it was doing.
* After `LANTERN_IDLE_MINUTES` without a request the session ends and the next page goes to sign-in. A page that
  refreshes itself (an htmx GET, such as a job's progress) is not a person at work, so it does not count as
  activity. A form posted after the idle limit is not thrown away: what was typed is kept (in the new, signed-out
  session, after the CSRF check has passed), and when the same user signs in again and is sent back to the page,
  the post is made again, as if Save had been pressed then: it is saved, or the page shows its errors and the
  entries. A different user signing in on the same browser never sees it.
* The absolute lifetime (`LANTERN_SESSION_SECONDS`) is fixed at sign-in: keeping the idle clock writes the session,
  and a plain Django session would otherwise slide its expiry forward on every write.
"""

import time
from collections.abc import Callable
from datetime import timedelta
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django_htmx.http import HttpResponseClientRedirect

LAST_SEEN = "lantern_last_seen"
UNSAVED = "lantern_unsaved"
# The idle clock is written at most this often (seconds), so that every page is not also a session write.
STAMP_EVERY = 15
# Never replayed: signing out, signing in and the second factor.
_NO_REPLAY = ("/sign-out/", "/sign-in/", "/two-factor/", "/static/")

ACCESS_ENDED = "Your access to Lantern has ended. Ask the person who arranged it if you still need it."


def idle_message() -> str:
    minutes = settings.LANTERN_IDLE_MINUTES
    return f"You were signed out after {minutes} minutes without activity. Anything you had not saved is not saved."


def kept_message() -> str:
    minutes = settings.LANTERN_IDLE_MINUTES
    return (
        f"You were signed out after {minutes} minutes without activity. What you entered has been kept: sign in "
        "again to save it."
    )


@receiver(user_logged_in)
def start_session_clocks(sender, request: HttpRequest | None, user, **kwargs) -> None:
    if request is None or not hasattr(request, "session"):
        return
    request.session.set_expiry(timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE))
    request.session[LAST_SEEN] = int(time.time())


def _to_sign_in(request: HttpRequest) -> HttpResponse:
    if request.path.startswith(_NO_REPLAY):
        return HttpResponseRedirect(reverse("login"))  # back to signing out or a code after signing in: no
    target = request.get_full_path()  # a kept post is made again at the same address, `?next=` and all
    if request.headers.get("HX-Request") == "true":
        # A part of a page refreshing itself: the whole page goes to sign-in, not the sign-in page into the part.
        current = urlsplit(request.headers.get("HX-Current-URL", ""))
        target = current.path + (f"?{current.query}" if current.query else "") if current.path else "/"
        return HttpResponseClientRedirect(f"{reverse('login')}?{urlencode({'next': target})}")
    return HttpResponseRedirect(f"{reverse('login')}?{urlencode({'next': target})}")


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


class SessionLimits:
    """Ends a session whose account's access has ended, or that has been idle too long (see the module's notes)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and user.access_has_ended():
            logout(request)
            if _is_api(request):
                return self.get_response(request)  # now signed out: the API answers 401
            messages.error(request, ACCESS_ENDED)
            return _to_sign_in(request)
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> HttpResponse | None:
        # In process_view, so that a post has passed the CSRF check before what it carries is kept.
        if not request.user.is_authenticated:
            return None
        now = int(time.time())
        last = request.session.get(LAST_SEEN)
        if last is not None and now - last > settings.LANTERN_IDLE_MINUTES * 60:
            return self._idle(request, now)
        self._replay_unsaved(request)
        polling = request.method == "GET" and request.headers.get("HX-Request") == "true"
        if last is None or (not polling and now - last >= STAMP_EVERY):
            request.session[LAST_SEEN] = now
        return None

    def _idle(self, request: HttpRequest, now: int) -> HttpResponse:
        user_pk = request.user.pk
        keep = (
            request.method == "POST"
            and not request.FILES
            and not request.path.startswith(_NO_REPLAY)
            and not _is_api(request)
        )
        data = [[name, request.POST.getlist(name)] for name in request.POST if name != "csrfmiddlewaretoken"]
        logout(request)
        if _is_api(request):
            return None  # signed out: the view answers as it does to anyone signed out
        if keep:
            request.session[UNSAVED] = {"user": user_pk, "path": request.path, "at": now, "data": data}
            messages.warning(request, kept_message())
        else:
            messages.info(request, idle_message())
        return _to_sign_in(request)

    def _replay_unsaved(self, request: HttpRequest) -> None:
        unsaved = request.session.get(UNSAVED)
        if not unsaved or request.method != "GET" or request.path.startswith(_NO_REPLAY):
            return
        del request.session[UNSAVED]  # made again now, or never: a user who went elsewhere has moved on
        if request.path != unsaved.get("path"):
            return
        if unsaved.get("user") != request.user.pk or time.time() - unsaved["at"] > settings.SESSION_COOKIE_AGE:
            return
        post = QueryDict(mutable=True)
        for name, values in unsaved["data"]:
            post.setlist(name, values)
        post._mutable = False
        request.method = "POST"
        request.META["REQUEST_METHOD"] = "POST"
        request._post = post
        request._files = MultiValueDict()
        # The post passed the CSRF check before it was kept; the replay is that same post, by the same user.
        request._dont_enforce_csrf_checks = True
