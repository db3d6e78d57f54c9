from django.urls import path

from lantern.sharing import views

app_name = "sharing"
urlpatterns = [
    path("children/<str:la_child_id>/sharing-decisions/new/", views.decision_new, name="decision_new"),
]
