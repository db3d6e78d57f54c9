from django.apps import AppConfig


class AuditsConfig(AppConfig):
    name = "lantern.audits"
    label = "audits"
    verbose_name = "Case audits and moderation"
