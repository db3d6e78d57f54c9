from django.urls import path

from lantern.returns import views

app_name = "returns"
urlpatterns = [
    path("", views.index, name="index"),
    path("runs/<int:pk>/", views.job, name="job"),
    path("runs/<int:pk>/progress/", views.job_progress, name="job_progress"),
    path("runs/<int:pk>/download/", views.download, name="download"),
    path("runs/<int:pk>/again/", views.run_again, name="run_again"),
]
