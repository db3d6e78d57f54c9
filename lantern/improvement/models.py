"""The improvement plan: its themes (data), actions with milestones and evidence, each action's measure (from the
performance pack's registry) with its target and trajectory, or a RAG set by hand with its reason, and the RAG kept
per month."""

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.db.models import Q

from lantern.audits.models import CaseAudit
from lantern.core.modelling import Record, not_before
from lantern.people.models import Child


class Rag(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"


class Status(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETE = "complete", "Complete"


class Theme(Record):
    """One of the plan's themes. The five of the inspection's plan are written by the first migration."""

    key = models.SlugField(max_length=40, unique=True)
    title = models.CharField(max_length=120, unique=True)
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["order"]

    def __str__(self) -> str:
        return self.title


class Action(Record):
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="actions")
    ref = models.CharField("reference", max_length=20, unique=True)
    text = models.TextField("action", max_length=2000)
    recommendation = models.TextField("inspection recommendation it answers", max_length=2000, blank=True)
    # The owner is a user where there is one, and a name as written otherwise (a partner agency's lead).
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")  # fmt: skip
    owner_name = models.CharField(max_length=120, blank=True)
    start_date = models.DateField()
    due_date = models.DateField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    measure_id = models.CharField(max_length=60, blank=True)
    baseline = models.FloatField(null=True, blank=True, help_text="The measure's value when the action started")
    target = models.FloatField(null=True, blank=True, help_text="In the measure's unit: a share is 0 to 1")
    manual_rag = models.CharField(max_length=5, choices=Rag.choices, blank=True)
    manual_rag_reason = models.TextField(max_length=2000, blank=True)
    manual_rag_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["theme__order", "ref"]
        constraints = [
            not_before("due_date", "start_date", name="improvement_action_due_not_before_start"),
            models.CheckConstraint(
                condition=Q(manual_rag="") | ~Q(manual_rag_reason=""),
                name="improvement_manual_rag_has_reason",
                violation_error_message="A RAG set by hand needs its reason",
            ),
        ]

    def __str__(self) -> str:
        return self.ref

    @property
    def owner_shown(self) -> str:
        if self.owner_id is not None and self.owner is not None:
            return self.owner.get_full_name() or self.owner.get_username()
        return self.owner_name or "No owner"


class Milestone(Record):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="milestones")
    text = models.CharField(max_length=300)
    due_date = models.DateField()
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_date", "id"]

    def __str__(self) -> str:
        return f"{self.action_id}: {self.text[:40]}"


class EvidenceKind(models.TextChoices):
    DOCUMENT = "document", "A document"
    AUDIT = "audit", "A case audit"
    RECORD = "record", "A child's record"
    NOTE = "note", "A note"


class Evidence(Record):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(max_length=10, choices=EvidenceKind.choices)
    title = models.CharField(max_length=200, blank=True)
    url = models.URLField(max_length=500, blank=True)
    audit = models.ForeignKey(CaseAudit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    child = models.ForeignKey(Child, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    note = models.TextField(max_length=4000, blank=True)
    added_on = models.DateField()
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")  # fmt: skip

    class Meta:
        ordering = ["added_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.action_id}"


class RagSnapshot(Record):
    """An action's RAG in a month, as `lantern improvement snapshot` worked it out (replaced within the month)."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="history")
    month = models.DateField(help_text="The first day of the month")
    as_of = models.DateField()
    rag = models.CharField(max_length=5, choices=Rag.choices, blank=True)
    source = models.CharField(max_length=10, choices=[("measure", "Measure"), ("manual", "Set by hand")])
    value = models.FloatField(null=True, blank=True)
    expected = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["action", "month"]
        constraints = [models.UniqueConstraint(fields=["action", "month"], name="improvement_rag_once_a_month")]

    def __str__(self) -> str:
        return f"{self.action_id} {self.month:%b %Y}: {self.rag}"


for model in (Theme, Action, Milestone, Evidence, RagSnapshot):
    auditlog.register(model)
