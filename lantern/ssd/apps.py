from django.apps import AppConfig


class SsdConfig(AppConfig):
    name = "lantern.ssd"
    label = "ssd"
    verbose_name = "Standard Safeguarding Dataset"
