from django.urls import path

from lantern.frontdoor import views

app_name = "frontdoor"
urlpatterns = [
    path("front-door/", views.queue, name="queue"),
    path("front-door/children/new/", views.register, name="register"),
    path("front-door/unallocated/", views.unallocated, name="unallocated"),
    path("children/<str:la_child_id>/contacts/new/", views.contact_new, name="contact_new"),
    path("children/<str:la_child_id>/allocation/", views.allocate, name="allocate"),
    path("allocations/<int:pk>/end/", views.allocation_end, name="allocation_end"),
]
