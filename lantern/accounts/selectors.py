"""Reads for the administrator's account pages: users found by a search, and one account's second factor."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q, QuerySet
from django_otp.plugins.otp_totp.models import TOTPDevice

from lantern.accounts.models import AccountEvent, EnrolmentCode, User


def users_matching(query: str) -> QuerySet[User]:
    """Every account, or those whose username, name or email contains `query`; with their apps counted."""
    users = User.objects.all()
    for word in query.split()[:5]:
        users = users.filter(
            Q(username__icontains=word)
            | Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(email__icontains=word)
        )
    apps = Count("totpdevice", filter=Q(totpdevice__confirmed=True), distinct=True)
    return users.annotate(apps=apps).prefetch_related("groups").order_by("last_name", "first_name", "username")


@dataclass
class SecondFactor:
    apps: int
    code: EnrolmentCode | None
    events: list[AccountEvent]


def second_factor(user: User) -> SecondFactor:
    """How many authenticator apps the user has, their latest enrolment code and the account's recent history."""
    return SecondFactor(
        apps=TOTPDevice.objects.filter(user=user, confirmed=True).count(),
        code=EnrolmentCode.objects.filter(user=user).order_by("-issued_at").first(),
        events=list(AccountEvent.objects.filter(user=user).select_related("by").order_by("-at")[:20]),
    )


# The changes to the second factor a user is told of when they next sign in, besides the email.
NOTICE_KINDS = (AccountEvent.Kind.DEVICE_ADDED, AccountEvent.Kind.DEVICES_RESET)


def second_factor_changes_since(user: User, since: datetime | None) -> list[AccountEvent]:
    """Authenticator apps added to or removed from the account after `since` (the sign-in before this one), oldest
    first; all of them, up to 10, for someone who has never signed in."""
    events = AccountEvent.objects.filter(user=user, kind__in=NOTICE_KINDS)
    if since is not None:
        events = events.filter(at__gt=since)
    return list(reversed(events.order_by("-at")[:10]))
