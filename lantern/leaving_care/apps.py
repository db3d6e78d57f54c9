from django.apps import AppConfig


class LeavingCareConfig(AppConfig):
    name = "lantern.leaving_care"
    label = "leaving_care"
