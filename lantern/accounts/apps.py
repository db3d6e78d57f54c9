from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "lantern.accounts"
    label = "accounts"

    def ready(self) -> None:
        from lantern.accounts import sessions  # noqa: F401 (connects the sign-in signal)
