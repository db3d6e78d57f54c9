"""The access log's hash chain: `lantern audit verify` names the first row deleted or changed behind Lantern, and
`lantern audit prune` removes rows past retention with the rest still verifying."""

import io
import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import connection, connections, transaction

from lantern.accounts import audit
from lantern.accounts.models import AccessEvent, AccessLogChain
from lantern.accounts.roles import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _log(user, n: int, **fields) -> list[AccessEvent]:
    return [
        AccessEvent.objects.create(user=user, action=AccessEvent.Action.VIEW, object_id=str(i), **fields)
        for i in range(n)
    ]


def _verify() -> str:
    """What `lantern audit verify` says: its output when intact, its error when broken."""
    from io import StringIO

    out = StringIO()
    try:
        call_command("audit", "verify", stdout=out)
    except CommandError as error:
        return f"ERROR {error}"
    return out.getvalue()


def _sql(statement: str, *params) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement.replace("TABLE", AccessEvent._meta.db_table), params)


@pytest.fixture
def user():
    return UserFactory(username="tina", roles=[Role.TEAM_MANAGER])


def test_verify_says_the_log_is_intact_and_how_many_rows(user):
    _log(user, 3)
    said = _verify()
    assert said.startswith("The access log is intact, 3 rows.\nHead of the chain: ")
    assert AccessLogChain.objects.get().hash in said


def test_an_empty_log_is_intact():
    assert _verify().startswith("The access log is intact, 0 rows.")


def test_each_row_is_numbered_and_linked_to_the_one_before(user):
    first, second = _log(user, 2)
    assert (first.sequence, second.sequence) == (1, 2)
    assert second.chain_hash == audit.row_hash(second, first.chain_hash)
    assert first.chain_hash == audit.row_hash(first, "")
    assert len(second.chain_hash) == 64


def test_deleting_a_row_with_sql_makes_verify_name_the_broken_link(user):
    events = _log(user, 4)
    _sql("DELETE FROM TABLE WHERE id = %s", events[1].pk)
    after = events[2]
    said = _verify()
    at = after.at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")
    assert said == (
        f"ERROR The access log is broken at row id {after.pk} ({at} UTC): the row before it (number 2) has been deleted"
    )


def test_deleting_the_newest_rows_with_sql_is_found_too(user):
    events = _log(user, 4)
    _sql("DELETE FROM TABLE WHERE id IN (%s, %s)", events[2].pk, events[3].pk)
    said = _verify()
    assert said.startswith(f"ERROR The access log is broken at row id {events[1].pk} (")
    assert said.endswith("the newest 2 rows after it (up to number 4) have been deleted")


@pytest.mark.parametrize(
    ("column", "value"),
    [("detail", "nothing to see"), ("user_id", None), ("at", "2020-01-01 00:00:00"), ("path", "/")],
)
def test_editing_a_rows_field_with_sql_makes_verify_name_that_row(user, column, value):
    events = _log(user, 3, path="/children/A1/")
    if column == "user_id":
        value = UserFactory().pk
    _sql(f"UPDATE TABLE SET {column} = %s WHERE id = %s", value, events[1].pk)  # noqa: S608 - a fixed column name
    said = _verify()
    assert said.startswith(f"ERROR The access log is broken at row id {events[1].pk} (")
    assert said.endswith("it has been changed since it was written: its hash does not match")


def test_renumbering_rows_to_hide_a_deletion_is_found(user):
    events = _log(user, 3)
    _sql("DELETE FROM TABLE WHERE id = %s", events[1].pk)
    _sql("UPDATE TABLE SET sequence = 2 WHERE id = %s", events[2].pk)
    assert _verify().endswith("its hash does not match")


def test_an_entry_cannot_be_changed_through_lantern(user):
    (event,) = _log(user, 1)
    event.detail = "changed"
    with pytest.raises(ValueError, match="append-only"):
        event.save()


def test_a_bulk_write_chains_row_by_row_in_one_transaction(user):
    _log(user, 1)
    rows = AccessEvent.objects.bulk_create(
        [AccessEvent(user=user, action=AccessEvent.Action.EXPORT, detail=f"export {i}") for i in range(3)]
    )
    assert [row.sequence for row in rows] == [2, 3, 4]
    assert AccessEvent.objects.filter(action=AccessEvent.Action.EXPORT).count() == 3
    assert _verify().startswith("The access log is intact, 4 rows.")


def test_values_the_database_rewrites_still_verify(user):
    # IPv6 is stored in its short form and text is cut to the column: the hash is taken over what is stored.
    AccessEvent.objects.create(
        user=user, action=AccessEvent.Action.SEARCH, remote_addr="2001:0db8:0000:0000:0000:0000:0000:0001",
        detail="x" * 250, path="/children/\x00A1/",
    )  # fmt: skip
    event = AccessEvent.objects.get()
    assert (event.remote_addr, len(event.detail), event.path) == ("2001:db8::1", 200, "/children/A1/")
    assert _verify().startswith("The access log is intact, 1 row.")


def _in_file_database(settings_dict: dict, work) -> tuple[threading.Thread, list[Exception]]:
    """Run `work` in a new thread whose own connection is to the SQLite file in `settings_dict`, as a second
    web worker's would be (the test database is in memory, where two connections cannot wait for each other)."""
    errors = []

    def run() -> None:
        from django.db.backends.sqlite3.base import DatabaseWrapper

        # `connections` is per thread: this thread alone talks to the file.
        connections["default"] = DatabaseWrapper(settings_dict, alias="default")
        try:
            work()
        except Exception as error:  # noqa: BLE001 - handed back to the test, which asserts there were none
            errors.append(error)
        finally:
            connections["default"].close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, errors


def test_interleaved_writes_in_two_transactions_on_sqlite_keep_one_chain(tmp_path):
    """Two writers at once: the second waits for the first's lock, then links after it, so the chain never forks."""
    if connection.vendor == "sqlite":
        # What makes a SQLite writer take the lock before it reads the head (lantern/settings.py).
        assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    from lantern.accounts.models import User

    file_db = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(tmp_path / "lantern.sqlite3"),
        "OPTIONS": {"init_command": "PRAGMA journal_mode=WAL;", "transaction_mode": "IMMEDIATE", "timeout": 20},
        "ATOMIC_REQUESTS": False,
        "AUTOCOMMIT": True,
        "CONN_MAX_AGE": 0,
        "CONN_HEALTH_CHECKS": False,
        "TIME_ZONE": None,
        "USER": "",
        "PASSWORD": "",
        "HOST": "",
        "PORT": "",
        "TEST": {},
    }

    def create_tables() -> None:
        with connections["default"].schema_editor() as editor:
            for model in (User, AccessEvent, AccessLogChain):
                editor.create_model(model)
        User.objects.bulk_create([User(pk=1, username="tina")])

    thread, errors = _in_file_database(file_db, create_tables)
    thread.join(30)
    assert errors == []

    first_wrote, second_waiting = threading.Event(), threading.Event()
    moments = {}

    def first() -> None:
        with transaction.atomic():
            AccessEvent.objects.create(user_id=1, action=AccessEvent.Action.VIEW, detail="first")
            first_wrote.set()
            # Keep the transaction open while the second writer begins its own.
            assert second_waiting.wait(10)
            time.sleep(0.5)
            AccessEvent.objects.create(user_id=1, action=AccessEvent.Action.VIEW, detail="first, again")
            moments["first commits"] = time.monotonic()

    def second() -> None:
        assert first_wrote.wait(10)
        moments["second began"] = time.monotonic()
        second_waiting.set()
        with transaction.atomic():  # waits here, for up to the 20 s timeout, until the first commits
            moments["second has the lock"] = time.monotonic()
            AccessEvent.objects.create(user_id=1, action=AccessEvent.Action.VIEW, detail="second")

    (one, first_errors), (two, second_errors) = _in_file_database(file_db, first), _in_file_database(file_db, second)
    one.join(30)
    two.join(30)
    assert first_errors + second_errors == []
    # The two transactions overlapped: the second began before the first committed and went on after it.
    assert moments["second began"] < moments["first commits"] < moments["second has the lock"]

    seen = {}

    def read() -> None:
        seen["rows"] = list(AccessEvent.objects.order_by("sequence").values_list("sequence", "detail"))
        seen["verdict"] = str(audit.verify())

    thread, errors = _in_file_database(file_db, read)
    thread.join(30)
    assert errors == []
    assert seen == {"rows": [(1, "first"), (2, "first, again"), (3, "second")], "verdict": "intact, 3 rows"}


def test_prune_removes_rows_past_retention_and_the_rest_still_verify(user, settings):
    settings.LANTERN_ACCESS_LOG_RETENTION_DAYS = 30
    with time_machine.travel(datetime(2026, 1, 1, 9, tzinfo=UTC), tick=False):
        old = _log(user, 3)
    with time_machine.travel(datetime(2026, 3, 1, 9, tzinfo=UTC), tick=False):
        kept = _log(user, 2)
    from io import StringIO

    out = StringIO()
    with time_machine.travel(datetime(2026, 3, 10, 9, tzinfo=UTC), tick=False):
        call_command("audit", "prune", stdout=out)
    assert "Removed 3 access log rows written before 8 February 2026" in out.getvalue()
    assert "(30 days' retention); the chain now starts after row number 3." in out.getvalue()
    assert sorted(AccessEvent.objects.values_list("pk", flat=True)) == [e.pk for e in kept]
    chain = AccessLogChain.objects.get()
    assert (chain.checkpoint_sequence, chain.checkpoint_hash) == (3, old[-1].chain_hash)
    assert _verify().startswith(
        "The access log is intact, 2 rows.\nRows up to number 3 were pruned on 10 March 2026; "
        "the chain is checked from the last of them.\nHead of the chain: "
    )
    # The chain carries on after pruning, and a deletion among the kept rows is still found.
    _log(user, 1)
    assert _verify().startswith("The access log is intact, 3 rows.")
    _sql("DELETE FROM TABLE WHERE id = %s", kept[0].pk)
    assert _verify().endswith("the row before it (number 4) has been deleted")


def test_prune_keeps_everything_inside_the_retention_period(user):
    _log(user, 2)  # now, well inside the default of 7 years
    assert audit.prune() == audit.Pruned(0, 0)
    assert AccessEvent.objects.count() == 2


def test_prune_refuses_a_broken_chain_and_deletes_nothing(user, settings):
    settings.LANTERN_ACCESS_LOG_RETENTION_DAYS = 1
    with time_machine.travel(datetime(2025, 1, 1, tzinfo=UTC), tick=False):
        events = _log(user, 3)
    _sql("UPDATE TABLE SET detail = 'edited' WHERE id = %s", events[0].pk)
    with pytest.raises(CommandError, match=f"Nothing pruned: broken at row id {events[0].pk} "):
        call_command("audit", "prune")
    assert AccessEvent.objects.count() == 3


def test_prune_refuses_a_retention_period_under_a_day(user, settings):
    settings.LANTERN_ACCESS_LOG_RETENTION_DAYS = 0
    _log(user, 1)
    with pytest.raises(CommandError, match="LANTERN_ACCESS_LOG_RETENTION_DAYS must be at least 1 day, not 0"):
        call_command("audit", "prune")
    assert AccessEvent.objects.count() == 1


def test_the_default_retention_is_seven_years(settings):
    assert settings.LANTERN_ACCESS_LOG_RETENTION_DAYS == 2557
    now = datetime(2026, 3, 1, tzinfo=UTC)
    assert now - audit.retention_cutoff(now=now) == timedelta(days=2557)


@pytest.mark.django_db(transaction=True)
def test_the_migration_chains_the_rows_already_logged():
    from django.db.migrations.executor import MigrationExecutor

    before, after = [("accounts", "0004_user_access_expires_at")], [("accounts", "0006_access_log_chain_required")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    try:
        old = executor.loader.project_state(before).apps
        user = old.get_model("accounts", "User").objects.create(username="tina")
        OldEvent = old.get_model("accounts", "AccessEvent")
        for detail in ("second", "first", "third"):
            OldEvent.objects.create(user=user, action="view", detail=detail, remote_addr="10.0.0.1")
        # Written out of time order by id: the chain follows the time each was logged.
        times = {"first": datetime(2025, 1, 1, tzinfo=UTC), "second": datetime(2025, 1, 2, tzinfo=UTC)}
        times["third"] = datetime(2025, 1, 3, tzinfo=UTC)
        for detail, at in times.items():
            OldEvent.objects.filter(detail=detail).update(at=at)
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
    assert after[0] in MigrationExecutor(connection).loader.applied_migrations
    rows = list(AccessEvent.objects.order_by("sequence").values_list("sequence", "detail"))
    assert rows == [(1, "first"), (2, "second"), (3, "third")]
    assert str(audit.verify()) == "intact, 3 rows"
    AccessEvent.objects.create(user_id=user.pk, action=AccessEvent.Action.VIEW, detail="after")
    assert str(audit.verify()) == "intact, 4 rows"


def test_verify_exits_non_zero_when_the_chain_is_broken(user):
    # call_command, not ManagementUtility: run_from_argv closes every connection when it ends, which would end
    # the test's transaction on PostgreSQL. A CommandError is what `lantern audit verify` exits 1 with.

    events = _log(user, 2)
    call_command("audit", "verify", stdout=io.StringIO())  # intact: returns normally
    _sql("DELETE FROM TABLE WHERE id = %s", events[0].pk)
    with pytest.raises(CommandError, match=rf"The access log is broken at row id {events[1].pk} \(") as raised:
        call_command("audit", "verify", stdout=io.StringIO())
    assert raised.value.returncode == 1
