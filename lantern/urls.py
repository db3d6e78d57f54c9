from django.urls import include, path

from lantern.api import api

urlpatterns = [
    path("", include("lantern.accounts.urls")),
    path("", include("lantern.record.urls")),
    path("", include("lantern.subject_access.urls")),
    path("", include("lantern.journey.urls")),
    path("", include("lantern.frontdoor.urls")),
    path("", include("lantern.staffing.urls")),
    path("", include("lantern.care.urls")),
    path("", include("lantern.missing.urls")),
    path("", include("lantern.leaving_care.urls")),
    path("", include("lantern.liberty.urls")),
    path("", include("lantern.sharing.urls")),
    path("", include("lantern.casework.urls")),
    path("work/", include("lantern.worklists.urls")),
    path("returns/", include("lantern.returns.urls")),
    path("dfe-api/", include("lantern.dfe_api.urls")),
    path("audits/", include("lantern.audits.urls")),
    path("api/", api.urls),
    path("staff/", include("lantern.staff.urls")),
    path("performance/", include("lantern.performance.urls")),
    path("improvement/", include("lantern.improvement.urls")),
]

handler403 = "lantern.pages.errors.forbidden"
handler404 = "lantern.pages.errors.not_found"
handler500 = "lantern.pages.errors.server_error"
