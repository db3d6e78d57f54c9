from django.core.exceptions import ValidationError
from django.db import models

from lantern.timescales.rules import REGISTRY


def validate_local_rule(rule_id: str) -> None:
    rule = REGISTRY.get(rule_id)
    if rule is None:
        raise ValidationError(f"{rule_id!r} is not a timescale rule")
    if rule.statutory:
        raise ValidationError(f"{rule.name} is statutory: its timescale cannot be changed locally")


class TimescaleSetting(models.Model):
    """The council's own value for a local standard (statutory timescales are fixed in the registry)."""

    rule_id = models.CharField(max_length=40, unique=True, validators=[validate_local_rule])
    amount = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["rule_id"]

    def __str__(self) -> str:
        return f"{self.rule_id}: {self.amount}"


class DriftSetting(models.Model):
    """Thresholds for drift signals (local): one row, `DriftSetting.current()` reads it."""

    due_soon_working_days = models.PositiveSmallIntegerField(
        default=5, help_text="A clock is 'due soon' this many working days before it is due."
    )
    no_activity_working_days = models.PositiveSmallIntegerField(default=20)
    cp_plan_long_months = models.PositiveSmallIntegerField(default=18)
    worker_changes_in_year = models.PositiveSmallIntegerField(default=3)
    placement_moves_in_year = models.PositiveSmallIntegerField(default=3)
    caseload_threshold = models.PositiveSmallIntegerField(default=20)

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="drift_settings_single_row")]

    def __str__(self) -> str:
        return "Drift thresholds"

    def save(self, *args, **kwargs):
        self.id = 1
        super().save(*args, **kwargs)

    @classmethod
    def current(cls) -> "DriftSetting":
        return cls.objects.get_or_create(id=1)[0]
