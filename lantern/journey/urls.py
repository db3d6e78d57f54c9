from django.urls import path

from lantern.journey import views

app_name = "journey"
urlpatterns = [
    path("contacts/<int:pk>/decision/", views.contact_decision, name="contact_decision"),
    path("referrals/<int:pk>/assessment/", views.assessment, name="assessment"),
    path("referrals/<int:pk>/strategy-discussion/", views.strategy_discussion_new, name="strategy_discussion_new"),
    path("strategy-discussions/<int:pk>/", views.strategy_discussion, name="strategy_discussion"),
    path("section47/<int:pk>/icpc/", views.icpc, name="icpc"),
    path("cp-plans/<int:pk>/review/", views.cp_review, name="cp_review"),
    path("children/<str:la_child_id>/visits/new/", views.visit, name="visit"),
]
