from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "lantern.staff"
    label = "staff"
    verbose_name = "Staff accounts: joiners, movers, leavers and access reviews"
    default_auto_field = "django.db.models.BigAutoField"
