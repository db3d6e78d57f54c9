from django.urls import path

from lantern.leaving_care import views

app_name = "leaving_care"
urlpatterns = [
    path("children/<str:la_child_id>/care-leaver-contacts/new/", views.contact, name="contact"),
    path("children/<str:la_child_id>/entitlements/", views.entitlements, name="entitlements"),
    path("leaving-care/turning-18/", views.turning_18, name="turning_18"),
]
