from django.apps import AppConfig


class WorklistsConfig(AppConfig):
    name = "lantern.worklists"
    label = "worklists"
