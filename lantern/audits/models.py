"""Case audits: the tool (domains and questions as data, versioned), the monthly or themed programme with its
reproducible sample, each audit with its grades, moderation and feedback, and the actions arising."""

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.db.models import Q

from lantern.audits.grades import Grade
from lantern.core.modelling import Record, not_before
from lantern.people.models import Child
from lantern.workforce.models import Team, Worker


class AuditTool(Record):
    """A version of the council's audit tool. A change of questions is a new version: old audits keep theirs."""

    name = models.CharField(max_length=120)
    version = models.PositiveSmallIntegerField(default=1)
    is_current = models.BooleanField(default=True)

    class Meta:
        ordering = ["name", "-version"]
        constraints = [models.UniqueConstraint(fields=["name", "version"], name="audit_tool_version_once")]

    def __str__(self) -> str:
        return f"{self.name} (version {self.version})"


class AuditDomain(Record):
    tool = models.ForeignKey(AuditTool, on_delete=models.CASCADE, related_name="domains")
    order = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=120)
    questions = models.JSONField(default=list, blank=True, help_text="The questions the auditor answers, in order")

    class Meta:
        ordering = ["tool", "order"]

    def __str__(self) -> str:
        return self.title


class SampleRule(models.TextChoices):
    CP_OVER_12_MONTHS = "cp_over_12_months", "Children on a child protection plan for over 12 months"
    CP_PLANS = "cp_plans", "Children on a child protection plan"
    CIN_PLANS = "cin_plans", "Children on a child in need plan"
    IN_CARE = "in_care", "Children in care"
    CARE_LEAVERS = "care_leavers", "Care leavers"
    OPEN_CASES = "open_cases", "Every open case"


class AuditProgramme(Record):
    """A month's or a theme's audits and the children drawn for them, by a rule, reproducibly (the seed)."""

    title = models.CharField(max_length=120)
    theme = models.CharField(max_length=80, blank=True)
    month = models.DateField(help_text="The first day of the programme's month")
    rule = models.CharField(max_length=24, choices=SampleRule.choices)
    sample_size = models.PositiveSmallIntegerField()
    per_team_minimum = models.PositiveSmallIntegerField(default=0)
    seed = models.PositiveIntegerField()
    tool = models.ForeignKey(AuditTool, on_delete=models.PROTECT, related_name="programmes")
    drawn_on = models.DateField()
    drawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-month", "-id"]

    def __str__(self) -> str:
        return self.title


class SampledChild(Record):
    programme = models.ForeignKey(AuditProgramme, on_delete=models.CASCADE, related_name="sample")
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="+")
    team = models.ForeignKey(Team, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["programme", "child"], name="audit_sample_child_once")]

    def __str__(self) -> str:
        return f"{self.child_id} in {self.programme_id}"


class CaseAudit(Record):
    """One audit of one child's case. Auditor, moderator and worker are kept as names too: past auditors may have
    left, and an imported audit names people who were never users."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="case_audits")
    programme = models.ForeignKey(
        AuditProgramme, null=True, blank=True, on_delete=models.SET_NULL, related_name="audits"
    )
    tool = models.ForeignKey(AuditTool, null=True, blank=True, on_delete=models.PROTECT, related_name="audits")
    theme = models.CharField(max_length=80, blank=True)
    audit_date = models.DateField()
    auditor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")  # fmt: skip
    auditor_name = models.CharField(max_length=120)
    auditor_grade = models.CharField(max_length=24, choices=Grade.choices)
    moderator = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")  # fmt: skip
    moderator_name = models.CharField(max_length=120, blank=True)
    moderated_grade = models.CharField(max_length=24, blank=True, choices=Grade.choices)
    moderation_reason = models.TextField(max_length=4000, blank=True)
    moderation_date = models.DateField(null=True, blank=True)
    worker = models.ForeignKey(Worker, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    worker_name = models.CharField(max_length=120, blank=True)
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    team_name = models.CharField(max_length=120, blank=True)
    strengths = models.TextField(max_length=8000, blank=True)
    improvements = models.TextField("what needs to improve", max_length=8000, blank=True)
    worker_feedback = models.TextField(max_length=4000, blank=True)
    family_feedback = models.TextField(max_length=4000, blank=True)
    safeguarding_concern = models.TextField(max_length=4000, blank=True, help_text="Raised to the team manager at once")
    out_of_sample_reason = models.CharField(max_length=300, blank=True)
    reference = models.CharField(max_length=40, blank=True, help_text="The audit_id of an imported spreadsheet row")

    class Meta:
        ordering = ["-audit_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(moderated_grade="") | ~Q(moderator_name=""),
                name="audit_moderated_grade_has_moderator",
                violation_error_message="A moderated grade needs its moderator",
            ),
            not_before("moderation_date", "audit_date", name="audit_moderated_not_before_audit"),
            models.UniqueConstraint(fields=["reference"], condition=~Q(reference=""), name="audit_reference_once"),
        ]

    def __str__(self) -> str:
        return f"Case audit {self.audit_date:%d/%m/%Y}"

    @property
    def final_grade(self) -> str:
        return self.moderated_grade or self.auditor_grade


class DomainGrade(Record):
    audit = models.ForeignKey(CaseAudit, on_delete=models.CASCADE, related_name="domain_grades")
    domain = models.ForeignKey(AuditDomain, on_delete=models.PROTECT, related_name="+")
    grade = models.CharField(max_length=24, choices=Grade.choices)
    comment = models.TextField(max_length=4000, blank=True)

    class Meta:
        ordering = ["domain__order"]
        constraints = [models.UniqueConstraint(fields=["audit", "domain"], name="audit_domain_graded_once")]

    def __str__(self) -> str:
        return f"{self.domain_id}: {self.grade}"


class AuditAction(Record):
    """An action arising from an audit: open until someone records it done."""

    audit = models.ForeignKey(CaseAudit, on_delete=models.CASCADE, related_name="actions")
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="audit_actions")
    action = models.TextField(max_length=2000)
    owner = models.ForeignKey(Worker, null=True, blank=True, on_delete=models.SET_NULL, related_name="audit_actions")
    due_date = models.DateField()
    safeguarding = models.BooleanField(default=False, help_text="A safeguarding concern raised to the team manager")
    done_on = models.DateField(null=True, blank=True)
    done_note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["due_date", "id"]

    def __str__(self) -> str:
        return f"Audit action due {self.due_date:%d/%m/%Y}"


for model in (AuditTool, AuditDomain, AuditProgramme, CaseAudit, DomainGrade, AuditAction):
    auditlog.register(model)
