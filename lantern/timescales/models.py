from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, CharField, Q, Value, When
from django.utils import timezone

from lantern.timescales.engine import Clock, Status
from lantern.timescales.rules import REGISTRY
from lantern.workingdays.calendar import WorkingCalendar


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


class OpenClockQuerySet(models.QuerySet):
    """A stored clock's status on a day, in SQL: the same rule as `Evaluator.clock` and `OpenClock.status_on`."""

    def with_status(self, status: Status | None, as_of: date) -> "OpenClockQuerySet":
        if status is Status.OVERDUE:
            return self.filter(due_on__lt=as_of)
        if status is Status.DUE_SOON:
            return self.filter(due_on__gte=as_of, due_soon_from__lte=as_of)
        if status is Status.NOT_DUE:
            return self.filter(due_soon_from__gt=as_of)
        return self

    def open_on(self, as_of: date) -> "OpenClockQuerySet":
        """Overdue or due soon on the day: what the service view counts."""
        return self.filter(Q(due_soon_from__lte=as_of))

    @staticmethod
    def status_case(as_of: date) -> Case:
        """An expression giving each row's `Status` value on the day, for grouping counts by status."""
        return Case(
            When(due_on__lt=as_of, then=Value(Status.OVERDUE.value)),
            When(due_soon_from__lte=as_of, then=Value(Status.DUE_SOON.value)),
            default=Value(Status.NOT_DUE.value),
            output_field=CharField(),
        )


def _moment(value: datetime, has_time: bool) -> date | datetime:
    return timezone.localtime(value) if has_time else timezone.localtime(value).date()


class OpenClock(models.Model):
    """A live clock that is not done yet, as last worked out: what the service and authority views count.

    Working out every clock for a whole authority takes seconds to minutes, so the views that count across teams
    read this table instead. It is rebuilt for everyone by `lantern timescales --refresh` (nightly) and for one
    child whenever their record changes (`store.py`). Status is not stored: it follows from the dates and the
    day asked about, so a clock that falls due overnight is overdue in the morning without a rebuild.
    """

    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="open_clocks")
    rule_id = models.CharField(max_length=40)
    subject = models.CharField(max_length=200)
    # A clock starts and falls due either on a day or at a moment (hours-counted clocks, a contact's time).
    started = models.DateTimeField(help_text="When the clock started (midnight when it started on a day).")
    started_has_time = models.BooleanField(default=False)
    started_on = models.DateField()
    due = models.DateTimeField(help_text="When it is due (midnight when it is due on a day).")
    due_has_time = models.BooleanField(default=False)
    due_on = models.DateField(db_index=True)
    due_soon_from = models.DateField(help_text="The first day on which it counts as due soon.")
    target_kind = models.CharField(max_length=40)
    target_id = models.PositiveBigIntegerField(null=True)
    worked_out_on = models.DateField()

    objects = OpenClockQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["rule_id", "due_on"]), models.Index(fields=["due_soon_from"])]

    def __str__(self) -> str:
        return f"{self.rule_id} for child {self.child_id}, due {self.due_on}"

    def status_on(self, as_of: date) -> Status:
        if self.due_on < as_of:
            return Status.OVERDUE
        if self.due_soon_from <= as_of:
            return Status.DUE_SOON
        return Status.NOT_DUE

    def as_clock(self, *, as_of: date, calendar: WorkingCalendar) -> Clock:
        """The clock as `Evaluator.clock` would give it on `as_of`, from the stored dates."""
        return Clock(
            rule=REGISTRY[self.rule_id],
            child_id=self.child_id,
            subject=self.subject,
            started=_moment(self.started, self.started_has_time),
            due=_moment(self.due, self.due_has_time),
            done=None,
            status=self.status_on(as_of),
            working_days_elapsed=calendar.working_days_between(self.started_on, as_of),
            working_days_remaining=calendar.working_days_between(as_of, self.due_on),
            target_kind=self.target_kind,
            target_id=self.target_id,
        )


class ClockRefresh(models.Model):
    """Each rebuild of the whole `OpenClock` table: when, for which day, and how much it found."""

    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True)
    as_of = models.DateField()
    children = models.PositiveIntegerField(default=0)
    clocks = models.PositiveIntegerField(default=0)
    seconds = models.FloatField(null=True)
    # Set when a setting that changes every due date (a closure day, a local timescale, the warning window) is
    # saved: the table no longer holds what the rules say, so the views work clocks out live until the next rebuild.
    invalidated_at = models.DateTimeField(null=True)
    invalidated_by = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-started_at"]
        get_latest_by = "started_at"

    def __str__(self) -> str:
        return f"Clocks worked out for {self.as_of}"
