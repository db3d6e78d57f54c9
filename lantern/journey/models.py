"""The front door to plans: contacts, referrals (CIN episodes), early help, assessments, strategy discussions,
section 47 enquiries, conferences, CIN and CP plans, and visits."""

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.db.models import Q

from lantern.core import codes
from lantern.core.modelling import Record, code_in, not_before
from lantern.people.models import Child
from lantern.workforce.models import Team, Worker


class NeedLevel(Record):
    """A level on the council's continuum of need (its threshold document): an authority setting, one row a level.

    Councils name and number their levels differently (four levels, or "universal" to "acute"), so they are rows,
    seeded with a common four-level continuum and changed by the council, never codes in the program."""

    position = models.PositiveSmallIntegerField(unique=True)
    name = models.CharField(max_length=80, unique=True)
    description = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.name


class Consent(models.TextChoices):
    GIVEN = "given", "Yes, the family consented to the contact being made"
    REFUSED = "refused", "No, the family refused consent"
    NOT_SOUGHT = "not_sought", "Not sought: seeking it could place the child at risk of significant harm"
    NOT_KNOWN = "not_known", "Not known"


# The longest account of concerns a contact takes: a referrer's letter fits; a pasted case file is refused.
CONCERNS_MAX_LENGTH = 20_000


class Contact(Record):
    Consent = Consent

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="contacts")
    received_at = models.DateTimeField(db_index=True)
    source = models.CharField(max_length=3, choices=codes.REFERRAL_SOURCE.choices, help_text="Contact Source")
    decision = models.CharField(max_length=12, blank=True, choices=codes.CONTACT_DECISION.choices)
    decision_at = models.DateTimeField(null=True, blank=True)
    summary = models.CharField(max_length=300, blank=True)
    referrer = models.CharField("who made the contact", max_length=200, blank=True)
    concerns = models.TextField(max_length=CONCERNS_MAX_LENGTH, blank=True)
    consent = models.CharField(max_length=10, blank=True, choices=Consent.choices)
    need_level = models.ForeignKey(
        NeedLevel, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="level of need"
    )

    class Meta:
        ordering = ["-received_at"]
        constraints = [
            code_in("source", codes.REFERRAL_SOURCE, name="contact_source_code"),
            code_in("decision", codes.CONTACT_DECISION, name="contact_decision_code", blank=True),
            not_before("decision_at", "received_at", name="contact_decision_not_before_receipt"),
            models.CheckConstraint(condition=Q(consent__in=[*Consent.values, ""]), name="contact_consent_code"),
            models.CheckConstraint(
                condition=Q(decision="", decision_at__isnull=True) | (~Q(decision="") & Q(decision_at__isnull=False)),
                name="contact_decision_with_its_time",
                violation_error_message="A decision needs its date and time, and a date and time needs a decision",
            ),
        ]

    def __str__(self) -> str:
        return f"Contact {self.received_at:%d/%m/%Y}"


class EarlyHelpEpisode(Record):
    """An episode of early help (Family Help): not always led by a social worker or by the council."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="early_help_episodes")
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    reason = models.CharField(max_length=200, blank=True)
    end_reason = models.CharField(max_length=200, blank=True)
    organisation = models.CharField("organisation completing assessment", max_length=120, help_text="Annex A List 2")
    lead_practitioner = models.CharField(max_length=120, blank=True)
    assessment_completed_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            not_before("end_date", "start_date", name="early_help_end_not_before_start"),
            not_before("assessment_completed_date", "start_date", name="early_help_assessment_not_before_start"),
        ]

    def __str__(self) -> str:
        return f"Early help from {self.start_date:%d/%m/%Y}"


class Referral(Record):
    """A referral and the CIN episode it opens (CINdetails)."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="referrals")
    contact = models.OneToOneField(Contact, null=True, blank=True, on_delete=models.SET_NULL, related_name="referral")
    referral_date = models.DateField("CIN referral date", help_text="CINreferralDate", db_index=True)
    referral_source = models.CharField(max_length=3, choices=codes.REFERRAL_SOURCE.choices, help_text="ReferralSource")
    primary_need_code = models.CharField(
        max_length=2, blank=True, choices=codes.PRIMARY_NEED.choices, help_text="PrimaryNeedCode"
    )
    referral_nfa = models.BooleanField("referral no further action", default=False, help_text="ReferralNFA")
    closure_date = models.DateField("CIN closure date", null=True, blank=True, help_text="CINclosureDate")
    reason_for_closure = models.CharField(
        max_length=3, blank=True, choices=codes.REASON_FOR_CLOSURE.choices, help_text="ReasonForClosure"
    )
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-referral_date"]
        constraints = [
            code_in("referral_source", codes.REFERRAL_SOURCE, name="referral_source_code"),
            code_in("primary_need_code", codes.PRIMARY_NEED, name="referral_primary_need_code", blank=True),
            code_in(
                "reason_for_closure",
                codes.REASON_FOR_CLOSURE,
                name="referral_closure_reason_code",
                blank=True,
            ),
            not_before("closure_date", "referral_date", name="referral_closure_not_before_referral"),
            models.CheckConstraint(
                condition=Q(closure_date__isnull=True, reason_for_closure="")
                | (Q(closure_date__isnull=False) & ~Q(reason_for_closure="")),
                name="referral_closure_with_reason",
                violation_error_message="A closure date needs a reason for closure, and a reason needs a date",
            ),
            models.UniqueConstraint(
                fields=["child"], condition=Q(closure_date__isnull=True), name="referral_one_open_episode"
            ),
        ]

    def __str__(self) -> str:
        return f"Referral {self.referral_date:%d/%m/%Y}"

    @property
    def is_open(self) -> bool:
        return self.closure_date is None


# The longest a long text field takes (an assessment's voice of the child, a plan's outcome): refused, never cut.
TEXT_LIMIT = 20_000


class AssessmentOutcome(models.TextChoices):
    NFA = "nfa", "No further action"
    FAMILY_HELP = "family_help", "Family Help (early help)"
    CIN_PLAN = "cin_plan", "Child in need plan"
    STRATEGY = "strategy", "Strategy discussion (section 47 threshold may be met)"
    CARE = "care", "Child to become looked after"


class Assessment(Record):
    Outcome = AssessmentOutcome

    """A child and family assessment (Assessments)."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="assessments")
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="assessments")
    start_date = models.DateField(help_text="AssessmentActualStartDate")
    authorised_date = models.DateField(null=True, blank=True, help_text="AssessmentAuthorisationDate")
    child_seen_date = models.DateField(null=True, blank=True)
    # Annex A List 4: "Was the child assessed as requiring LA children's social care support?"
    requires_support = models.BooleanField(null=True, blank=True)
    worker = models.ForeignKey(Worker, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # The child's own words and wishes, and how they were gathered (direct work, an advocate, their drawings).
    child_words = models.TextField("the child’s words and wishes", max_length=TEXT_LIMIT, blank=True)
    how_gathered = models.TextField("how the child’s views were gathered", max_length=TEXT_LIMIT, blank=True)
    sibling_impact = models.TextField("impact on siblings", max_length=TEXT_LIMIT, blank=True)
    outcome = models.CharField(max_length=12, blank=True, choices=AssessmentOutcome.choices)
    # Authorising is a manager's decision: who made it is recorded beside when.
    authorised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome__in=[*AssessmentOutcome.values, ""]), name="assessment_outcome_code"
            ),
            not_before("authorised_date", "start_date", name="assessment_authorised_not_before_start"),
            not_before("child_seen_date", "start_date", name="assessment_seen_not_before_start"),
        ]

    def __str__(self) -> str:
        return f"Assessment from {self.start_date:%d/%m/%Y}"


class AssessmentFactor(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="factors")
    code = models.CharField(max_length=3, choices=codes.ASSESSMENT_FACTOR.choices, help_text="AssessmentFactors")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "code"], name="assessment_factor_once"),
            code_in("code", codes.ASSESSMENT_FACTOR, name="assessment_factor_code"),
        ]

    def __str__(self) -> str:
        return codes.ASSESSMENT_FACTOR.label(self.code)


class StrategyDiscussion(Record):
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="strategy_discussions")
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="strategy_discussions")
    # When the threshold for a section 47 enquiry was thought to be met: the strategy discussion clock starts here.
    threshold_decision_at = models.DateTimeField(null=True, blank=True)
    held_on = models.DateField(null=True, blank=True, help_text="Empty until the discussion is held")
    initiate_s47 = models.BooleanField("section 47 enquiry initiated", default=True)

    class Meta:
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"Strategy discussion {self.held_on:%d/%m/%Y}" if self.held_on else "Strategy discussion (not yet held)"


class Section47Enquiry(Record):
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="section47_enquiries")
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="section47_enquiries")
    strategy_discussion = models.OneToOneField(
        StrategyDiscussion, null=True, blank=True, on_delete=models.SET_NULL, related_name="section47"
    )
    start_date = models.DateField(help_text="S47ActualStartDate")
    end_date = models.DateField(null=True, blank=True)
    icpc_not_required = models.BooleanField("ICPC not required", default=False, help_text="ICPCnotRequired")

    class Meta:
        ordering = ["-start_date"]
        verbose_name = "section 47 enquiry"
        verbose_name_plural = "section 47 enquiries"
        constraints = [not_before("end_date", "start_date", name="s47_end_not_before_start")]

    def __str__(self) -> str:
        return f"Section 47 enquiry from {self.start_date:%d/%m/%Y}"


class CPPlan(Record):
    """A child protection plan (ChildProtectionPlans)."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="cp_plans")
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="cp_plans")
    start_date = models.DateField(help_text="CPPstartDate")
    end_date = models.DateField(null=True, blank=True, help_text="CPPendDate")
    initial_category = models.CharField(
        max_length=3, choices=codes.CATEGORY_OF_ABUSE.choices, help_text="InitialCategoryOfAbuse"
    )
    latest_category = models.CharField(
        max_length=3, choices=codes.CATEGORY_OF_ABUSE.choices, help_text="LatestCategoryOfAbuse"
    )
    # The Lead Child Protection Practitioner (Working Together 2023): a social worker named on each plan.
    lead_practitioner = models.ForeignKey(
        Worker,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="Lead Child Protection Practitioner",
    )

    class Meta:
        ordering = ["-start_date"]
        verbose_name = "child protection plan"
        constraints = [
            not_before("end_date", "start_date", name="cp_plan_end_not_before_start"),
            code_in("initial_category", codes.CATEGORY_OF_ABUSE, name="cp_plan_initial_category_code"),
            code_in("latest_category", codes.CATEGORY_OF_ABUSE, name="cp_plan_latest_category_code"),
            models.UniqueConstraint(fields=["child"], condition=Q(end_date__isnull=True), name="cp_plan_one_open"),
        ]

    def __str__(self) -> str:
        return f"Child protection plan from {self.start_date:%d/%m/%Y}"


class ConferenceKind(models.TextChoices):
    INITIAL = "initial", "Initial child protection conference"
    REVIEW = "review", "Review child protection conference"


class ChildProtectionConference(Record):
    Kind = ConferenceKind

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="conferences")
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="conferences")
    kind = models.CharField(max_length=10, choices=ConferenceKind.choices)
    section47 = models.ForeignKey(
        Section47Enquiry, null=True, blank=True, on_delete=models.SET_NULL, related_name="conferences"
    )
    # A review conference belongs to its plan (a check refuses a review without one), so it goes with it.
    cp_plan = models.ForeignKey(CPPlan, null=True, blank=True, on_delete=models.CASCADE, related_name="conferences")
    held_on = models.DateField(help_text="DateOfInitialCPC or CPPreviewDate")
    plan_made = models.BooleanField(null=True, blank=True, help_text="Did the ICPC result in a child protection plan")

    class Meta:
        ordering = ["-held_on"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=ConferenceKind.values), name="conference_kind_code"),
            models.CheckConstraint(
                condition=~Q(kind=ConferenceKind.REVIEW) | Q(cp_plan__isnull=False),
                name="conference_review_has_plan",
                violation_error_message="A review conference belongs to a child protection plan",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on:%d/%m/%Y}"


class CINPlan(Record):
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="cin_plans")
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="cin_plans")
    start_date = models.DateField(help_text="CINPlanStartDate")
    end_date = models.DateField(null=True, blank=True, help_text="CINPlanEndDate")

    class Meta:
        ordering = ["-start_date"]
        verbose_name = "child in need plan"
        constraints = [
            not_before("end_date", "start_date", name="cin_plan_end_not_before_start"),
            models.UniqueConstraint(fields=["child"], condition=Q(end_date__isnull=True), name="cin_plan_one_open"),
        ]

    def __str__(self) -> str:
        return f"Child in need plan from {self.start_date:%d/%m/%Y}"


class PlanAction(Record):
    """An action on a CIN or CP plan, under the outcome it serves: who does it, by when, and when it was done."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="plan_actions")
    cin_plan = models.ForeignKey(CINPlan, null=True, blank=True, on_delete=models.CASCADE, related_name="actions")
    cp_plan = models.ForeignKey(CPPlan, null=True, blank=True, on_delete=models.CASCADE, related_name="actions")
    outcome = models.TextField("outcome for the child", max_length=TEXT_LIMIT)
    action = models.TextField(max_length=TEXT_LIMIT)
    owner = models.CharField("who will do it", max_length=200)
    due_date = models.DateField()
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cin_plan__isnull=True, cp_plan__isnull=False)
                | Q(cin_plan__isnull=False, cp_plan__isnull=True),
                name="plan_action_one_plan",
                violation_error_message="An action belongs to one plan",
            ),
        ]

    def __str__(self) -> str:
        return f"Plan action due {self.due_date:%d/%m/%Y}"


class CoreGroup(Record):
    """A core group meeting on a child protection plan: the first within 10 working days of the ICPC."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="core_groups")
    cp_plan = models.ForeignKey(CPPlan, on_delete=models.CASCADE, related_name="core_groups")
    held_on = models.DateField()

    class Meta:
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"Core group {self.held_on:%d/%m/%Y}"


class CINPlanReview(Record):
    """A review of a child in need plan, with what it decided."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="cin_plan_reviews")
    cin_plan = models.ForeignKey(CINPlan, on_delete=models.CASCADE, related_name="reviews")
    held_on = models.DateField()
    outcome = models.TextField("what the review decided", max_length=TEXT_LIMIT, blank=True)

    class Meta:
        ordering = ["-held_on"]
        verbose_name = "child in need plan review"

    def __str__(self) -> str:
        return f"Child in need plan review {self.held_on:%d/%m/%Y}"


class AuthorisationDelegation(models.Model):
    """The council's choice (one row): may social workers authorise assessments, as well as team managers?"""

    social_workers_may_authorise = models.BooleanField(
        default=False, help_text="Delegate authorising child and family assessments to social workers"
    )

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(id=1), name="authorisation_delegation_single_row")]

    def __str__(self) -> str:
        return "Social workers may authorise" if self.social_workers_may_authorise else "Team managers only"

    @classmethod
    def current(cls) -> "AuthorisationDelegation":
        return cls.objects.filter(id=1).first() or cls(id=1)


class VisitKind(models.TextChoices):
    CIN = "cin", "Child in need visit"
    CP = "cp", "Child protection visit"
    CLA = "cla", "Child in care statutory visit"
    CARE_LEAVER = "care_leaver", "Care leaver contact visit"
    OTHER = "other", "Other visit"


class Visit(Record):
    Kind = VisitKind

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="visits")
    kind = models.CharField(max_length=12, choices=VisitKind.choices)
    visit_date = models.DateField(db_index=True)
    seen = models.BooleanField("child seen", default=True)
    seen_alone = models.BooleanField("child seen alone", default=False)
    worker = models.ForeignKey(Worker, null=True, blank=True, on_delete=models.SET_NULL, related_name="visits")

    class Meta:
        ordering = ["-visit_date"]
        indexes = [models.Index(fields=["child", "kind", "-visit_date"])]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=VisitKind.values), name="visit_kind_code"),
            models.CheckConstraint(
                condition=Q(seen=True) | Q(seen_alone=False),
                name="visit_seen_alone_implies_seen",
                violation_error_message="A child seen alone must have been seen",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.visit_date:%d/%m/%Y}"


# Field-level change history for every case record (DESIGN principle 4).
auditlog.register(Contact)
auditlog.register(NeedLevel)
auditlog.register(EarlyHelpEpisode)
auditlog.register(Referral)
auditlog.register(Assessment)
auditlog.register(StrategyDiscussion)
auditlog.register(Section47Enquiry)
auditlog.register(CPPlan)
auditlog.register(ChildProtectionConference)
auditlog.register(CINPlan)
auditlog.register(Visit)
auditlog.register(PlanAction)
auditlog.register(CoreGroup)
auditlog.register(CINPlanReview)
