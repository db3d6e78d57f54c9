from django.urls import path

from lantern.missing import views

app_name = "missing"
urlpatterns = [
    path("missing-episodes/<int:pk>/return/", views.missing_return, name="return"),
    path("missing-episodes/<int:pk>/return-interview/", views.return_interview, name="return_interview"),
]
