"""The stored open clocks (timescales/store.py): rebuilt whole, kept up to date per child, read by the service view."""

from datetime import date, datetime

import pytest
import time_machine

from lantern.journey.services import visit_record
from lantern.people.models import Child
from lantern.timescales import store
from lantern.timescales.models import ClockRefresh, OpenClock
from lantern.timescales.tasks import rebuild_open_clocks
from lantern.workingdays.calendar import council_calendar
from lantern.workingdays.models import ClosureDay
from lantern.worklists.selectors import worklist
from tests.worklists.conftest import AS_OF
from tests.worklists.test_views import CLOCKS, SERVICE, count_links, drill_down_rows, get, text_of

pytestmark = pytest.mark.django_db


def stored_lines() -> set[tuple[str, str, date]]:
    return {(c.child.la_child_id, c.rule_id, c.due_on) for c in OpenClock.objects.select_related("child")}


def live_lines() -> set[tuple[str, str, date]]:
    work = worklist(Child.objects.all(), as_of=AS_OF)
    return {(i.child.la_child_id, i.clock.rule.id, i.clock.due_date) for i in work.items}


@pytest.fixture
def on_the_day():
    with time_machine.travel(date(2026, 3, 2), tick=False):
        yield


def test_a_rebuild_stores_exactly_the_open_live_clocks_of_every_child(authority, on_the_day):
    refresh = store.refresh_all(as_of=AS_OF)
    assert stored_lines() == live_lines()
    assert ("B2", "assessment", date(2026, 2, 25)) in stored_lines()
    assert refresh.children == 5 and refresh.clocks == len(live_lines()) and refresh.finished_at is not None


def test_due_soon_starts_the_working_day_that_leaves_the_warning_window(db):
    due_soon_from = store._DueSoonFrom(council_calendar(), 5)
    # Due Monday 9 March 2026: five working days remain from Monday 2 March, six from Sunday 1 March.
    assert due_soon_from(date(2026, 3, 9)) == date(2026, 3, 2)
    # Due Tuesday 7 April 2026, after Good Friday and Easter Monday: due soon from Friday 27 March.
    assert due_soon_from(date(2026, 4, 7)) == date(2026, 3, 27)


@pytest.mark.parametrize("user", ["sally", "director"])
def test_the_service_view_counts_the_same_from_the_store_as_live(client, busier, on_the_day, user):
    live = count_links(get(client, busier[user], SERVICE))
    assert 'data-testid="worked-out"' not in text_of(get(client, busier[user], SERVICE))
    store.refresh_all(as_of=AS_OF)
    response = get(client, busier[user], SERVICE)
    assert 'data-testid="worked-out"' in text_of(response)
    assert count_links(response) == live
    for href, n in live:
        assert drill_down_rows(client, href) == n, href


def test_the_stored_drill_down_shows_the_clock_its_child_and_worker(client, authority, on_the_day):
    store.refresh_all(as_of=AS_OF)
    team_b = authority["team_b"]
    text = text_of(get(client, authority["sally"], CLOCKS, team=str(team_b.pk), status="overdue", rule="assessment"))
    assert "Bea Baker" in text and "25 Feb 2026" in text and "Bella Other" in text
    assert "1 clock, overdue first" in text


@pytest.mark.django_db(transaction=True)
def test_a_visit_recorded_clears_the_childs_stored_clock(client, authority, on_the_day):
    # Real commits: the child's clocks are worked out again when the visit's transaction commits.
    store.refresh_all(as_of=AS_OF)
    amy = authority["amy"]
    assert OpenClock.objects.filter(child=amy, rule_id="cp_visit", due_on__lt=AS_OF).exists()
    visit_record(by=authority["alice"], child=amy, kind="cp", visit_date=AS_OF, seen=True, seen_alone=True, today=AS_OF)
    visit = OpenClock.objects.get(child=amy, rule_id="cp_visit")
    assert visit.started_on == AS_OF and visit.due_on > AS_OF
    text = text_of(get(client, authority["sally"], CLOCKS, status="overdue", rule="cp_visit"))
    assert "No clocks match these filters." in text


def test_a_day_later_a_due_soon_clock_is_overdue_without_a_rebuild(client, authority):
    with time_machine.travel(date(2026, 3, 2), tick=False):
        store.refresh_all(as_of=AS_OF)
    with time_machine.travel(date(2026, 3, 10), tick=False):
        client.force_login(authority["alice"])
        text = client.get(CLOCKS, {"status": "overdue", "rule": "assessment"}).content.decode()
    assert "Amy Adams" in text and "9 Mar 2026" in text
    assert "The nightly recount has not run since 2 March 2026" in text


def test_a_new_closure_day_sends_the_views_back_to_working_clocks_out_live(
    client, authority, on_the_day, django_capture_on_commit_callbacks
):
    store.refresh_all(as_of=AS_OF)
    assert store.is_ready(AS_OF, AS_OF) is not None
    with django_capture_on_commit_callbacks(execute=True):
        ClosureDay.objects.create(date=date(2026, 3, 4), reason="Office move")
    assert store.is_ready(AS_OF, AS_OF) is None
    assert ClockRefresh.objects.get().invalidated_by == "closure day changed"
    assert queued_rebuilds() == 1
    text = text_of(get(client, authority["sally"], SERVICE))
    assert 'data-testid="worked-out"' not in text


def test_changes_saved_during_a_rebuild_are_found_again(authority):
    from django.utils import timezone

    with time_machine.travel(datetime(2030, 1, 7, 9, 0), tick=False):
        moment = timezone.now()
        assert store.changed_since(moment) == set()
        visit_record(
            by=authority["alice"], child=authority["amy"], kind="cp", visit_date=AS_OF, seen=True, seen_alone=False
        )
        assert store.changed_since(moment) == {authority["amy"].pk}


def test_the_command_rebuilds_the_store(authority, on_the_day, capsys):
    from django.core.management import call_command

    call_command("timescales", "--refresh", "--as-of", AS_OF.isoformat())
    assert "for 5 children" in capsys.readouterr().out
    assert stored_lines() == live_lines()


def queued_rebuilds() -> int:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path=rebuild_open_clocks.module_path, status="READY").count()


def test_a_service_view_without_todays_rebuild_queues_one_and_a_worker_runs_it(client, authority, on_the_day):
    assert queued_rebuilds() == 0
    get(client, authority["sally"], SERVICE)
    get(client, authority["sally"], SERVICE)
    assert queued_rebuilds() == 1
    assert store.is_ready(AS_OF, AS_OF) is None
    # What `lantern db_worker` does with the queued task.
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.get().task.call()
    assert store.is_ready(AS_OF, AS_OF) is not None
    assert stored_lines() == live_lines()
