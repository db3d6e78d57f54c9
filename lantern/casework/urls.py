from django.urls import path

from lantern.casework import views

app_name = "casework"
urlpatterns = [
    path("children/<str:la_child_id>/case-notes/", views.case_notes, name="case_notes"),
    path("children/<str:la_child_id>/case-notes/new/", views.case_note_new, name="case_note_new"),
    path("case-notes/<int:pk>/", views.case_note, name="case_note"),
    path("case-notes/<int:pk>/correct/", views.case_note_correct, name="case_note_correct"),
    path("children/<str:la_child_id>/oversight/new/", views.oversight_new, name="oversight_new"),
    path("oversight/<int:pk>/", views.oversight, name="oversight"),
    path("oversight/<int:pk>/correct/", views.oversight_correct, name="oversight_correct"),
]
