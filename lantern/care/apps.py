from django.apps import AppConfig


class CareConfig(AppConfig):
    name = "lantern.care"
    label = "care"
