"""Lantern's URLs plus the bare baseline view that bench/ratios.py times pages against."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from lantern.urls import handler403, handler404, handler500
from lantern.urls import urlpatterns as lantern_urls

__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]

# The SELECTs (SQL, parameters) the bare view sends: those the page being measured sent, less the ones the
# middleware sends for any request (it sends them again for this one).
REPLAY: list[tuple[str, object]] = []


def bare(request: HttpRequest) -> HttpResponse:
    from bench.ratios import bare as send

    _, text = send(REPLAY)
    return HttpResponse(text, content_type="text/plain; charset=utf-8")


urlpatterns = [*lantern_urls, path("bench/bare/", bare)]
