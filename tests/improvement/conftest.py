"""The plan's world: the performance pack's small world (assessments within 45 working days: 2 of 3, 66.7%, as at
31 March 2026) and two actions.

- QP1 is judged by that measure: baseline 50% on 30 Sep 2025, target 90% by 30 Sep 2026. On 31 March 2026 the
  trajectory stands at 50% + 40% x 182/365 = 69.9%; 66.7% is 3.3 points short, within the measure's 5-point
  tolerance: amber.
- WF1 has no measure: green, set by hand with its reason.
"""

from datetime import UTC, date, datetime

import pytest
import time_machine

from lantern.improvement import services
from lantern.improvement.models import Theme
from tests.performance.conftest import AS_OF, build_world


@pytest.fixture(autouse=True)
def _themes(db):
    # The themes come with the first migration; a transactional test before this one flushed them.
    services.themes_ensure()


@pytest.fixture
def on_as_of():
    with time_machine.travel(datetime(AS_OF.year, AS_OF.month, AS_OF.day, 12, tzinfo=UTC), tick=False):
        yield


@pytest.fixture
def plan_world(people, on_as_of):
    build_world(people)
    director = people["director"]
    qp1 = services.action_save(
        by=director,
        theme=Theme.objects.get(key="quality_of_practice"),
        ref="QP1",
        text="Assessments completed within 45 working days",
        recommendation="Improve the timeliness of assessments",
        owner=people["tina"],
        start_date=date(2025, 9, 30),
        due_date=date(2026, 9, 30),
        status="in_progress",
        measure_id="assessments_within_45_wd",
        baseline=0.5,
        target=0.9,
    )
    wf1 = services.action_save(
        by=director,
        theme=Theme.objects.get(key="workforce"),
        ref="WF1",
        text="Recruit to vacant front-line posts",
        owner_name="Head of HR",
        start_date=date(2025, 9, 30),
        due_date=date(2026, 12, 31),
    )
    services.manual_rag_set(by=director, action=wf1, rag="green", reason="Six of eight posts filled")
    return people | {"qp1": qp1, "wf1": wf1}
