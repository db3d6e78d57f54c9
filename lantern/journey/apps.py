from django.apps import AppConfig


class JourneyConfig(AppConfig):
    name = "lantern.journey"
    label = "journey"
