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


# Field-level change history for every case record (DESIGN principle 4).
auditlog.register(CareLeaver)
auditlog.register(CareLeaverContact)
auditlog.register(PathwayPlanReview)
