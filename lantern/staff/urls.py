from django.urls import path

from lantern.staff import views

app_name = "staff"
urlpatterns = [
    path("new/", views.staff_new, name="new"),
    path("users/<str:username>/", views.staff_edit, name="edit"),
    path("access-reviews/", views.access_reviews, name="access_reviews"),
    path("access-reviews/<int:team_id>/", views.access_review, name="access_review"),
]
