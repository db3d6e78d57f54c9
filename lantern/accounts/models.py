from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone

from lantern.accounts.roles import Role


class User(AbstractUser):
    """A person who signs in. Roles are Django groups named after `Role` values."""

    # Inspectors are given time-limited access (`lantern inspector_account`); anyone may be given an end date.
    access_expires_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="After this the account cannot sign in and any session is ended. Required for inspectors.",
    )

    class Meta:
        ordering = ["last_name", "first_name", "username"]

    def access_has_ended(self, *, now=None) -> bool:
        """True once the end date has passed; always for an inspector without one (their access must end)."""
        if self.access_expires_at is None:
            return self.has_role(Role.INSPECTOR)
        return self.access_expires_at <= (now or timezone.now())

    @property
    def roles(self) -> set[str]:
        cached = getattr(self, "_lantern_roles", None)
        if cached is None:
            cached = set(self.groups.values_list("name", flat=True))
            self._lantern_roles = cached
        return cached

    def has_role(self, *roles: Role) -> bool:
        return any(role.value in self.roles for role in roles)

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class AccessEvent(models.Model):
    """One view of a child's record, one search, or one export: who, when, what, from where.

    The record itself is named by its app label, model and primary key so that this leaf app
    imports no record app; the reason is asked for when the record is outside the user's own work.
    """

    class Action(models.TextChoices):
        VIEW = "view", "Viewed a record"
        SEARCH = "search", "Searched"
        EXPORT = "export", "Exported"

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="access_events")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    action = models.CharField(max_length=10, choices=Action.choices)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=40, blank=True, db_index=True)
    # For a search: the number of results, never the words searched (they may be a child's name).
    detail = models.CharField(max_length=200, blank=True)
    path = models.CharField(max_length=200, blank=True)
    remote_addr = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["object_type", "object_id", "-at"])]

    def __str__(self) -> str:
        return f"{self.user} {self.action} {self.object_type}:{self.object_id} at {self.at:%Y-%m-%d %H:%M}"
