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


class AccessEventQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        """Chained row by row in one transaction, like every other write to the access log (accounts/audit.py)."""
        from lantern.accounts import audit

        return audit.chain_append(list(objs))

    def _insert_chained(self, objs: list) -> list:
        return super().bulk_create(objs)


class AccessEvent(models.Model):
    """One view of a child's record, one search, one export or one refused request: who, when, what, from where.

    The record itself is named by its app label, model and primary key so that this leaf app
    imports no record app; the reason is asked for when the record is outside the user's own work.

    The log is tamper-evident: each row's `chain_hash` is SHA-256 over its fields and the previous row's hash, in
    `sequence` order (accounts/audit.py), so `lantern audit verify` finds a row deleted or changed behind Lantern.
    """

    class Action(models.TextChoices):
        VIEW = "view", "Viewed a record"
        SEARCH = "search", "Searched"
        EXPORT = "export", "Exported"
        # A security event: a page refused (403) or a record not found (404), which may be someone probing.
        REFUSED = "refused", "Refused"

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="access_events")
    # Set by the chain under its lock (not auto_now_add, which would change it after it was hashed).
    at = models.DateTimeField(default=timezone.now, editable=False, db_index=True)
    action = models.CharField(max_length=10, choices=Action.choices)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=40, blank=True, db_index=True)
    # For a search: the number of results, never the words searched (they may be a child's name).
    detail = models.CharField(max_length=200, blank=True)
    path = models.CharField(max_length=200, blank=True)
    remote_addr = models.GenericIPAddressField(null=True, blank=True)
    # The HTTP status of a refused request (403, 404); empty for the other actions.
    status = models.PositiveSmallIntegerField(null=True, blank=True)
    sequence = models.PositiveBigIntegerField(unique=True, editable=False)
    chain_hash = models.CharField(max_length=64, editable=False)

    objects = AccessEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["object_type", "object_id", "-at"])]

    def __str__(self) -> str:
        return f"{self.user} {self.action} {self.object_type}:{self.object_id} at {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs) -> None:
        """A new row joins the chain; a row once written is never changed (its hash would no longer match)."""
        if not self._state.adding:
            raise ValueError("The access log is append-only: an entry cannot be changed")
        from lantern.accounts import audit

        audit.chain_append([self])

    @property
    def refusal(self) -> str:
        """What a refused request was told, for the access log pages."""
        return {403: "not allowed (403)", 404: "not found (404)"}.get(self.status, str(self.status or ""))


class AccessLogChain(models.Model):
    """The head of the access log's hash chain, one row: the lock every writer takes, the last link, and the
    checkpoint left by pruning (the last pruned row's number and hash) where `audit verify` starts."""

    sequence = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, blank=True)
    checkpoint_sequence = models.PositiveBigIntegerField(default=0)
    checkpoint_hash = models.CharField(max_length=64, blank=True)
    checkpoint_at = models.DateTimeField(null=True, blank=True)
    pruned_on = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Access log chain at row {self.sequence}"


class EnrolmentCode(models.Model):
    """A one-time code an administrator gives a user out of band, so that their first authenticator app can be set
    up: the password alone must not be enough to choose the second factor. Only a salted hash is kept."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="enrolment_codes")
    code_hash = models.CharField(max_length=128)
    # None: issued on the server with `lantern enrolment_code`.
    issued_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", null=True, blank=True)
    reason = models.CharField(max_length=200)
    issued_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    failed_attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-issued_at"]

    def __str__(self) -> str:
        return f"Enrolment code for {self.user} issued {self.issued_at:%Y-%m-%d %H:%M}"


class AccountEvent(models.Model):
    """What happened to an account (its second factor, joining, moving, leaving), by whom and why: shown to
    administrators; a change to the second factor is also emailed to the user."""

    class Kind(models.TextChoices):
        CODE_ISSUED = "code_issued", "Enrolment code issued"
        DEVICE_ADDED = "device_added", "Authenticator app added"
        DEVICES_RESET = "devices_reset", "Authenticator apps removed"
        # Joiners, movers and leavers (lantern/staff).
        JOINED = "joined", "Account created"
        CHANGED = "changed", "Roles or team changed"
        DISABLED = "disabled", "Account disabled"
        ENABLED = "enabled", "Account enabled again"
        PASSWORD_LINK = "password_link", "Password link issued"
        PASSWORD_CHANGED = "password_changed", "Password changed"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="account_events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    # What changed, in words ("Roles: Social worker → Team manager; team: A → B"); never a password or a code.
    detail = models.CharField(max_length=300, blank=True)
    # None: done on the server with a `lantern` command.
    by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", null=True, blank=True)
    reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.user} at {self.at:%Y-%m-%d %H:%M}"
