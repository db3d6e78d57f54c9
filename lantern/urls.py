from django.urls import include, path

urlpatterns = [
    path("", include("lantern.accounts.urls")),
    path("", include("lantern.record.urls")),
]
