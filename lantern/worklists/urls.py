from django.urls import path

from lantern.worklists import views

app_name = "worklists"
urlpatterns = [
    path("", views.my_work, name="my_work"),
    path("team/", views.team, name="team"),
    path("service/", views.service, name="service"),
    path("clocks/", views.clocks, name="clocks"),
]
