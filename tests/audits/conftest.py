"""A small world for audits: a tool of two domains, Team A and Team B each with a manager and children on CP
plans (three over 12 months, two newer), and QA, a service manager and a second QA to moderate."""

from datetime import date

import pytest

from lantern.accounts.roles import Role
from lantern.audits.services import audit_tool_create
from lantern.journey.models import CPPlan
from lantern.workforce.models import Worker
from tests.factories import (
    AllocationFactory,
    ChildFactory,
    ReferralFactory,
    ServiceFactory,
    TeamFactory,
    UserFactory,
    WorkerFactory,
    make,
)

TODAY = date(2026, 12, 4)


@pytest.fixture
def world(db):
    service = ServiceFactory(name="Safeguarding")
    team_a, team_b = TeamFactory(name="Team A", service=service), TeamFactory(name="Team B", service=service)
    qa = UserFactory(username="quinn", first_name="Quinn", last_name="Assure", roles=[Role.QA])
    qa2 = UserFactory(username="mo", first_name="Mo", last_name="Derate", roles=[Role.QA])
    manager = UserFactory(username="tess", first_name="Tess", last_name="Manager", roles=[Role.TEAM_MANAGER])
    manager_worker = WorkerFactory(user=manager, team=team_a, role=Worker.Role.TEAM_MANAGER, first_name="Tess",
                                   last_name="Manager")  # fmt: skip
    sm = UserFactory(username="sam", first_name="Sam", last_name="Service", roles=[Role.SERVICE_MANAGER])
    WorkerFactory(user=sm, team=team_a, role=Worker.Role.SERVICE_MANAGER)
    worker_a = WorkerFactory(team=team_a, first_name="Alex", last_name="Able")
    worker_b = WorkerFactory(team=team_b, first_name="Bo", last_name="Baker")
    children = {}
    for la_id, worker, start in (
        ("A1", worker_a, date(2025, 6, 1)), ("A2", worker_a, date(2025, 7, 1)), ("A3", worker_a, date(2026, 9, 1)),
        ("B1", worker_b, date(2025, 5, 1)), ("B2", worker_b, date(2026, 10, 1)),
    ):  # fmt: skip
        child = ChildFactory(la_child_id=la_id, first_name=f"Child{la_id}")
        AllocationFactory(child=child, worker=worker, start_date=start)
        referral = ReferralFactory(child=child, referral_date=start)
        make(CPPlan, referral=referral, child=child, start_date=start, initial_category="NEG", latest_category="NEG")
        children[la_id] = child
    tool = audit_tool_create(
        by=qa,
        name="Practice audit",
        domains=[("Safety", ["Is the child safe?"]), ("Voice of the child", ["Is the child's voice heard?"])],
    )
    return {"qa": qa, "qa2": qa2, "manager": manager, "manager_worker": manager_worker, "sm": sm, "tool": tool,
            "children": children, "team_a": team_a, "team_b": team_b, "worker_a": worker_a}  # fmt: skip
