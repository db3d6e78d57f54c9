from django.urls import path

from lantern.subject_access import views

# Under the child's record area, as before; mounted from lantern/urls.py, so the record app does not import these.
urlpatterns = [
    path("children/<str:la_child_id>/subject-access/", views.subject_access, name="subject_access"),
    path(
        "children/<str:la_child_id>/subject-access/<int:pk>/download/",
        views.subject_access_download,
        name="subject_access_download",
    ),
]
