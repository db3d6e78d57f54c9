from django.urls import path

from lantern.record import views

urlpatterns = [
    path("", views.home, name="home"),
    path("children/", views.search, name="search"),
    path("data-quality/nhs-number/", views.without_nhs_number, name="without_nhs_number"),
    path("audit/", views.audit_find, name="audit_find"),
    path("audit/refused/", views.refused_requests, name="refused_requests"),
    path("children/<str:la_child_id>/", views.child_record, name="child"),
    path("children/<str:la_child_id>/reason/", views.child_reason, name="child_reason"),
    path("children/<str:la_child_id>/access-log/", views.child_access_log, name="child_access_log"),
    path("children/<str:la_child_id>/history/", views.child_history, name="child_history"),
]
