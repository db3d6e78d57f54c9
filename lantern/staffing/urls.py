from django.urls import path

from lantern.staffing import views

app_name = "staffing"
urlpatterns = [
    path("workforce/", views.workforce, name="workforce"),
    path("workforce/census/", views.census, name="census"),
    path("workforce/workers/<int:worker_id>/supervision/new/", views.supervision_new, name="supervision_new"),
]
