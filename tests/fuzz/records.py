"""What the fuzz tests count and undo: every row of the record, and one example's writes."""

from django.apps import apps
from django.db import transaction

# Rows these never count: the session and sign-in attempts (django-axes); a refused form may still touch them, and
# neither is the record.
NOT_THE_RECORD = {"sessions", "axes"}
# The access log grows by design: a refused form is shown again with the child's details, which is a view to log.
LOGGED_VIEWS = {"accounts.AccessEvent", "accounts.AccessLogChain"}


def record_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label not in NOT_THE_RECORD
        and not model._meta.proxy
        and model._meta.label not in LOGGED_VIEWS
    }


def rolled_back(run):
    """Run one example in a transaction that is always undone, so each example starts from the same records."""
    with transaction.atomic():
        try:
            return run()
        finally:
            transaction.set_rollback(True)
