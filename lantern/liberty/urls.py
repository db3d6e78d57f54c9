from django.urls import path

from lantern.liberty import views

app_name = "liberty"
urlpatterns = [
    path("children/<str:la_child_id>/deprivation-of-liberty/new/", views.order_new, name="order_new"),
    path("deprivation-of-liberty/<int:pk>/end/", views.order_end, name="order_end"),
]
