from django.urls import path

from lantern.improvement import views

app_name = "improvement"
urlpatterns = [
    path("", views.plan_page, name="plan"),
    path("board/", views.board_report, name="board"),
    path("actions/new/", views.action_new, name="action_new"),
    path("actions/<int:pk>/", views.action_page, name="action"),
    path("actions/<int:pk>/edit/", views.action_edit, name="action_edit"),
    path("actions/<int:pk>/milestones/new/", views.milestone_new, name="milestone_new"),
    path("actions/<int:pk>/evidence/new/", views.evidence_new, name="evidence_new"),
    path("actions/<int:pk>/rag/", views.rag_set, name="rag"),
]
