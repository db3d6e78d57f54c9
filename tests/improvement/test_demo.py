"""The demo's plan: 33 actions over the five themes, measures linked, six months of RAGs."""

from collections import Counter

import pytest

from lantern.accounts.roles import Role
from lantern.core.writing import writing
from lantern.demo.improvement import write_improvement_plan
from lantern.improvement.models import Action, RagSnapshot
from lantern.performance.definitions import MEASURES
from tests.factories import UserFactory
from tests.performance.conftest import AS_OF, build_world

pytestmark = pytest.mark.django_db


def test_the_demo_writes_a_33_action_plan_with_measures_linked(people):
    build_world(people)
    users = {role.value: UserFactory(username=f"plan_{role.name.lower()}", roles=[role]) for role in Role}
    with writing("demo generator"):
        kept = write_improvement_plan(users, AS_OF)
        write_improvement_plan(users, AS_OF)  # again: the same plan, not two
    actions = list(Action.objects.select_related("theme"))
    assert len(actions) == 33
    assert Counter(a.theme.key for a in actions) == {
        "quality_of_practice": 8, "workforce": 7, "strategic_leadership": 6, "quality_assurance": 7,
        "partnerships": 5,
    }  # fmt: skip
    linked = [a for a in actions if a.measure_id]
    assert len(linked) >= 15 and all(a.measure_id in MEASURES for a in linked)
    assert all(a.manual_rag and a.manual_rag_reason for a in actions if not a.measure_id)
    assert kept == 33 * 6 and RagSnapshot.objects.count() == 33 * 6
