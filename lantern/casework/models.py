"""Case notes and managers' oversight decisions, kept for good, and the drafts of long forms.

A note or a decision is never deleted: a correction makes a new version of it, and the version it replaces is kept
beside it (`CaseNoteVersion`, `OversightDecisionVersion`), so the record can say "corrected on …" and show what it
said before. Drafts are the writer's own unsaved work on a long form, kept on the server as they type.
"""

from auditlog.registry import auditlog
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models

from lantern.core.modelling import Record, RecordQuerySet
from lantern.people.models import Child

# The longest case note or oversight text accepted: refused beyond it, never cut (a long direct-work session fits).
TEXT_LIMIT = 20_000
WHO_SEEN_LIMIT = 300


class NeverDeleted(Exception):
    """A case note or oversight decision is never deleted: correct it, which keeps the earlier version."""


class KeptQuerySet(RecordQuerySet):
    def delete(self):
        raise NeverDeleted(f"{self.model.__name__} records are never deleted: record a correction instead")


class Kept(Record):
    """A record that is corrected by versions, never deleted."""

    version = models.PositiveIntegerField(default=1)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = KeptQuerySet.as_manager()

    class Meta:
        abstract = True

    def delete(self, *args, **kwargs):
        raise NeverDeleted(f"{type(self).__name__} records are never deleted: record a correction instead")


class NoteKind(models.TextChoices):
    VISIT = "visit", "Visit"
    PHONE_CALL = "phone_call", "Phone call"
    MEETING = "meeting", "Meeting"
    OBSERVATION = "observation", "Observation"
    DIRECT_WORK = "direct_work", "Direct work"
    CHILDS_VOICE = "childs_voice", "Child’s voice"


class CaseNote(Kept):
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="case_notes")
    event_at = models.DateTimeField("date and time of the event")
    kind = models.CharField(max_length=20, choices=NoteKind.choices)
    who_seen = models.CharField(max_length=WHO_SEEN_LIMIT, blank=True)
    text = models.TextField(validators=[MaxLengthValidator(TEXT_LIMIT)])

    class Meta:
        ordering = ["-event_at", "-pk"]
        indexes = [models.Index(fields=["child", "event_at"])]
        constraints = [models.CheckConstraint(condition=models.Q(kind__in=NoteKind.values), name="case_note_kind")]


class CaseNoteVersion(Record):
    """What a case note said before a correction replaced it."""

    note = models.ForeignKey(CaseNote, on_delete=models.PROTECT, related_name="versions")
    version = models.PositiveIntegerField()
    event_at = models.DateTimeField()
    kind = models.CharField(max_length=20, choices=NoteKind.choices)
    who_seen = models.CharField(max_length=WHO_SEEN_LIMIT, blank=True)
    text = models.TextField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    replaced_at = models.DateTimeField()

    objects = KeptQuerySet.as_manager()

    class Meta:
        ordering = ["-version"]
        constraints = [models.UniqueConstraint(fields=["note", "version"], name="case_note_version_once")]

    def delete(self, *args, **kwargs):
        raise NeverDeleted("Earlier versions of a case note are never deleted")


class OversightDecision(Kept):
    """A manager's decision on a child's case, and when it is next to be looked at (which starts a clock)."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="oversight_decisions")
    decided_on = models.DateField("date of the decision")
    decision = models.TextField(validators=[MaxLengthValidator(TEXT_LIMIT)])
    reason = models.TextField(validators=[MaxLengthValidator(TEXT_LIMIT)])
    next_review_on = models.DateField("next review date")

    class Meta:
        ordering = ["-decided_on", "-pk"]
        indexes = [models.Index(fields=["child", "decided_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(next_review_on__gt=models.F("decided_on")),
                name="oversight_review_after_decision",
                violation_error_message="The next review date must be after the date of the decision",
            )
        ]


class OversightDecisionVersion(Record):
    """What an oversight decision said before a correction replaced it."""

    decision_record = models.ForeignKey(OversightDecision, on_delete=models.PROTECT, related_name="versions")
    version = models.PositiveIntegerField()
    decided_on = models.DateField()
    decision = models.TextField()
    reason = models.TextField()
    next_review_on = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    replaced_at = models.DateTimeField()

    objects = KeptQuerySet.as_manager()

    class Meta:
        ordering = ["-version"]
        constraints = [models.UniqueConstraint(fields=["decision_record", "version"], name="oversight_version_once")]

    def delete(self, *args, **kwargs):
        raise NeverDeleted("Earlier versions of an oversight decision are never deleted")


class OversightDelegation(models.Model):
    """The council's choice (one row): may social workers record oversight decisions as well as managers?"""

    social_workers_may_record = models.BooleanField(
        default=False, help_text="Delegate recording management oversight decisions to social workers"
    )

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="oversight_delegation_single_row")]

    def __str__(self) -> str:
        return "Social workers may record oversight" if self.social_workers_may_record else "Managers only"

    @classmethod
    def current(cls) -> "OversightDelegation":
        return cls.objects.filter(id=1).first() or cls(id=1)


class Draft(Record):
    """What someone was typing into a long form, kept as they type until they save it (one per user and form).

    `form` names the form and what it records ("case_note", "case_note:12" for a correction of note 12); `data`
    is the form's fields as posted, so that they come back exactly as typed.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="drafts")
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="+")
    form = models.CharField(max_length=60)
    data = models.JSONField(default=dict)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "child", "form"], name="draft_one_per_form")]


# Drafts are not registered: each keystroke's draft is not the record's history.
auditlog.register(CaseNote)
auditlog.register(CaseNoteVersion)
auditlog.register(OversightDecision)
auditlog.register(OversightDecisionVersion)
auditlog.register(OversightDelegation)
