"""A job killed midway changes nothing: `lantern generate` runs in one transaction, so a SIGKILL while it is
busy writing leaves every table as it was, and the next run starts from a clean database.

The generator runs in a subprocess against a scratch database (an SQLite file in the SQLite pass, a database
of its own in the PostgreSQL pass) and is killed midway through its one transaction: in the SQLite pass while
it reports writing families, in the PostgreSQL pass once its backend holds a transaction id.
"""

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable

from tests.core import (
    REPO_ROOT,
    State,
    lantern,
    lantern_env,
    migrated_postgres_template,
    needs_postgresql,
    postgres_state,
    row_counts,
    scratch_postgres_database,
    sqlite_pass_only,
    sqlite_state,
)

GENERATE = ["generate", "--size", "small", "--seed", "1"]  # ~30 s of work: plenty of time to kill it midway
BUSY_TIMEOUT = 90.0


def tables(state: State) -> State:
    """The tables alone: PostgreSQL sequences are not transactional, so a killed job may have moved them."""
    return {name: table for name, table in state.items() if not name.startswith("sequence ")}


def start_generate(env: dict[str, str]) -> subprocess.Popen:
    job = subprocess.Popen(  # noqa: S603 (our own interpreter and manage.py)
        [sys.executable, "manage.py", *GENERATE],
        cwd=REPO_ROOT,
        env=env | {"PYTHONUNBUFFERED": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    job.lines = []  # what it has printed so far, read by a thread so that the pipe never fills
    threading.Thread(target=lambda: job.lines.extend(iter(job.stdout.readline, "")), daemon=True).start()
    return job


def writing_families(job: subprocess.Popen) -> bool:
    """The generator reports "Wrote N of M families" while its one transaction is still open."""
    return any(" of " in line and "families" in line for line in job.lines)


def kill_when_busy(job: subprocess.Popen, busy: Callable[[], bool]) -> None:
    """SIGKILL the job as soon as `busy()` says it has written; fail if it ends or stays idle first."""
    deadline = time.monotonic() + BUSY_TIMEOUT
    try:
        while not busy():
            if job.poll() is not None:
                output = "".join(getattr(job, "lines", []))
                raise AssertionError(f"generate ended (exit {job.returncode}) before it could be killed:\n{output}")
            if time.monotonic() > deadline:
                raise AssertionError(f"generate wrote nothing visible within {BUSY_TIMEOUT:.0f} s")
            time.sleep(0.1)
        assert job.poll() is None, "generate finished before the kill"
    finally:
        if job.poll() is None:
            os.kill(job.pid, signal.SIGKILL)
        job.wait(timeout=30)
    assert job.returncode == -signal.SIGKILL


def assert_fresh_generate_works(env: dict[str, str]) -> None:
    result = lantern("generate", "--size", "tiny", "--seed", "1", env=env)
    assert "Generated the tiny authority (seed 1)" in result.stdout


@sqlite_pass_only
def test_killed_generate_leaves_the_sqlite_database_as_it_was(tmp_path):
    database = tmp_path / "lantern.sqlite3"
    env = lantern_env(f"sqlite:///{database}", tmp_path)
    lantern("migrate", "--noinput", "-v0", env=env)
    before = sqlite_state(database)
    assert before["people_child"].rows == 0

    job = start_generate(env)
    # Killed while it reports writing families: its rows may still sit in SQLite's page cache or already in the
    # write-ahead log (the generator uses a large cache), uncommitted either way.
    kill_when_busy(job, lambda: writing_families(job))

    after = sqlite_state(database)  # opening the file recovers it: uncommitted WAL frames are ignored
    assert row_counts(after) == row_counts(before)
    assert after == before
    assert after["people_child"].rows == 0

    assert_fresh_generate_works(env)
    assert sqlite_state(database)["people_child"].rows > 0


@needs_postgresql
def test_killed_generate_leaves_the_postgresql_database_as_it_was(request, tmp_path):
    template = migrated_postgres_template(request, tmp_path)
    with scratch_postgres_database("lantern_killed_job", template) as database:
        env = lantern_env(database.url, tmp_path)
        before = postgres_state(database)
        assert before["people_child"].rows == 0

        with database.connect(autocommit=True) as watcher:
            first_write: list[float] = []

            def busy() -> bool:
                """Writing for a second: a backend gets a transaction id at its first write, and keeps it
                until the transaction ends, so the job has written rows it has not committed."""
                (writing,) = watcher.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND backend_xid IS NOT NULL",
                    [database.name],
                ).fetchone()
                if writing and not first_write:
                    first_write.append(time.monotonic())
                return bool(writing) and time.monotonic() - first_write[0] >= 1.0

            kill_when_busy(start_generate(env), busy)

        after = postgres_state(database)
        assert row_counts(after) == row_counts(before)
        assert tables(after) == tables(before)
        assert after["people_child"].rows == 0

        assert_fresh_generate_works(env)
        assert postgres_state(database)["people_child"].rows > 0
