"""The site as it was before the recording forms existed: worklists must still link somewhere useful."""

from django.urls import include, path

urlpatterns = [
    path("", include("lantern.accounts.urls")),
    path("", include("lantern.record.urls")),
    path("work/", include("lantern.worklists.urls")),
]
