"""A team manager's periodic confirmation of who has access to their team's records."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from lantern.workforce.models import Team


class AccessReview(models.Model):
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="access_reviews")
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    confirmed_at = models.DateTimeField(default=timezone.now, db_index=True)
    # The list as the manager saw it when they confirmed it: one "username: roles" line per person.
    members = models.TextField()
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-confirmed_at"]

    def __str__(self) -> str:
        return f"Access review of {self.team} by {self.confirmed_by} on {self.confirmed_at:%Y-%m-%d}"
