from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django_otp import user_has_device

from lantern.accounts.roles import TWO_FACTOR_ROLES

# Pages a signed-in user may reach before the second factor: signing out, setting it up, entering a code.
_OPEN_PATHS = ("/sign-out/", "/two-factor/", "/static/")


def needs_second_factor(user) -> bool:
    return (
        settings.LANTERN_REQUIRE_2FA
        and user.is_authenticated
        and user.has_role(*TWO_FACTOR_ROLES)
        and not user.is_verified()
    )


def two_factor_required(get_response: Callable[[HttpRequest], HttpResponse]):
    """Send a user whose role needs two-factor to set it up or enter a code before any other page."""

    def middleware(request: HttpRequest) -> HttpResponse:
        if needs_second_factor(request.user) and not request.path.startswith(_OPEN_PATHS):
            name = "two_factor_verify" if user_has_device(request.user) else "two_factor_setup"
            return HttpResponseRedirect(f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}")
        return get_response(request)

    return middleware
