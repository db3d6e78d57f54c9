"""A run of a statutory return: who asked for what, how far it has got, and what came out.

The queue itself is django-tasks-db's table; this row is Lantern's own record of the run, so that the Returns page,
the access log and the download never depend on the queue's internals (a finished task may be pruned from it).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q


class ReturnJob(models.Model):
    class Kind(models.TextChoices):
        # The values are the `lantern export` command's names for the returns.
        CIN_CENSUS = "cin-census", "CIN census"
        SSDA903 = "ssda903", "SSDA903 (children looked after)"
        ANNEX_A = "annex-a", "Ofsted Annex A"

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Running"
        DONE = "done", "Finished"
        FAILED = "failed", "Failed"

    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="return_jobs")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Collection year, named by its 31 March (2026 = 2025/26)"
    )
    as_of = models.DateField(null=True, blank=True, help_text="Annex A: the inspection date")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True)
    stage = models.CharField(max_length=120, blank=True)
    percent = models.PositiveSmallIntegerField(default=0)
    task_id = models.CharField(max_length=64, blank=True, help_text="The django-tasks result id")
    # Relative to the returns folder under LANTERN_VAR_DIR (never under static files).
    file_path = models.CharField(max_length=200, blank=True)
    export_summary = models.JSONField(default=dict, blank=True)
    validation = models.JSONField(default=dict, blank=True)
    # Shown on the page as it is: plain words, no stack trace, no personal data (the details go to the log).
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(null=True, blank=True)
    # The worker touches this while the run goes (jobs.Heartbeat); a running job not heard from within the lease
    # had its worker killed, and is marked failed so that it can be started again.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(percent__lte=100), name="return_job_percent_at_most_100"),
            models.CheckConstraint(
                condition=(Q(kind="annex-a") & Q(as_of__isnull=False)) | (~Q(kind="annex-a") & Q(year__isnull=False)),
                name="return_job_has_its_parameter",
                violation_error_message="Annex A needs a date; the CIN census and SSDA903 need a collection year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_status_display()})"

    @property
    def period(self) -> str:
        if self.kind == self.Kind.ANNEX_A:
            return f"as at {self.as_of.day} {self.as_of:%B %Y}" if self.as_of else ""
        return f"{self.year - 1}/{self.year % 100:02d}" if self.year else ""

    @property
    def title(self) -> str:
        return f"{self.get_kind_display()} {self.period}"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def download_name(self) -> str:
        """The file name the analyst gets, e.g. cin-census-2026.xml, ssda903-2026.zip, annex-a-2026-03-31.xlsx."""
        if self.kind == self.Kind.ANNEX_A:
            return f"annex-a-{self.as_of.isoformat()}.xlsx"
        extension = "xml" if self.kind == self.Kind.CIN_CENSUS else "zip"
        return f"{self.kind}-{self.year}.{extension}"
