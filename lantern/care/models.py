"""Children in care: periods of care made of SSDA903 episodes, and CLA reviews."""

from auditlog.registry import auditlog
from django.db import models
from django.db.models import Q

from lantern.core import codes
from lantern.core.modelling import Record, code_in, not_before
from lantern.people.models import Child


class CarePeriod(Record):
    """One period of being looked after: from the first episode (RNE S) to the last one's end."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="care_periods")
    start_date = models.DateField("date started to be looked after")
    end_date = models.DateField("date ceased to be looked after", null=True, blank=True)

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            not_before("end_date", "start_date", name="care_period_end_not_before_start"),
            models.UniqueConstraint(
                fields=["child"],
                condition=Q(end_date__isnull=True),
                name="care_period_one_open_per_child",
                violation_error_message="This child already has an open period of care",
            ),
        ]

    def __str__(self) -> str:
        return f"Period of care from {self.start_date:%d/%m/%Y}"


class CareEpisode(Record):
    """An SSDA903 episode: a stretch of one legal status and one placement."""

    period = models.ForeignKey(CarePeriod, on_delete=models.CASCADE, related_name="episodes")
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="care_episodes")
    start_date = models.DateField("date episode commenced", help_text="DECOM")
    reason_new_episode = models.CharField(max_length=1, choices=codes.REASON_NEW_EPISODE.choices, help_text="RNE")
    legal_status = models.CharField(max_length=2, choices=codes.LEGAL_STATUS.choices, help_text="LS")
    category_of_need = models.CharField(max_length=2, choices=codes.CATEGORY_OF_NEED.choices, help_text="CIN")
    placement_type = models.CharField(max_length=3, choices=codes.PLACEMENT_TYPE.choices, help_text="PLACE")
    placement_provider = models.CharField(
        max_length=3, blank=True, choices=codes.PLACEMENT_PROVIDER.choices, help_text="PLACE_PROVIDER"
    )
    end_date = models.DateField("date episode ceased", null=True, blank=True, help_text="DEC")
    reason_ceased = models.CharField(
        max_length=3, blank=True, choices=codes.REASON_EPISODE_CEASED.choices, help_text="REC"
    )
    reason_place_change = models.CharField(
        max_length=6, blank=True, choices=codes.REASON_PLACE_CHANGE.choices, help_text="REASON_PLACE_CHANGE"
    )
    home_postcode = models.CharField(max_length=8, blank=True, help_text="HOME_POST")
    placement_postcode = models.CharField(max_length=8, blank=True, help_text="PL_POST")
    urn = models.CharField("Ofsted URN", max_length=8, blank=True, help_text="URN")

    class Meta:
        ordering = ["-start_date"]
        indexes = [models.Index(fields=["child", "start_date"])]
        constraints = [
            not_before("end_date", "start_date", name="care_episode_end_not_before_start"),
            code_in("reason_new_episode", codes.REASON_NEW_EPISODE, name="care_episode_rne_code"),
            code_in("legal_status", codes.LEGAL_STATUS, name="care_episode_ls_code"),
            code_in("category_of_need", codes.CATEGORY_OF_NEED, name="care_episode_cin_code"),
            code_in("placement_type", codes.PLACEMENT_TYPE, name="care_episode_place_code"),
            code_in("placement_provider", codes.PLACEMENT_PROVIDER, name="care_episode_provider_code", blank=True),
            code_in("reason_ceased", codes.REASON_EPISODE_CEASED, name="care_episode_rec_code", blank=True),
            code_in("reason_place_change", codes.REASON_PLACE_CHANGE, name="care_episode_rpc_code", blank=True),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True, reason_ceased="")
                | (Q(end_date__isnull=False) & ~Q(reason_ceased="")),
                name="care_episode_end_with_reason",
                violation_error_message="An episode that ends needs its reason (REC), and a reason needs an end date",
            ),
            models.UniqueConstraint(
                fields=["child"],
                condition=Q(end_date__isnull=True),
                name="care_episode_one_open_per_child",
                violation_error_message="This child already has an open episode of care",
            ),
            models.UniqueConstraint(fields=["child", "start_date"], name="care_episode_one_start_per_day"),
        ]

    def __str__(self) -> str:
        return f"{self.legal_status}/{self.placement_type} from {self.start_date:%d/%m/%Y}"


class CLAReview(Record):
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="cla_reviews")
    period = models.ForeignKey(CarePeriod, on_delete=models.CASCADE, related_name="reviews")
    review_date = models.DateField(help_text="REVIEW")
    participation = models.CharField(max_length=3, choices=codes.REVIEW_PARTICIPATION.choices, help_text="REVIEW_CODE")

    class Meta:
        ordering = ["-review_date"]
        verbose_name = "CLA review"
        constraints = [
            code_in("participation", codes.REVIEW_PARTICIPATION, name="cla_review_participation_code"),
            models.UniqueConstraint(fields=["child", "review_date"], name="cla_review_one_per_day"),
        ]

    def __str__(self) -> str:
        return f"CLA review {self.review_date:%d/%m/%Y}"


class HealthAssessmentKind(models.TextChoices):
    INITIAL = "initial", "Initial health assessment"
    REVIEW = "review", "Review health assessment"


class HealthAssessment(Record):
    Kind = HealthAssessmentKind

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="health_assessments")
    kind = models.CharField(max_length=10, choices=HealthAssessmentKind.choices)
    assessment_date = models.DateField(help_text="HEALTH_ASSESSMENT (OC2) when within the year")

    class Meta:
        ordering = ["-assessment_date"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=HealthAssessmentKind.values), name="health_assessment_kind")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.assessment_date:%d/%m/%Y}"


class DentalCheck(Record):
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="dental_checks")
    check_date = models.DateField(help_text="TEETH_CHECK (OC2) when within the year")

    class Meta:
        ordering = ["-check_date"]

    def __str__(self) -> str:
        return f"Dental check {self.check_date:%d/%m/%Y}"


class PersonalEducationPlan(Record):
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="education_plans")
    plan_date = models.DateField("date of the PEP meeting")

    class Meta:
        ordering = ["-plan_date"]
        verbose_name = "personal education plan"

    def __str__(self) -> str:
        return f"Personal education plan {self.plan_date:%d/%m/%Y}"


class PermanencePlan(Record):
    """The plan for where the child will grow up (Annex A List 8: 'What is the permanence plan for this child?')."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="permanence_plans")
    period = models.ForeignKey(CarePeriod, on_delete=models.CASCADE, related_name="permanence_plans")
    plan = models.CharField(max_length=24, choices=codes.PERMANENCE_PLAN.choices)
    decided_on = models.DateField()

    class Meta:
        ordering = ["-decided_on"]
        constraints = [code_in("plan", codes.PERMANENCE_PLAN, name="permanence_plan_code")]

    def __str__(self) -> str:
        return f"Permanence plan: {codes.PERMANENCE_PLAN.label(self.plan)}"


# Field-level change history for every case record (DESIGN principle 4).
auditlog.register(CarePeriod)
auditlog.register(CareEpisode)
auditlog.register(CLAReview)
auditlog.register(HealthAssessment)
auditlog.register(DentalCheck)
auditlog.register(PersonalEducationPlan)
auditlog.register(PermanencePlan)
