from django.apps import AppConfig


class ImprovementConfig(AppConfig):
    name = "lantern.improvement"
    verbose_name = "Improvement plan"
