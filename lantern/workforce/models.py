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


# Field-level change history for every case record (DESIGN principle 4).
auditlog.register(Service)
auditlog.register(Team)
auditlog.register(Worker)
auditlog.register(Allocation)
auditlog.register(Supervision)
