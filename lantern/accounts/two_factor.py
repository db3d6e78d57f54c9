"""Setting up and using an authenticator app (TOTP, django-otp) as the second factor."""

import base64

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

CODE_ERROR = "Enter the 6-digit code shown in your authenticator app"


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    # Only a path on this site: redirect() would take "999" or "home" for the name of a view and fail.
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


def _code(request: HttpRequest) -> str:
    return "".join(request.POST.get("code", "").split())


def _qr_data_uri(url: str) -> str:
    svg = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage).to_string()
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode()


@require_http_methods(["GET", "POST"])
@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    with transaction.atomic():
        device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
        if device is None:
            device = TOTPDevice.objects.create(user=request.user, name="Authenticator app", confirmed=False)
    error = ""
    if request.method == "POST":
        code = _code(request)
        if code.isdigit() and len(code) == 6 and device.verify_token(code):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
            otp_login(request, device)
            messages.success(request, "Two-factor authentication is set up")
            return redirect(_next_url(request))
        error = CODE_ERROR if not (code.isdigit() and len(code) == 6) else "That code did not match: try the newest one"
    key = base64.b32encode(device.bin_key).decode()
    context = {
        "qr": _qr_data_uri(device.config_url),
        "key_groups": " ".join(key[i : i + 4] for i in range(0, len(key), 4)),
        "error": error,
        "next": _next_url(request),
    }
    return render(request, "accounts/two_factor_setup.html", context, status=400 if error else 200)


@require_http_methods(["GET", "POST"])
@login_required
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    devices = list(TOTPDevice.objects.filter(user=request.user, confirmed=True))
    if not devices:
        return redirect("two_factor_setup")
    error = ""
    if request.method == "POST":
        code = _code(request)
        device = next((d for d in devices if code.isdigit() and len(code) == 6 and d.verify_token(code)), None)
        if device is not None:
            otp_login(request, device)
            return redirect(_next_url(request))
        error = CODE_ERROR if not (code.isdigit() and len(code) == 6) else "That code did not match: try the newest one"
    return render(
        request,
        "accounts/two_factor_verify.html",
        {"error": error, "next": _next_url(request)},
        status=400 if error else 200,
    )
