from django.apps import AppConfig


class LibertyConfig(AppConfig):
    name = "lantern.liberty"
    label = "liberty"
    verbose_name = "Deprivation of liberty"
