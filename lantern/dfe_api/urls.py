from django.urls import path

from lantern.dfe_api import views

app_name = "dfe_api"
urlpatterns = [path("", views.index, name="index")]
