import json
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from lantern.accounts.roles import Role
from tests.factories import AllocationFactory, ReferralFactory, UserFactory, WorkerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def referred():
    referral = ReferralFactory(referral_date=date(2025, 12, 19), child__la_child_id="C77")
    worker = WorkerFactory(user=UserFactory(roles=[Role.SOCIAL_WORKER]))
    AllocationFactory(child=referral.child, worker=worker)
    return referral.child, worker.user


def test_the_api_returns_every_clock_for_a_child_on_a_date(client, referred):
    child, user = referred
    client.force_login(user)
    response = client.get("/api/children/C77/timescales", {"as_of": "2026-02-26"})
    assert response.status_code == 200
    body = response.json()
    assert body["as_of"] == "2026-02-26"
    assessment = next(c for c in body["clocks"] if c["rule_id"] == "assessment")
    assert assessment | {"target": None} == {
        "rule_id": "assessment",
        "rule": "Child and family assessment",
        "kind": "statutory",
        "subject": "Referral of 19 Dec 2025",
        "started": "2025-12-19",
        "due": "2026-02-25",
        "done": None,
        "status": "overdue",
        "working_days_elapsed": 46,
        "working_days_remaining": -1,
        "live": True,
        "target": None,
    }


def test_the_api_needs_a_signed_in_user(client, referred):
    assert client.get("/api/children/C77/timescales").status_code == 401


def test_the_api_hides_a_child_outside_the_callers_access(client, referred):
    client.force_login(UserFactory(roles=[Role.SOCIAL_WORKER]))
    assert client.get("/api/children/C77/timescales").status_code == 404


def test_the_api_rejects_a_malformed_date(client, referred):
    client.force_login(referred[1])
    response = client.get("/api/children/C77/timescales", {"as_of": "31/02/2026"})
    assert response.status_code == 422


def test_the_openapi_description_lists_the_endpoint(client, referred):
    assert client.get("/api/openapi.json").status_code == 302
    client.force_login(referred[1])
    paths = client.get("/api/openapi.json").json()["paths"]
    assert "/api/children/{la_child_id}/timescales" in paths


def test_the_command_prints_the_same_clocks_as_json(referred, capsys):
    call_command("timescales", "--child", "C77", "--as-of", "2026-02-26", "--json")
    body = json.loads(capsys.readouterr().out)
    assert [c["status"] for c in body["clocks"] if c["rule_id"] == "assessment"] == ["overdue"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--child", "NOPE"], "No child with LA child ID 'NOPE'"),
        (["--child", "C77", "--as-of", "tomorrow"], "--as-of"),
        # Past the days the clocks can count to: refused by name, not an OverflowError from the calendar.
        (["--child", "C77", "--as-of", "9999-12-31"], "--as-of: the date must be between 1900-01-01 and 2199-12-31"),
    ],
)
def test_the_command_refuses_bad_arguments_clearly(referred, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("timescales", *args)
