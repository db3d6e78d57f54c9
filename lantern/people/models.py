from datetime import date

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.db.models import Q

from lantern.core import codes
from lantern.core.dates import age_on
from lantern.core.modelling import Record, code_in, not_before
from lantern.people.validators import validate_la_child_id, validate_nhs_number, validate_upn


class Child(Record):
    la_child_id = models.CharField(
        "LA child ID",
        max_length=20,
        unique=True,
        validators=[validate_la_child_id],
        help_text="LAchildID / CHILD",
    )
    upn = models.CharField("UPN", max_length=13, blank=True, validators=[validate_upn], db_index=True)
    former_upn = models.CharField("former UPN", max_length=13, blank=True, validators=[validate_upn])
    upn_unknown = models.CharField(
        "UPN unknown reason",
        max_length=3,
        blank=True,
        choices=codes.UPN_UNKNOWN.choices,
        help_text="UPNunknown",
    )
    nhs_number = models.CharField(
        "NHS number", max_length=10, blank=True, validators=[validate_nhs_number], db_index=True
    )
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100, db_index=True)
    date_of_birth = models.DateField(null=True, blank=True, help_text="PersonBirthDate / DOB")
    expected_date_of_birth = models.DateField(null=True, blank=True, help_text="ExpectedPersonBirthDate")
    sex = models.CharField(max_length=1, choices=codes.SEX.choices, help_text="Sex / SEX")
    ethnicity = models.CharField(max_length=4, choices=codes.ETHNICITY.choices, help_text="Ethnicity / ETHNIC")
    death_date = models.DateField(null=True, blank=True, help_text="PersonDeathDate")
    uasc = models.BooleanField("unaccompanied asylum-seeking child", default=False)
    uasc_ceased_date = models.DateField(
        "date UASC status ceased", null=True, blank=True, help_text="DUC (SSDA903 UASC table)"
    )
    # Restricted records (a staff member's relative, a high-profile case) are opened by named users only.
    is_restricted = models.BooleanField(default=False)

    class Meta:
        ordering = ["last_name", "first_name", "la_child_id"]
        verbose_name_plural = "children"
        indexes = [models.Index(fields=["last_name", "first_name"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_of_birth__isnull=False) | Q(expected_date_of_birth__isnull=False),
                name="child_has_birth_or_expected_date",
                violation_error_message="Enter a date of birth or an expected date of birth",
            ),
            not_before("death_date", "date_of_birth", name="child_death_not_before_birth"),
            code_in("sex", codes.SEX, name="child_sex_code"),
            code_in("ethnicity", codes.ETHNICITY, name="child_ethnicity_code"),
            code_in("upn_unknown", codes.UPN_UNKNOWN, name="child_upn_unknown_code", blank=True),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.la_child_id})"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def is_unborn(self) -> bool:
        return self.date_of_birth is None

    def age_on(self, on: date) -> int | None:
        return age_on(self.date_of_birth, on)


class ChildDisability(models.Model):
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="disabilities")
    code = models.CharField(max_length=4, choices=codes.DISABILITY.choices, help_text="Disability")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["child", "code"], name="child_disability_once"),
            code_in("code", codes.DISABILITY, name="child_disability_code"),
        ]

    def __str__(self) -> str:
        return codes.DISABILITY.label(self.code)


class Person(Record):
    """Someone in the child's life who is not the child: a parent, sibling, household member, carer."""

    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    date_of_birth = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=1, blank=True, choices=codes.SEX.choices)
    # A sibling who is also a child on Lantern's record.
    child_record = models.ForeignKey(Child, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["last_name", "first_name"]
        constraints = [code_in("sex", codes.SEX, name="person_sex_code", blank=True)]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"


class RelationshipKind(models.TextChoices):
    MOTHER = "mother", "Mother"
    FATHER = "father", "Father"
    STEP_PARENT = "step_parent", "Step-parent"
    SIBLING = "sibling", "Sibling"
    HALF_SIBLING = "half_sibling", "Half-sibling"
    GRANDPARENT = "grandparent", "Grandparent"
    OTHER_RELATIVE = "other_relative", "Other relative"
    OWN_CHILD = "own_child", "The child's own child"
    HOUSEHOLD = "household", "Household member"
    FAMILY_FRIEND = "family_friend", "Family friend"


class Relationship(Record):
    Kind = RelationshipKind

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="relationships")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    lives_with_child = models.BooleanField(default=False)
    parental_responsibility = models.BooleanField(default=False)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            not_before("end_date", "start_date", name="relationship_end_not_before_start"),
            models.CheckConstraint(condition=Q(kind__in=RelationshipKind.values), name="relationship_kind_code"),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_kind_display()})"


class Address(Record):
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="addresses")
    line_1 = models.CharField("address line 1", max_length=120)
    town = models.CharField(max_length=60, blank=True)
    postcode = models.CharField(max_length=8, help_text="HOME_POST")
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            not_before("end_date", "start_date", name="address_end_not_before_start"),
            models.UniqueConstraint(
                fields=["child"], condition=Q(end_date__isnull=True), name="address_one_current_per_child"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.line_1}, {self.postcode}"


class RestrictedAccess(Record):
    """A named user allowed to open a restricted record; everybody else never sees that child at all."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="restricted_access")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="restricted_access")
    reason = models.CharField(max_length=200)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["child", "user"], name="restricted_access_once")]

    def __str__(self) -> str:
        return f"{self.user} may open {self.child.la_child_id}"


class PossibleDuplicate(Record):
    """A child registered as new although "is this child already known?" found a possible match: the user's
    reason, kept so that the pair can be checked (and merged if they are one child)."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="possible_duplicates")
    possible_match = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=500)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["child", "possible_match"], name="possible_duplicate_once")]

    def __str__(self) -> str:
        return f"{self.child.la_child_id} may be {self.possible_match.la_child_id}"


# Field-level change history for every case record (DESIGN principle 4).
auditlog.register(Child)
auditlog.register(Person)
auditlog.register(Relationship)
auditlog.register(Address)
auditlog.register(RestrictedAccess)
auditlog.register(PossibleDuplicate)
