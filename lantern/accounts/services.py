from django.db import models
from django.http import HttpRequest

from lantern.accounts.models import AccessEvent


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
