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
    destination = models.CharField(
        "where the child went", max_length=200, blank=True, help_text="In words, beside the reason (REC)"
    )

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


class StrengthsAndDifficulties(Record):
    """A Strengths and Difficulties Questionnaire: the carer's score, or why there is none (SSDA903 OC2)."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="sdq_scores")
    completed_on = models.DateField("date of the SDQ (or of the decision that none could be done)")
    score = models.PositiveSmallIntegerField(null=True, blank=True, help_text="SDQ_SCORE (0 to 40)")
    reason_no_score = models.CharField(
        max_length=4, blank=True, choices=codes.SDQ_REASON.choices, help_text="SDQ_REASON"
    )

    class Meta:
        ordering = ["-completed_on"]
        verbose_name = "strengths and difficulties questionnaire"
        constraints = [
            code_in("reason_no_score", codes.SDQ_REASON, name="sdq_reason_code", blank=True),
            models.CheckConstraint(
                condition=(Q(score__isnull=False) & Q(reason_no_score="") & Q(score__lte=40))
                | (Q(score__isnull=True) & ~Q(reason_no_score="")),
                name="sdq_score_or_reason",
                violation_error_message="Record either a score from 0 to 40 or the reason there is no score",
            ),
        ]

    def __str__(self) -> str:
        what = f"score {self.score}" if self.score is not None else self.reason_no_score
        return f"SDQ {self.completed_on:%d/%m/%Y}: {what}"


class ImmunisationCheck(Record):
    """Whether the child's immunisations were up to date when checked (SSDA903 OC2 IMMUNISATIONS)."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="immunisation_checks")
    checked_on = models.DateField()
    up_to_date = models.BooleanField(help_text="IMMUNISATIONS")

    class Meta:
        ordering = ["-checked_on"]

    def __str__(self) -> str:
        return f"Immunisations {'up to date' if self.up_to_date else 'not up to date'} on {self.checked_on:%d/%m/%Y}"


class SubstanceMisuse(Record):
    """A substance misuse problem identified, and the intervention offered or received (SSDA903 OC2)."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="substance_misuse")
    identified_on = models.DateField(help_text="SUBSTANCE_MISUSE")
    intervention_offered = models.BooleanField(null=True, blank=True, help_text="INTERVENTION_OFFERED")
    intervention_received = models.BooleanField(null=True, blank=True, help_text="INTERVENTION_RECEIVED")

    class Meta:
        ordering = ["-identified_on"]
        verbose_name_plural = "substance misuse"
        constraints = [
            models.CheckConstraint(
                condition=~Q(intervention_received=True) | ~Q(intervention_offered=False),
                name="substance_misuse_received_was_offered",
                violation_error_message="An intervention the child received was offered to them",
            )
        ]

    def __str__(self) -> str:
        return f"Substance misuse identified {self.identified_on:%d/%m/%Y}"


class Conviction(Record):
    """A conviction (or final warning or reprimand) of a child aged 10 or over (SSDA903 OC2 CONVICTED)."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="convictions")
    convicted_on = models.DateField()
    offence = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-convicted_on"]

    def __str__(self) -> str:
        return f"Conviction {self.convicted_on:%d/%m/%Y}"


class Adopters(Record):
    """A prospective adoptive household, from enquiry to approval (Annex A List 11; SSDA903 AD1 adopter items)."""

    reference = models.CharField("adopter identifier", max_length=20, unique=True)
    number_of_adopters = models.PositiveSmallIntegerField(help_text="NB_ADOPTR (1 or 2)")
    sex = models.CharField(max_length=2, choices=codes.ADOPTER_SEX.choices, help_text="SEX_ADOPTR")
    legal_status = models.CharField(max_length=3, choices=codes.ADOPTER_LEGAL_STATUS.choices, help_text="LS_ADOPTR")
    fostering_for_adoption = models.BooleanField("approved to foster for adoption", default=False)
    enquiry_on = models.DateField("date enquiry received", null=True, blank=True)
    stage_one_start = models.DateField(null=True, blank=True)
    stage_one_end = models.DateField(null=True, blank=True)
    stage_two_start = models.DateField(null=True, blank=True)
    stage_two_end = models.DateField(null=True, blank=True)
    application_on = models.DateField("date application submitted", null=True, blank=True)
    approved_on = models.DateField("date application approved", null=True, blank=True)
    left_on = models.DateField("date of leaving the adoption process", null=True, blank=True)
    left_reason = models.CharField("reason for leaving the adoption process", max_length=200, blank=True)

    class Meta:
        ordering = ["reference"]
        verbose_name_plural = "adopters"
        constraints = [
            code_in("sex", codes.ADOPTER_SEX, name="adopters_sex_code"),
            code_in("legal_status", codes.ADOPTER_LEGAL_STATUS, name="adopters_legal_status_code"),
            models.CheckConstraint(
                condition=(Q(number_of_adopters=1) & Q(sex__in=["M1", "F1"]) & Q(legal_status="L0"))
                | (Q(number_of_adopters=2) & Q(sex__in=["MM", "FF", "MF"]) & ~Q(legal_status="L0")),
                name="adopters_number_matches_sex_and_status",
                violation_error_message="One adopter is a single person (M1 or F1, L0); two are a couple",
            ),
            models.CheckConstraint(
                condition=~Q(legal_status__in=["L11", "L3"]) | Q(sex="MF"),
                name="adopters_different_sex_couple",
                violation_error_message="L11 and L3 are for a male and female couple (MF)",
            ),
            models.CheckConstraint(
                condition=~Q(legal_status__in=["L12", "L4"]) | Q(sex__in=["MM", "FF"]),
                name="adopters_same_sex_couple",
                violation_error_message="L12 and L4 are for a same-sex couple (MM or FF)",
            ),
            not_before("stage_one_end", "stage_one_start", name="adopters_stage_one_order"),
            not_before("stage_two_end", "stage_two_start", name="adopters_stage_two_order"),
            not_before("approved_on", "application_on", name="adopters_approved_after_application"),
        ]

    def __str__(self) -> str:
        return f"Adopters {self.reference}"


class AdoptionDecision(Record):
    """The decision that a child should be placed for adoption, the match, and a reversal if there is one.

    SSDA903: DATE_PLACED / DATE_INT (decided_on), DATE_MATCH, the adopters' AD1 items, DATE_PLACED_CEASED and
    REASON_PLACED_CEASED. The placement order (legal status E1), the adoptive placement (A3-A6) and the adoption
    order (REC E11/E12) are the child's episodes.
    """

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="adoption_decisions")
    period = models.ForeignKey(CarePeriod, on_delete=models.CASCADE, related_name="adoption_decisions")
    decided_on = models.DateField("date of decision that the child should be placed for adoption")
    matched_on = models.DateField("date matched with adopters", null=True, blank=True, help_text="DATE_MATCH")
    adopters = models.ForeignKey(
        Adopters, on_delete=models.PROTECT, null=True, blank=True, related_name="adoption_decisions"
    )
    reversed_on = models.DateField(
        "date of decision that the child should no longer be placed for adoption",
        null=True,
        blank=True,
        help_text="DATE_PLACED_CEASED",
    )
    reversed_reason = models.CharField(
        max_length=3, blank=True, choices=codes.REASON_PLACED_CEASED.choices, help_text="REASON_PLACED_CEASED"
    )
    # The placement order as the court made it (the E1 episode that follows is the return's record of it).
    placement_order_applied_on = models.DateField("date the placement order was applied for", null=True, blank=True)
    placement_order_on = models.DateField("date of the placement order", null=True, blank=True)

    class Meta:
        ordering = ["-decided_on"]
        constraints = [
            code_in("reversed_reason", codes.REASON_PLACED_CEASED, name="adoption_reversed_reason_code", blank=True),
            not_before("matched_on", "decided_on", name="adoption_matched_not_before_decision"),
            not_before("reversed_on", "decided_on", name="adoption_reversed_not_before_decision"),
            not_before(
                "placement_order_on", "placement_order_applied_on", name="adoption_placement_order_after_application"
            ),
            models.CheckConstraint(
                condition=Q(reversed_on__isnull=True, reversed_reason="")
                | (Q(reversed_on__isnull=False) & ~Q(reversed_reason="")),
                name="adoption_reversal_with_reason",
                violation_error_message="A reversed decision needs its date and its reason",
            ),
            models.CheckConstraint(
                condition=Q(matched_on__isnull=True) | Q(adopters__isnull=False),
                name="adoption_match_names_adopters",
                violation_error_message="A match is with adopters: choose them",
            ),
        ]

    def __str__(self) -> str:
        return f"Should be placed for adoption from {self.decided_on:%d/%m/%Y}"


class IROContactMethod(models.TextChoices):
    VISIT = "visit", "Visit in person"
    VIDEO = "video", "Video call"
    PHONE = "phone", "Phone call"
    MESSAGE = "message", "Letter, email or message"


class IROContact(Record):
    """The independent reviewing officer's contact with the child between reviews (IRO Handbook 2010, 3.19).

    No clock: the handbook asks for contact between reviews but sets no timescale, and the registry has none."""

    Method = IROContactMethod

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="iro_contacts")
    period = models.ForeignKey(CarePeriod, on_delete=models.CASCADE, related_name="iro_contacts")
    contact_date = models.DateField("date of the contact")
    method = models.CharField(max_length=8, choices=IROContactMethod.choices)
    summary = models.TextField("what the child said and what the IRO will do", blank=True)

    class Meta:
        ordering = ["-contact_date"]
        verbose_name = "IRO contact"
        constraints = [
            models.CheckConstraint(condition=Q(method__in=IROContactMethod.values), name="iro_contact_method")
        ]

    def __str__(self) -> str:
        return f"IRO contact {self.contact_date:%d/%m/%Y}"


# Field-level change history for every case record (DESIGN principle 4).
auditlog.register(CarePeriod)
auditlog.register(CareEpisode)
auditlog.register(CLAReview)
auditlog.register(HealthAssessment)
auditlog.register(DentalCheck)
auditlog.register(PersonalEducationPlan)
auditlog.register(PermanencePlan)
for _model in (
    StrengthsAndDifficulties,
    ImmunisationCheck,
    SubstanceMisuse,
    Conviction,
    Adopters,
    AdoptionDecision,
    IROContact,
):
    auditlog.register(_model)
