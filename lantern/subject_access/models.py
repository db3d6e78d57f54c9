from django.conf import settings
from django.db import models

from lantern.people.models import Child


class Redaction(models.TextChoices):
    NONE = "none", "Do not redact"
    THIRD_PARTIES = "third_parties", "Redact family members and other people on the record"
    THIRD_PARTIES_AND_WORKERS = "workers", "Redact family members, other people and workers"


class SubjectAccessRequest(models.Model):
    """One request for a child's whole file, as the data protection officer logged it.

    The file is built afresh at each download (and each download goes in the access log), so nothing personal is
    stored here beyond which child, the request's reference and what was to be redacted.
    """

    Redaction = Redaction

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="subject_access_requests")
    reference = models.CharField("request reference", max_length=40)
    redaction = models.CharField(max_length=16, choices=Redaction.choices)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(redaction__in=Redaction.values), name="sar_redaction_code"),
        ]

    def __str__(self) -> str:
        return f"Subject access {self.reference} for {self.child.la_child_id}"

    @property
    def redacts_third_parties(self) -> bool:
        return self.redaction != Redaction.NONE

    @property
    def redacts_workers(self) -> bool:
        return self.redaction == Redaction.THIRD_PARTIES_AND_WORKERS
