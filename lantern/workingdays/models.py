from django.db import models


class ClosureDay(models.Model):
    """A day the council itself is closed, on top of the bank holidays in England and Wales."""

    date = models.DateField(unique=True)
    reason = models.CharField(max_length=120, help_text="Shown beside the date, e.g. “Council closure”.")

    class Meta:
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d %b %Y}: {self.reason}"
