from django.urls import path

from lantern.journey import plan_views, views

app_name = "journey"
urlpatterns = [
    path("contacts/<int:pk>/decision/", views.contact_decision, name="contact_decision"),
    path("referrals/<int:pk>/assessment/", views.assessment, name="assessment"),
    path("referrals/<int:pk>/strategy-discussion/", views.strategy_discussion_new, name="strategy_discussion_new"),
    path("strategy-discussions/<int:pk>/", views.strategy_discussion, name="strategy_discussion"),
    path("section47/<int:pk>/icpc/", views.icpc, name="icpc"),
    path("cp-plans/<int:pk>/review/", views.cp_review, name="cp_review"),
    path("children/<str:la_child_id>/visits/new/", views.visit, name="visit"),
    path("cp-plans/<int:pk>/", plan_views.cp_plan, name="cp_plan"),
    path("cp-plans/<int:pk>/actions/new/", plan_views.cp_plan_action_new, name="cp_plan_action_new"),
    path("cp-plans/<int:pk>/core-group/", plan_views.core_group, name="core_group"),
    path("cin-plans/<int:pk>/actions/new/", plan_views.cin_plan_action_new, name="cin_plan_action_new"),
    path("cin-plans/<int:pk>/review/", plan_views.cin_plan_review, name="cin_plan_review"),
    path("plan-actions/<int:pk>/done/", plan_views.plan_action_done, name="plan_action_done"),
]
