"""Setting up and using an authenticator app (TOTP, django-otp) as the second factor."""

import base64

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from lantern.accounts import enrolment
from lantern.accounts.models import EnrolmentCode

CODE_ERROR = "Enter the 6-digit code shown in your authenticator app"
CODE_MISMATCH = "That code did not match: try the newest one"
CODE_MISSING = "Enter the enrolment code an administrator gave you"


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


# The enrolment code this session has passed (its primary key): the key to setting up a first app.
ENROLMENT_ACCEPTED = "lantern-enrolment-code"


def _accepted_code(request: HttpRequest) -> EnrolmentCode | None:
    """The enrolment code this session passed, while it is still unused and in date."""
    pk = request.session.get(ENROLMENT_ACCEPTED)
    if pk is None:
        return None
    return EnrolmentCode.objects.filter(
        pk=pk, user=request.user, used_at__isnull=True, expires_at__gt=timezone.now()
    ).first()


def _enrolment_page(request: HttpRequest, *, error: str = "") -> HttpResponse:
    context = {"error": error, "next": _next_url(request)}
    return render(request, "accounts/two_factor_enrol.html", context, status=400 if error else 200)


@require_http_methods(["GET", "POST"])
@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app. The password alone never gets this far: a user who has an app already must
    pass it first (then may add another), and a first app needs an administrator's one-time enrolment code."""
    has_device = TOTPDevice.objects.filter(user=request.user, confirmed=True).exists()
    if has_device and not request.user.is_verified():
        verify = reverse("two_factor_verify")
        return redirect(f"{verify}?{urlencode({'next': request.get_full_path()})}")
    code = None
    if not has_device:
        code = _accepted_code(request)
        if code is None:
            if request.method == "POST":
                typed = request.POST.get("enrolment_code", "").strip()
                if not typed:
                    return _enrolment_page(request, error=CODE_MISSING)
                try:
                    code = enrolment.enrolment_code_try(user=request.user, code=typed)
                except ValidationError as refused:
                    return _enrolment_page(request, error=refused.message_dict["enrolment_code"][0])
                request.session[ENROLMENT_ACCEPTED] = code.pk
                return redirect(f"{reverse('two_factor_setup')}?{urlencode({'next': _next_url(request)})}")
            return _enrolment_page(request)
    with transaction.atomic():
        device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
        if device is None:
            device = TOTPDevice.objects.create(user=request.user, name="Authenticator app", confirmed=False)
    error = ""
    if request.method == "POST":
        entered = _code(request)
        if entered.isdigit() and len(entered) == 6 and device.verify_token(entered):
            with transaction.atomic():
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
                enrolment.device_added(user=request.user, device=device, code=code)
            request.session.pop(ENROLMENT_ACCEPTED, None)
            otp_login(request, device)
            told = " We have emailed you to say an authenticator app was added." if request.user.email else ""
            messages.success(request, f"Two-factor authentication is set up.{told}")
            return redirect(_next_url(request))
        error = CODE_ERROR if not (entered.isdigit() and len(entered) == 6) else CODE_MISMATCH
    key = base64.b32encode(device.bin_key).decode()
    context = {
        "qr": _qr_data_uri(device.config_url),
        "key_groups": " ".join(key[i : i + 4] for i in range(0, len(key), 4)),
        "error": error,
        "next": _next_url(request),
        "another": has_device,
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
        error = CODE_ERROR if not (code.isdigit() and len(code) == 6) else CODE_MISMATCH
    return render(
        request,
        "accounts/two_factor_verify.html",
        {"error": error, "next": _next_url(request)},
        status=400 if error else 200,
    )
