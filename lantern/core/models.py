from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models


class AuthoritySettings(models.Model):
    """The council this installation serves. One row; `AuthoritySettings.current()` reads it."""

    name = models.CharField(max_length=120, default="Demo Council")
    ons_code = models.CharField(
        "ONS code",
        max_length=9,
        default="E06000035",
        validators=[RegexValidator(r"^E0[6-9]\d{6}$", "Enter an English ONS local authority code, like E06000035")],
        help_text="Long-form LA code used by the SSDA903 validator (localAuthority).",
    )
    lea_code = models.CharField(
        "LEA code",
        max_length=3,
        default="887",
        validators=[RegexValidator(r"^\d{3}$", "Enter the three-digit LEA code, like 887")],
        help_text="CIN census Header/Source/LEA.",
    )
    postcode_areas = models.CharField(
        max_length=200,
        default="ME1,ME2,ME3,ME4,ME5,ME7,ME8",
        help_text="Postcode districts inside the authority, separated by commas.",
    )

    class Meta:
        verbose_name_plural = "authority settings"
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="authority_settings_single_row")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.id = 1
        super().save(*args, **kwargs)

    @classmethod
    def current(cls) -> "AuthoritySettings":
        settings, _ = cls.objects.get_or_create(id=1)
        return settings

    @property
    def postcode_area_list(self) -> list[str]:
        return [area.strip().upper() for area in self.postcode_areas.split(",") if area.strip()]

    def clean(self) -> None:
        if not self.postcode_area_list:
            raise ValidationError({"postcode_areas": "Enter at least one postcode district, like ME1"})
