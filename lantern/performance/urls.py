from django.urls import path

from lantern.performance import views

app_name = "performance"
urlpatterns = [
    path("", views.pack_page, name="pack"),
    path("measures/<slug:measure_id>/", views.measure_children, name="measure"),
]
