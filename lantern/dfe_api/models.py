"""What Lantern has sent the DfE, per child, and each send run.

The staging table D2I's councils keep by hand in SQL Server becomes one row per child ever sent: the payload the
DfE last accepted and its hash. Pending is then a comparison (`tracking.pending`), never a flag that an overnight
job could set by mistake.
"""

from django.conf import settings
from django.db import models


class ChildSubmission(models.Model):
    class Status(models.TextChoices):
        SENT = "sent", "Sent"
        ERROR = "error", "Failed"

    la_child_id = models.CharField(max_length=10, unique=True)
    mis_child_id = models.CharField(max_length=20)
    sent_payload = models.JSONField(null=True, blank=True, help_text="The full payload the DfE last accepted")
    sent_hash = models.CharField(max_length=64, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    dfe_response = models.CharField(max_length=120, blank=True, help_text="The DfE's timestamp and id for it")
    purged = models.BooleanField(default=False, help_text="Sent as a purge: the child left the cohort")
    status = models.CharField(max_length=8, choices=Status.choices, blank=True)
    error = models.CharField(max_length=300, blank=True, help_text="Why the last attempt failed (no personal data)")
    attempted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["la_child_id"]

    def __str__(self) -> str:
        return f"DfE API submission {self.la_child_id}"


class SendRun(models.Model):
    class Status(models.TextChoices):
        RUNNING = "running", "Running"
        DONE = "done", "Sent"
        PARTLY = "partly", "Some batches failed"
        FAILED = "failed", "Failed"
        DRY_RUN = "dry_run", "Dry run"

    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.RUNNING)
    pending = models.PositiveIntegerField(default=0)
    sent = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    batches = models.PositiveIntegerField(default=0)
    requests = models.PositiveIntegerField(default=0, help_text="HTTP requests made, token and retries included")
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"DfE API send {self.started_at:%d/%m/%Y %H:%M}"


class PayloadState(models.Model):
    """Each cohort child's payload hash as Lantern's record stands: pending is where this differs from
    `ChildSubmission.sent_hash` (a query), refreshed for the children whose records changed."""

    child = models.OneToOneField("people.Child", on_delete=models.CASCADE, related_name="+")
    la_child_id = models.CharField(max_length=10, unique=True)
    payload_hash = models.CharField(max_length=64)
    built_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"DfE API payload state {self.la_child_id}"


class PayloadRefresh(models.Model):
    """One working-out of the payload states: whole (nightly, before a send) or of the changed children only."""

    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    today = models.DateField(help_text="The day the cohort was worked out for")
    whole = models.BooleanField(default=True)
    children = models.PositiveIntegerField(default=0)
    seconds = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"DfE API payload refresh {self.started_at:%d/%m/%Y %H:%M}"
