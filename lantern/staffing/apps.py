from django.apps import AppConfig


class StaffingConfig(AppConfig):
    name = "lantern.staffing"
    label = "staffing"
    verbose_name = "Workforce and supervision pages"
