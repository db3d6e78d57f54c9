from django.urls import include, path

from lantern.api import api

urlpatterns = [
    path("", include("lantern.accounts.urls")),
    path("", include("lantern.record.urls")),
    path("", include("lantern.subject_access.urls")),
    path("", include("lantern.journey.urls")),
    path("", include("lantern.frontdoor.urls")),
    path("", include("lantern.care.urls")),
    path("", include("lantern.missing.urls")),
    path("", include("lantern.leaving_care.urls")),
    path("work/", include("lantern.worklists.urls")),
    path("returns/", include("lantern.returns.urls")),
    path("api/", api.urls),
    path("staff/", include("lantern.staff.urls")),
]

handler403 = "lantern.pages.errors.forbidden"
handler404 = "lantern.pages.errors.not_found"
handler500 = "lantern.pages.errors.server_error"
