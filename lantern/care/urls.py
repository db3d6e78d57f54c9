from django.urls import path

from lantern.care import health_views, permanence_views, views

app_name = "care"
urlpatterns = [
    path("children/<str:la_child_id>/cla-reviews/new/", views.cla_review, name="cla_review"),
    path("children/<str:la_child_id>/care/start/", views.period_start, name="period_start"),
    path("children/<str:la_child_id>/care/change/", views.episode_change, name="episode_change"),
    path("children/<str:la_child_id>/care/end/", views.period_end, name="period_end"),
    path("children-in-care/", views.children_in_care, name="children_in_care"),
    path("children-in-care/permanence/", views.permanence_tracker, name="permanence"),
    path(
        "children/<str:la_child_id>/health-assessments/new/", health_views.health_assessment, name="health_assessment"
    ),
    path("children/<str:la_child_id>/dental-checks/new/", health_views.dental_check, name="dental_check"),
    path("children/<str:la_child_id>/immunisations/new/", health_views.immunisation_check, name="immunisation_check"),
    path("children/<str:la_child_id>/sdq/new/", health_views.sdq, name="sdq"),
    path("children/<str:la_child_id>/peps/new/", health_views.pep, name="pep"),
    path("children/<str:la_child_id>/iro-contacts/new/", health_views.iro_contact, name="iro_contact"),
    path("children/<str:la_child_id>/permanence-plan/new/", permanence_views.permanence_plan, name="permanence_plan"),
    path("children/<str:la_child_id>/adoption/decision/", permanence_views.adoption_decision, name="adoption_decision"),
    path(
        "children/<str:la_child_id>/adoption/placement-order/", permanence_views.placement_order, name="placement_order"
    ),
    path("children/<str:la_child_id>/adoption/match/", permanence_views.adoption_match, name="adoption_match"),
    path("children/<str:la_child_id>/adoption/reversal/", permanence_views.adoption_reverse, name="adoption_reverse"),
]
