from auditlog.registry import auditlog
from django.db import models

from lantern.core import codes
from lantern.core.modelling import Record, code_in
from lantern.people.models import Child


class CareLeaver(Record):
    """A young person owed leaving-care duties, and their eligibility category."""

    child = models.OneToOneField(Child, on_delete=models.CASCADE, related_name="care_leaver")
    eligibility = models.CharField(max_length=16, choices=codes.CARE_LEAVER_ELIGIBILITY.choices)
    eligible_from = models.DateField()

    class Meta:
        constraints = [code_in("eligibility", codes.CARE_LEAVER_ELIGIBILITY, name="care_leaver_eligibility_code")]

    def __str__(self) -> str:
        return f"Care leaver ({codes.CARE_LEAVER_ELIGIBILITY.label(self.eligibility)})"


class CareLeaverContact(Record):
    """Each contact with a care leaver, with the SSDA903 OC3 items as found at that contact."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="care_leaver_contacts")
    contact_date = models.DateField()
    in_touch = models.CharField(max_length=4, choices=codes.IN_TOUCH.choices, help_text="IN_TOUCH")
    activity = models.CharField(max_length=2, blank=True, choices=codes.CARE_LEAVER_ACTIVITY.choices, help_text="ACTIV")
    accommodation = models.CharField(
        max_length=2, blank=True, choices=codes.CARE_LEAVER_ACCOMMODATION.choices, help_text="ACCOM"
    )

    class Meta:
        ordering = ["-contact_date"]
        constraints = [
            code_in("in_touch", codes.IN_TOUCH, name="care_leaver_in_touch_code"),
            code_in("activity", codes.CARE_LEAVER_ACTIVITY, name="care_leaver_activity_code", blank=True),
            code_in("accommodation", codes.CARE_LEAVER_ACCOMMODATION, name="care_leaver_accom_code", blank=True),
        ]

    def __str__(self) -> str:
        return f"Care leaver contact {self.contact_date:%d/%m/%Y}"

    @property
    def accommodation_suitable(self) -> bool | None:
        if not self.accommodation or self.accommodation == "0":
            return None
        return self.accommodation.endswith("1")


class PathwayPlanReview(Record):
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="pathway_plan_reviews")
    review_date = models.DateField()

    class Meta:
        ordering = ["-review_date"]

    def __str__(self) -> str:
        return f"Pathway plan review {self.review_date:%d/%m/%Y}"


class NeedsAssessment(Record):
    """The assessment of an eligible child's needs, due within 3 months of their 16th birthday (CPPCR reg 42)."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="leaving_care_needs_assessments")
    completed_on = models.DateField()

    class Meta:
        ordering = ["-completed_on"]

    def __str__(self) -> str:
        return f"Needs assessment {self.completed_on:%d/%m/%Y}"


class PathwayPlan(Record):
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="pathway_plans")
    start_date = models.DateField()

    class Meta:
        ordering = ["-start_date"]

    def __str__(self) -> str:
        return f"Pathway plan from {self.start_date:%d/%m/%Y}"


class EntitlementKind(models.TextChoices):
    HEALTH_HISTORY = "health_history", "Health history"
    NI_NUMBER = "ni_number", "National Insurance number"
    PHOTO_ID = "photo_id", "Photo ID"
    BANK_ACCOUNT = "bank_account", "Bank account"
    BIRTH_CERTIFICATE = "birth_certificate", "Birth certificate"
    PASSPORT = "passport", "Passport (where relevant)"
    RIGHTS_EXPLAINED = "rights_explained", "Rights and entitlements explained"


# Owed to every young person before 18; a passport only where relevant (travel, immigration status), so no clock.
OWED_BEFORE_18 = [kind for kind in EntitlementKind if kind is not EntitlementKind.PASSPORT]
# Handed over too young, a document is lost before it is needed: nothing counts before the 15th birthday.
EARLIEST_AGE = 15


class Entitlement(Record):
    """What a young person must have in their hands before 18: inspectors check each one."""

    Kind = EntitlementKind

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="entitlements")
    kind = models.CharField(max_length=20, choices=EntitlementKind.choices)
    handed_over_on = models.DateField()

    class Meta:
        ordering = ["kind"]
        constraints = [
            models.UniqueConstraint(fields=["child", "kind"], name="entitlement_once_per_kind"),
            models.CheckConstraint(condition=models.Q(kind__in=EntitlementKind.values), name="entitlement_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} handed over {self.handed_over_on:%d/%m/%Y}"


# Field-level change history for every case record (DESIGN principle 4).
auditlog.register(CareLeaver)
auditlog.register(CareLeaverContact)
auditlog.register(PathwayPlanReview)
auditlog.register(NeedsAssessment)
auditlog.register(PathwayPlan)
auditlog.register(Entitlement)
