"""The 403, 404 and 500 pages: styled like every other page, saying what happened and where to go next.

A 403's or 404's message is the sentence the view gave (Lantern's are written for the reader and never hold a
child's details); a URL that matches no page gets a plain sentence instead of the resolver's internals. The 500
page renders without the request or the database, which may be what failed.
"""

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template import loader
from django.urls import Resolver404
from django.views.decorators.csrf import requires_csrf_token


def _said(exception: Exception | None) -> str:
    if exception is None or isinstance(exception, Resolver404) or not exception.args:
        return ""
    message = exception.args[0]
    return message if isinstance(message, str) and len(message) <= 200 else ""


@requires_csrf_token
def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    page = loader.render_to_string("403.html", {"said": _said(exception)}, request)
    return HttpResponse(page, status=403)


@requires_csrf_token
def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    page = loader.render_to_string("404.html", {"said": _said(exception)}, request)
    return HttpResponse(page, status=404)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    # No request context: a context processor could query the database that has just failed.
    return HttpResponseServerError(loader.render_to_string("500.html"))
