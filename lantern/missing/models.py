from auditlog.registry import auditlog
from django.db import models
from django.db.models import Q

from lantern.core import codes
from lantern.core.modelling import Record, code_in, not_before
from lantern.people.models import Child


class MissingFrom(models.TextChoices):
    HOME = "home", "Home"
    CARE = "care", "Care (their placement)"
    EDUCATION = "education", "Education (school or college)"


class MissingEpisode(Record):
    """A child missing (M) or away without authorisation (A), with the return home interview."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="missing_episodes")
    kind = models.CharField(max_length=1, choices=codes.MISSING_TYPE.choices, help_text="MISSING")
    started_at = models.DateTimeField(help_text="MIS_START (its date)")
    returned_at = models.DateTimeField(null=True, blank=True, help_text="MIS_END (its date)")
    return_interview_offered = models.BooleanField(null=True, blank=True)
    return_interview_accepted = models.BooleanField(null=True, blank=True)
    return_interview_at = models.DateTimeField(null=True, blank=True)
    # When the child turned the offered interview down: the duty was met at that moment, so the clock stops then.
    return_interview_declined_at = models.DateTimeField(null=True, blank=True)
    missing_from = models.CharField(max_length=10, blank=True, choices=MissingFrom.choices)

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            code_in("kind", codes.MISSING_TYPE, name="missing_kind_code"),
            not_before("returned_at", "started_at", name="missing_return_not_before_start"),
            not_before("return_interview_at", "returned_at", name="missing_interview_not_before_return"),
            not_before("return_interview_declined_at", "returned_at", name="missing_declined_not_before_return"),
            models.CheckConstraint(
                condition=Q(return_interview_at__isnull=True) | Q(returned_at__isnull=False),
                name="missing_interview_after_return",
                violation_error_message="A return interview can only follow the child's return",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.started_at:%d/%m/%Y %H:%M}"


class MissingEducationEpisode(Record):
    """A child reported missing education, and when the council's enquiries about them were complete."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="missing_education_episodes")
    reported_on = models.DateField()
    enquiries_completed_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-reported_on"]
        constraints = [
            not_before("enquiries_completed_on", "reported_on", name="missing_education_enquiries_not_before_report")
        ]

    def __str__(self) -> str:
        return f"Missing education from {self.reported_on:%d/%m/%Y}"


class RiskLevel(models.TextChoices):
    NONE = "none", "No concern"
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


EXPLOITATION_KINDS = [
    ("sexual", "Sexual exploitation"),
    ("criminal", "Criminal exploitation"),
    ("county_lines", "County lines"),
    ("trafficking", "Trafficking"),
]
# A screening at these levels means the child is at risk of exploitation: a written safety plan is owed.
AT_RISK_LEVELS = (RiskLevel.MEDIUM, RiskLevel.HIGH)


class ExploitationScreening(Record):
    """A screening of a child's risk of exploitation: the kinds of concern, the level found, and its review date."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="exploitation_screenings")
    screened_on = models.DateField()
    sexual = models.BooleanField(default=False)
    criminal = models.BooleanField(default=False)
    county_lines = models.BooleanField(default=False)
    trafficking = models.BooleanField(default=False)
    level = models.CharField(max_length=6, choices=RiskLevel.choices)
    review_on = models.DateField()

    class Meta:
        ordering = ["-screened_on"]
        constraints = [
            models.CheckConstraint(condition=Q(level__in=RiskLevel.values), name="exploitation_level_code"),
            not_before("review_on", "screened_on", name="exploitation_review_not_before_screening"),
        ]

    def __str__(self) -> str:
        return f"Exploitation screening {self.screened_on:%d/%m/%Y} ({self.get_level_display()})"

    @property
    def concerns(self) -> list[str]:
        return [label for name, label in EXPLOITATION_KINDS if getattr(self, name)]

    @property
    def at_risk(self) -> bool:
        return self.level in AT_RISK_LEVELS


class SafetyPlan(Record):
    """The written safety plan for a child at risk of exploitation: who is involved, where, what is done, review."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="safety_plans")
    made_on = models.DateField()
    people_involved = models.TextField()
    places = models.TextField()
    actions = models.TextField()
    review_on = models.DateField()

    class Meta:
        ordering = ["-made_on"]
        constraints = [not_before("review_on", "made_on", name="safety_plan_review_not_before_plan")]

    def __str__(self) -> str:
        return f"Safety plan {self.made_on:%d/%m/%Y}"


# Field-level change history for every case record (DESIGN principle 4).
auditlog.register(MissingEpisode)
auditlog.register(MissingEducationEpisode)
auditlog.register(ExploitationScreening)
auditlog.register(SafetyPlan)
