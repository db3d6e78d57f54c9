from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models
from django.http import HttpRequest
from django.utils import timezone

from lantern.accounts.models import AccessEvent, User
from lantern.accounts.roles import Role
from lantern.core.services import Refusal, save_checked
from lantern.core.writing import service


def access_record(
    request: HttpRequest, *, action: str, obj: models.Model | None = None, detail: str = ""
) -> AccessEvent:
    """Log one view, search or export by the signed-in user: who, when, what and from where."""
    object_type = f"{obj._meta.app_label}.{obj._meta.model_name}" if obj is not None else ""
    return AccessEvent.objects.create(
        user=request.user,
        action=action,
        object_type=object_type,
        object_id=str(obj.pk) if obj is not None else "",
        detail=detail[:200],
        path=request.path[:200],
        remote_addr=request.META.get("REMOTE_ADDR") or None,
    )


# A child's record as access_record names it (app label and model), so that this leaf app imports no record app.
CHILD_RECORD = "people.child"


def access_export_record(
    request: HttpRequest, *, detail: str, children: Iterable[int], obj: models.Model | None = None
) -> list[AccessEvent]:
    """Log one export: a row for the export itself, then one for each child it holds, all in one write.

    A child's access log and subject access file then show every file that held them, not only a row count.
    """
    path = request.path[:200]
    remote_addr = request.META.get("REMOTE_ADDR") or None
    child_ids = sorted(set(children))
    summary = AccessEvent(
        user=request.user,
        action=AccessEvent.Action.EXPORT,
        object_type=f"{obj._meta.app_label}.{obj._meta.model_name}" if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        detail=f"{detail}, {len(child_ids)} {'child' if len(child_ids) == 1 else 'children'}"[:200],
        path=path,
        remote_addr=remote_addr,
    )
    each = [
        AccessEvent(
            user=request.user,
            action=AccessEvent.Action.EXPORT,
            object_type=CHILD_RECORD,
            object_id=str(pk),
            detail=detail[:200],
            path=path,
            remote_addr=remote_addr,
        )
        for pk in child_ids
    ]
    return AccessEvent.objects.bulk_create([summary, *each])


@service
def inspector_account_grant(*, username: str, email: str, days: int, by=None) -> User:
    """Create an inspector's account, or extend one, so that its access ends `days` days from now.

    An inspector reads every record and nothing more; their access is always time-limited, to at most
    LANTERN_INSPECTOR_MAX_DAYS at a time. A new account has no password until one is set.
    """
    refusal = Refusal()
    username = username.strip()
    email = email.strip()
    most = settings.LANTERN_INSPECTOR_MAX_DAYS
    if not username:
        refusal.add("username", "Enter a username")
    else:
        try:
            UnicodeUsernameValidator()(username)
            if len(username) > 150:
                raise ValidationError("too long")
        except ValidationError:
            refusal.add("username", "Enter a username of letters, numbers and @ . + - _ only, up to 150 characters")
    try:
        validate_email(email)
    except ValidationError:
        refusal.add("email", "Enter an email address in the correct format, like name@example.com")
    if days < 1:
        refusal.add("days", "Give the account at least 1 day")
    elif days > most:
        refusal.add("days", f"An inspector's access can be given for at most {most} days at a time")
    user = User.objects.filter(username=username).first() if username else None
    if user is not None and not (user.has_role(Role.INSPECTOR) and user.roles == {Role.INSPECTOR.value}):
        refusal.add("username", f"{username} is not an inspector's account: choose another username")
    refusal.raise_if_any()
    if user is None:
        user = User(username=username)
        user.set_unusable_password()
    user.email = email
    user.is_active = True
    user.access_expires_at = timezone.now() + timedelta(days=days)
    save_checked(user, by=by, exclude=["password"])
    user.groups.add(Group.objects.get_or_create(name=Role.INSPECTOR.value)[0])
    return user
