"""Decisions to share information about a child (the duty to share, Children's Wellbeing and Schools Act 2026): what,
with whom, when, and the reason whenever it was not shared."""

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.db.models import Q

from lantern.core.modelling import Record
from lantern.people.models import Child


class SharingDecision(Record):
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="sharing_decisions")
    decided_on = models.DateField("date of the decision")
    information = models.CharField("what information", max_length=300)
    shared_with = models.CharField("with whom (agency or person)", max_length=200)
    shared = models.BooleanField()
    reason_not_shared = models.TextField("why it was not shared", max_length=2000, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-decided_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(shared=True) | ~Q(reason_not_shared=""),
                name="sharing_not_shared_has_reason",
                violation_error_message="A decision not to share needs its reason",
            )
        ]

    def __str__(self) -> str:
        return f"Sharing decision {self.decided_on:%d/%m/%Y}"


auditlog.register(SharingDecision)
