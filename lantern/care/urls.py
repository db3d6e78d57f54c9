from django.urls import path

from lantern.care import views

app_name = "care"
urlpatterns = [
    path("children/<str:la_child_id>/cla-reviews/new/", views.cla_review, name="cla_review"),
    path("children/<str:la_child_id>/care/start/", views.period_start, name="period_start"),
    path("children/<str:la_child_id>/care/change/", views.episode_change, name="episode_change"),
    path("children/<str:la_child_id>/care/end/", views.period_end, name="period_end"),
    path("children-in-care/", views.children_in_care, name="children_in_care"),
    path("children-in-care/permanence/", views.permanence_tracker, name="permanence"),
]
