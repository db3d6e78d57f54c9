from django.urls import path

from lantern.audits import views

app_name = "audits"
urlpatterns = [
    path("", views.index, name="index"),
    path("agreement/", views.agreement, name="agreement"),
    path("programmes/<int:pk>/", views.programme, name="programme"),
    path("children/<str:la_child_id>/new/", views.audit_new, name="audit_new"),
    path("<int:pk>/", views.audit, name="audit"),
    path("actions/<int:pk>/done/", views.action_done, name="action_done"),
]
