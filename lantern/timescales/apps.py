from django.apps import AppConfig


class TimescalesConfig(AppConfig):
    name = "lantern.timescales"
    label = "timescales"

    def ready(self) -> None:
        from lantern.timescales.store import track_changes

        track_changes()
