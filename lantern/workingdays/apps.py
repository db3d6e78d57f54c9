from django.apps import AppConfig


class WorkingdaysConfig(AppConfig):
    name = "lantern.workingdays"
    label = "workingdays"
