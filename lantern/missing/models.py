from auditlog.registry import auditlog
from django.db import models
from django.db.models import Q

from lantern.core import codes
from lantern.core.modelling import Record, code_in, not_before
from lantern.people.models import Child


class MissingEpisode(Record):
    """A child missing (M) or away without authorisation (A), with the return home interview."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="missing_episodes")
    kind = models.CharField(max_length=1, choices=codes.MISSING_TYPE.choices, help_text="MISSING")
    started_at = models.DateTimeField(help_text="MIS_START (its date)")
    returned_at = models.DateTimeField(null=True, blank=True, help_text="MIS_END (its date)")
    return_interview_offered = models.BooleanField(null=True, blank=True)
    return_interview_accepted = models.BooleanField(null=True, blank=True)
    return_interview_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            code_in("kind", codes.MISSING_TYPE, name="missing_kind_code"),
            not_before("returned_at", "started_at", name="missing_return_not_before_start"),
            not_before("return_interview_at", "returned_at", name="missing_interview_not_before_return"),
            models.CheckConstraint(
                condition=Q(return_interview_at__isnull=True) | Q(returned_at__isnull=False),
                name="missing_interview_after_return",
                violation_error_message="A return interview can only follow the child's return",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.started_at:%d/%m/%Y %H:%M}"


class MissingEducationEpisode(Record):
    """A child reported missing education, and when the council's enquiries about them were complete."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="missing_education_episodes")
    reported_on = models.DateField()
    enquiries_completed_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-reported_on"]
        constraints = [
            not_before("enquiries_completed_on", "reported_on", name="missing_education_enquiries_not_before_report")
        ]

    def __str__(self) -> str:
        return f"Missing education from {self.reported_on:%d/%m/%Y}"


# Field-level change history for every case record (DESIGN principle 4).
auditlog.register(MissingEpisode)
auditlog.register(MissingEducationEpisode)
