"""`lantern generate` and `lantern demo`."""

import io

import pytest
from django.core.management import CommandError, call_command

from lantern.demo.users import DEMO_LOGINS, DEMO_PASSWORD
from lantern.demo.writer import RECORD_ORDER
from lantern.people.models import Child
from lantern.timescales.models import ClockRefresh, OpenClock
from lantern.workforce.models import Worker

pytestmark = pytest.mark.django_db

ARGS = ["--size", "tiny", "--seed", "3", "--today", "2026-01-15"]


def row_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in [*RECORD_ORDER, Worker]}


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_it_prints_row_counts_and_the_time_taken():
    output = run("generate", *ARGS)
    assert "people_child" in output
    assert "Generated the tiny authority (seed 3) in" in output
    # The service views' stored open clocks are worked out once the bulk writing is done.
    refresh = ClockRefresh.objects.get()
    assert f"Worked out {refresh.clocks:,} open clocks of {refresh.children:,} children" in output
    assert refresh.clocks == OpenClock.objects.count() > 0


def test_it_refuses_a_second_run_without_force_and_changes_nothing():
    run("generate", *ARGS)
    before = row_counts()
    with pytest.raises(CommandError, match="--force"):
        run("generate", *ARGS)
    assert row_counts() == before


def test_it_replaces_the_generated_data_with_force():
    run("generate", *ARGS)
    before = row_counts()
    output = run("generate", *ARGS, "--force")
    assert "Deleted" in output
    assert row_counts() == before


def test_it_rejects_a_malformed_today():
    with pytest.raises(CommandError, match="--today"):
        run("generate", "--size", "tiny", "--today", "15/01/2026")
    assert not Child.objects.exists()


def test_the_demo_command_generates_once_and_prints_each_roles_username():
    output = run("demo", "--size", "tiny", "--seed", "2")
    for login in DEMO_LOGINS:
        assert login.username in output
        assert login.role.value in output
    assert DEMO_PASSWORD in output
    assert "http://127.0.0.1:8000" in output
    children = Child.objects.count()
    assert children
    assert f"Worked out {OpenClock.objects.count():,} open clocks for the service views" in output

    again = run("demo", "--size", "tiny", "--seed", "2")
    assert "already in place" in again
    assert "sw.demo" in again
    assert Child.objects.count() == children
