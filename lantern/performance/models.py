"""A measure's value kept per period (`Snapshot`), so that a trend is a read, and the population the rates use."""

from django.core.validators import MinValueValidator
from django.db import models


class Snapshot(models.Model):
    """One measure's value for one period, authority-wide, as the snapshot job computed it."""

    measure_id = models.CharField(max_length=60)
    period_start = models.DateField()
    period_end = models.DateField()
    # None when the denominator was zero ("no children").
    value = models.FloatField(null=True, blank=True)
    numerator = models.PositiveIntegerField()
    denominator = models.PositiveIntegerField()
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["measure_id", "period_end"]
        constraints = [
            models.UniqueConstraint(fields=["measure_id", "period_end"], name="snapshot_one_per_measure_and_end"),
            models.CheckConstraint(
                condition=models.Q(period_start__lte=models.F("period_end")), name="snapshot_start_not_after_end"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.measure_id} to {self.period_end:%d/%m/%Y}"


class PerformanceSetting(models.Model):
    """The council's 0-17 population (ONS mid-year estimate), for rates per 10,000. One row."""

    population_0_17 = models.PositiveIntegerField(
        "children aged 0 to 17", default=64_000, validators=[MinValueValidator(1)]
    )
    population_year = models.PositiveSmallIntegerField("year of the estimate", default=2024)

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="performance_setting_single_row")]

    def __str__(self) -> str:
        return f"Population 0 to 17: {self.population_0_17:,}"

    @classmethod
    def current(cls) -> "PerformanceSetting":
        return cls.objects.filter(id=1).first() or cls(id=1)
