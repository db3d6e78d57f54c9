"""The recording pages the child's record offers for a child in care (health, education, the IRO's contact and the
steps of permanence), as (link text, URL): the record's `record_actions` lists them."""

from django.urls import reverse

from lantern.care.permanence_steps import decision_in_force
from lantern.people.models import Child

IN_CARE_PAGES = [
    ("Record a health assessment", "care:health_assessment"),
    ("Record a dental check", "care:dental_check"),
    ("Record an immunisation check", "care:immunisation_check"),
    ("Record a Strengths and Difficulties Questionnaire", "care:sdq"),
    ("Record a personal education plan", "care:pep"),
    ("Record the IRO’s contact with the child", "care:iro_contact"),
    ("Record the permanence plan", "care:permanence_plan"),
]
# Once a decision to place for adoption is in force, its next steps; before it, the decision itself.
ADOPTION_STEPS = [
    ("Record the placement order", "care:placement_order"),
    ("Record the match with adopters", "care:adoption_match"),
    ("Record that the child should no longer be placed for adoption", "care:adoption_reverse"),
]
ADOPTION_DECISION = ("Record the decision that the child should be placed for adoption", "care:adoption_decision")


def in_care_actions(child: Child) -> list[tuple[str, str]]:
    steps = ADOPTION_STEPS if decision_in_force(child) is not None else [ADOPTION_DECISION]
    return [(text, reverse(name, args=[child.la_child_id])) for text, name in IN_CARE_PAGES + steps]
