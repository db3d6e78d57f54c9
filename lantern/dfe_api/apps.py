from django.apps import AppConfig


class DfeApiConfig(AppConfig):
    name = "lantern.dfe_api"
    label = "dfe_api"
    verbose_name = "DfE child-level API"
