from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.db.models import Q

from lantern.core.modelling import Record, not_before
from lantern.people.models import Child

# SSDA903 SW_REASON (reason a social worker episode ended), labels as D2I transcribe them.
WORKER_CHANGE_REASONS = [
    ("MANAGE", "Management decision"),
    ("FCONTA", "Family contact"),
    ("LEFTRL", "Worker left the role"),
    ("ORGRST", "Organisational restructure"),
    ("TSPROC", "Transfer between teams per process"),
    ("ABSENC", "Worker absence"),
    ("CHCHAN", "Child's circumstances changed"),
    ("PCCHAN", "Child's placement changed"),
    ("SWDIED", "Social worker died"),
    ("OTHERS", "Other"),
]


class Service(Record):
    """A group of teams under one service manager (e.g. Children in care and care leavers)."""

    name = models.CharField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class TeamKind(models.TextChoices):
    FRONT_DOOR = "front_door", "Front door / MASH"
    ASSESSMENT = "assessment", "Assessment"
    SAFEGUARDING = "safeguarding", "Child in need and child protection"
    CHILDREN_IN_CARE = "children_in_care", "Children in care"
    LEAVING_CARE = "leaving_care", "Leaving care"
    DISABLED_CHILDREN = "disabled_children", "Children with disabilities"
    IRO = "iro", "Independent reviewing officers"
    EARLY_HELP = "early_help", "Early help"


class Team(Record):
    Kind = TeamKind

    name = models.CharField(max_length=100, unique=True)
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="teams")
    kind = models.CharField(max_length=20, choices=TeamKind.choices)

    class Meta:
        ordering = ["name"]
        constraints = [models.CheckConstraint(condition=Q(kind__in=TeamKind.values), name="team_kind_code")]

    def __str__(self) -> str:
        return self.name


class WorkerRole(models.TextChoices):
    SOCIAL_WORKER = "social_worker", "Social worker"
    SENIOR_PRACTITIONER = "senior_practitioner", "Senior practitioner"
    PERSONAL_ADVISER = "personal_adviser", "Personal adviser"
    FAMILY_SUPPORT = "family_support", "Family support worker"
    TEAM_MANAGER = "team_manager", "Team manager"
    SERVICE_MANAGER = "service_manager", "Service manager"
    IRO = "iro", "Independent reviewing officer"


class Worker(Record):
    Role = WorkerRole

    class Employment(models.TextChoices):
        PERMANENT = "permanent", "Permanent"
        AGENCY = "agency", "Agency"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="worker"
    )
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    role = models.CharField(max_length=20, choices=WorkerRole.choices)
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="workers")
    employment = models.CharField(max_length=10, choices=Employment.choices, default=Employment.PERMANENT)
    fte = models.DecimalField("full-time equivalent", max_digits=3, decimal_places=2, default=1)
    registration_number = models.CharField(
        max_length=12,
        blank=True,
        help_text="Social Work England registration number; SW_ID in the SSDA903 SWEpisodes table.",
    )
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["last_name", "first_name"]
        constraints = [
            not_before("end_date", "start_date", name="worker_end_not_before_start"),
            models.CheckConstraint(condition=Q(fte__gt=0) & Q(fte__lte=1), name="worker_fte_between_0_and_1"),
            models.CheckConstraint(condition=Q(role__in=WorkerRole.values), name="worker_role_code"),
            models.UniqueConstraint(
                fields=["registration_number"],
                condition=~Q(registration_number=""),
                name="worker_registration_number_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class AllocationRole(models.TextChoices):
    SOCIAL_WORKER = "social_worker", "Allocated social worker"
    PERSONAL_ADVISER = "personal_adviser", "Personal adviser"
    IRO = "iro", "Independent reviewing officer"


class Allocation(Record):
    """A worker allocated to a child over time. One open allocation per child and role."""

    Role = AllocationRole

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="allocations")
    worker = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="allocations")
    # The worker's team when allocated: Annex A's "Allocated Team" must not change when the worker moves on.
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="allocations")
    role = models.CharField(max_length=20, choices=AllocationRole.choices)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=6, blank=True, choices=WORKER_CHANGE_REASONS, help_text="SW_REASON")

    class Meta:
        ordering = ["-start_date"]
        indexes = [models.Index(fields=["team", "end_date"]), models.Index(fields=["worker", "end_date"])]
        constraints = [
            not_before("end_date", "start_date", name="allocation_end_not_before_start"),
            models.UniqueConstraint(
                fields=["child", "role"],
                condition=Q(end_date__isnull=True),
                name="allocation_one_open_per_role",
            ),
            models.CheckConstraint(condition=Q(role__in=AllocationRole.values), name="allocation_role_code"),
        ]

    def __str__(self) -> str:
        return f"{self.worker} → {self.child.la_child_id} ({self.get_role_display()})"


class Supervision(Record):
    """A recorded supervision of a worker; the supervision clock runs from the last one."""

    worker = models.ForeignKey(Worker, on_delete=models.CASCADE, related_name="supervisions")
    supervisor = models.ForeignKey(Worker, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    held_on = models.DateField()

    class Meta:
        ordering = ["-held_on"]
        indexes = [models.Index(fields=["worker", "-held_on"])]

    def __str__(self) -> str:
        return f"Supervision of {self.worker} {self.held_on:%d/%m/%Y}"


class SupervisionDiscussion(Record):
    """A child discussed in a supervision: the management decision about them and the reflection behind it."""

    supervision = models.ForeignKey(Supervision, on_delete=models.CASCADE, related_name="discussions")
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="supervision_discussions")
    decision = models.TextField()
    reflection = models.TextField(blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["supervision", "child"], name="supervision_discussion_child_once")
        ]

    def __str__(self) -> str:
        return f"{self.child.la_child_id} in {self.supervision}"


class SupervisionAction(Record):
    """An action set in supervision for a child: who does it, by when."""

    discussion = models.ForeignKey(SupervisionDiscussion, on_delete=models.CASCADE, related_name="actions")
    action = models.TextField()
    owner = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="supervision_actions")
    due_date = models.DateField()

    class Meta:
        ordering = ["due_date", "pk"]

    def __str__(self) -> str:
        return f"{self.action[:40]} (due {self.due_date:%d/%m/%Y})"


class Post(Record):
    """A post in a team's establishment. A post held by an agency worker counts as vacant and as agency-covered,
    as the DfE's children's social work workforce census counts them."""

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="posts")
    grade = models.CharField(max_length=20, choices=WorkerRole.choices)
    fte = models.DecimalField("full-time equivalent", max_digits=3, decimal_places=2, default=1)
    worker = models.ForeignKey(Worker, null=True, blank=True, on_delete=models.SET_NULL, related_name="posts")
    vacant_since = models.DateField(null=True, blank=True, help_text="Since when it has had no permanent holder.")

    class Meta:
        ordering = ["team", "grade", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(fte__gt=0) & Q(fte__lte=1), name="post_fte_between_0_and_1"),
            models.CheckConstraint(condition=Q(grade__in=WorkerRole.values), name="post_grade_code"),
            models.UniqueConstraint(fields=["worker"], condition=Q(worker__isnull=False), name="post_one_per_worker"),
        ]

    def __str__(self) -> str:
        return f"{self.get_grade_display()} post in {self.team}"

    @property
    def fte_text(self) -> str:
        """The FTE as people write it: 1, 0.5, 0.75."""
        return f"{self.fte:.2f}".rstrip("0").rstrip(".")


class AbsenceKind(models.TextChoices):
    SICKNESS = "sickness", "Sickness"
    PARENTAL = "parental", "Maternity, paternity or adoption leave"
    OTHER = "other", "Other absence"


class Absence(Record):
    """A worker's absence (the census counts sickness days)."""

    Kind = AbsenceKind

    worker = models.ForeignKey(Worker, on_delete=models.CASCADE, related_name="absences")
    start_date = models.DateField()
    end_date = models.DateField()
    kind = models.CharField(max_length=10, choices=AbsenceKind.choices)

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            not_before("end_date", "start_date", name="absence_end_not_before_start"),
            models.CheckConstraint(condition=Q(kind__in=AbsenceKind.values), name="absence_kind_code"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.start_date:%d/%m/%Y}"


# Field-level change history for every case record (DESIGN principle 4).
auditlog.register(Service)
auditlog.register(Team)
auditlog.register(Worker)
auditlog.register(Allocation)
auditlog.register(Supervision)
auditlog.register(SupervisionDiscussion)
auditlog.register(SupervisionAction)
auditlog.register(Post)
auditlog.register(Absence)
