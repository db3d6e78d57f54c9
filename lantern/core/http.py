"""Headers every response carries, and a request log without query strings.

* `Cache-Control: no-store` on every response to a signed-in user: pages, the API, the access log and the CSV and
  xlsx exports all hold personal data that a shared or lost computer's browser cache must not keep.
* `Permissions-Policy` switches off browser features Lantern never uses, so injected code cannot use them either.
* The request log names the method, the path (never its query string, which can hold a searched name), the
  status and the time taken. Django's own `django.server` log (runserver) prints the whole URL, so settings
  quieten it.
"""

import logging
import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)

request_log = logging.getLogger("lantern.requests")


def response_headers(get_response: Callable[[HttpRequest], HttpResponse]):
    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True, max_age=0)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response

    return middleware


def request_logging(get_response: Callable[[HttpRequest], HttpResponse]):
    def middleware(request: HttpRequest) -> HttpResponse:
        started = time.monotonic()
        response = get_response(request)
        took = (time.monotonic() - started) * 1000
        level = logging.WARNING if response.status_code >= 400 else logging.INFO
        # The path only: a query string can carry what was searched for (a child's name).
        request_log.log(level, '"%s %s" %s %.0f ms', request.method, request.path, response.status_code, took)
        return response

    return middleware
