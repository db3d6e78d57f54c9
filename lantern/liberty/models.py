"""Deprivation of liberty orders (Children's Wellbeing and Schools Act 2026; the SSDA903 2026/27 DoLo table)."""

from auditlog.registry import auditlog
from django.db import models

from lantern.core.modelling import Record, not_before
from lantern.people.models import Child


class DeprivationOfLibertyOrder(Record):
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="liberty_orders")
    start_date = models.DateField("date the order started", help_text="DOLO_START")
    end_date = models.DateField("date the order ended", null=True, blank=True, help_text="DOLO_END")
    court = models.CharField(max_length=120)
    accommodation = models.CharField(
        "the relevant accommodation", max_length=200, help_text="Where the order authorises the child to live"
    )

    class Meta:
        ordering = ["-start_date", "-id"]
        constraints = [not_before("end_date", "start_date", name="dolo_end_not_before_start")]

    def __str__(self) -> str:
        return f"Deprivation of liberty order from {self.start_date:%d/%m/%Y}"

    def in_force_on(self, day) -> bool:
        return self.start_date <= day and (self.end_date is None or self.end_date >= day)


auditlog.register(DeprivationOfLibertyOrder)
