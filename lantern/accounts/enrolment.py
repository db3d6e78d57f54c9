"""The second factor's lifecycle: the administrator's one-time enrolment code, a device added, devices reset.

The password alone never chooses the second factor: a first authenticator app needs an enrolment code that an
administrator issued and gave to the user out of band (time-limited, used once, only a hash kept); a further app
needs the second factor already passed in this session. Each change is an AccountEvent and an email to the user,
so that a device added by someone else is noticed.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from lantern.accounts.models import AccountEvent, EnrolmentCode, User
from lantern.core.dates import moment_label
from lantern.core.writing import service

# Letters and digits that cannot be misread for each other when read aloud or copied from a phone call.
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 12

CODE_WRONG = "That enrolment code is not right: check it with the administrator who gave it to you"
CODE_NONE = "Ask an administrator for an enrolment code: you need one to set up your first authenticator app"
CODE_EXPIRED = "That enrolment code has expired: ask an administrator for a new one"
CODE_SPENT = "That enrolment code was tried wrongly too many times: ask an administrator for a new one"


def _normalised(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def _grouped(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def _reason(reason: str) -> str:
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError({"reason": "Enter the reason (for example, a ticket number or who asked)"})
    if len(reason) > 200:
        raise ValidationError({"reason": "The reason must be 200 characters or fewer"})
    return reason


@service
def enrolment_code_issue(*, user: User, by: User | None, reason: str) -> str:
    """A new one-time code for `user` (any earlier unused one stops working); the plain code is returned once."""
    reason = _reason(reason)
    if not user.is_active:
        raise ValidationError({"user": f"{user.username}'s account is disabled: enable it before issuing a code"})
    now = timezone.now()
    EnrolmentCode.objects.filter(user=user, used_at__isnull=True).update(expires_at=now)
    code = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    EnrolmentCode.objects.create(
        user=user,
        code_hash=make_password(code),
        issued_by=by,
        reason=reason,
        issued_at=now,
        expires_at=now + timedelta(hours=settings.LANTERN_ENROLMENT_CODE_HOURS),
    )
    AccountEvent.objects.create(user=user, kind=AccountEvent.Kind.CODE_ISSUED, by=by, reason=reason)
    return _grouped(code)


def enrolment_code_try(*, user: User, code: str) -> EnrolmentCode:
    """The user's current code if `code` matches it, else ValidationError on `enrolment_code` saying why.

    A wrong try counts against the code, committed before the refusal; after LANTERN_ENROLMENT_CODE_TRIES wrong
    tries the code is spent.
    """
    tries = settings.LANTERN_ENROLMENT_CODE_TRIES
    with transaction.atomic():
        current = (
            EnrolmentCode.objects.select_for_update()
            .filter(user=user, used_at__isnull=True)
            .order_by("-issued_at")
            .first()
        )
        if current is None:
            problem = CODE_NONE
        elif current.failed_attempts >= tries:
            problem = CODE_SPENT
        elif current.expires_at <= timezone.now():
            problem = CODE_EXPIRED
        elif check_password(_normalised(code), current.code_hash):
            return current
        else:
            current.failed_attempts += 1
            current.save(update_fields=["failed_attempts"])
            problem = CODE_SPENT if current.failed_attempts >= tries else CODE_WRONG
    raise ValidationError({"enrolment_code": problem})


def _tell(user: User, subject: str, body: str) -> None:
    # fail_silently: a mail relay that is down must not undo the change or show the user an error.
    if user.email:
        send_mail(subject, body, None, [user.email], fail_silently=True)


@service
def device_added(*, user: User, device: TOTPDevice, code: EnrolmentCode | None) -> None:
    """Record a confirmed authenticator app, spend the enrolment code that allowed it, and tell the user."""
    now = timezone.now()
    if code is not None:
        EnrolmentCode.objects.filter(pk=code.pk).update(used_at=now)
    reason = "First authenticator app, with an enrolment code" if code is not None else "Another authenticator app"
    AccountEvent.objects.create(user=user, kind=AccountEvent.Kind.DEVICE_ADDED, by=user, reason=reason, at=now)
    _tell(
        user,
        "An authenticator app was added to your Lantern account",
        f"An authenticator app was added to your Lantern account ({user.username}) on {moment_label(now)}.\n\n"
        "If this was not you, tell your Lantern administrator straight away: they can remove it.",
    )


def end_sessions(user: User) -> int:
    """Sign the user out everywhere now: delete each live session that belongs to them. Returns how many."""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()
            ended += 1
    return ended


@service
def two_factor_reset(*, user: User, by: User | None, reason: str) -> int:
    """Remove every authenticator app of `user` (a lost or changed phone) and end their sessions; logged.

    The user then needs a new enrolment code to set one up again. Returns how many apps were removed.
    """
    reason = _reason(reason)
    removed, _ = TOTPDevice.objects.filter(user=user).delete()
    EnrolmentCode.objects.filter(user=user, used_at__isnull=True).update(expires_at=timezone.now())
    AccountEvent.objects.create(user=user, kind=AccountEvent.Kind.DEVICES_RESET, by=by, reason=reason)
    end_sessions(user)
    _tell(
        user,
        "Your Lantern authenticator app was removed",
        f"An administrator removed the authenticator app(s) from your Lantern account ({user.username}). "
        "Ask them for an enrolment code to set up a new one.",
    )
    return removed
