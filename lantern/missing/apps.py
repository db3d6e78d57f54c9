from django.apps import AppConfig


class MissingConfig(AppConfig):
    name = "lantern.missing"
    label = "missing"
