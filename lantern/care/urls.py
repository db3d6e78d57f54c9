from django.urls import path

from lantern.care import views

app_name = "care"
urlpatterns = [
    path("children/<str:la_child_id>/cla-reviews/new/", views.cla_review, name="cla_review"),
]
