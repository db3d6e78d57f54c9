from django.urls import path

from lantern.missing import lists, views

app_name = "missing"
urlpatterns = [
    path("missing-episodes/<int:pk>/return/", views.missing_return, name="return"),
    path("missing-episodes/<int:pk>/return-interview/", views.return_interview, name="return_interview"),
    path("children/<str:la_child_id>/missing-episodes/new/", views.report, name="report"),
    path("children/<str:la_child_id>/exploitation-screenings/new/", views.screening, name="screening"),
    path("children/<str:la_child_id>/safety-plans/new/", views.safety_plan, name="safety_plan"),
    path("missing/", lists.missing_now, name="now"),
    path("missing/repeated/", lists.repeat_missing, name="repeated"),
]
