from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class WorkingdaysConfig(AppConfig):
    name = "lantern.workingdays"
    label = "workingdays"

    def ready(self) -> None:
        from .calendar import invalidate_council_calendar
        from .models import ClosureDay

        # The council calendar is cached per process, so any change to closure days must drop it.
        post_save.connect(invalidate_council_calendar, sender=ClosureDay, dispatch_uid="workingdays.closure_saved")
        post_delete.connect(invalidate_council_calendar, sender=ClosureDay, dispatch_uid="workingdays.closure_deleted")
