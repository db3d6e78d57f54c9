"""A job killed midway changes nothing: `lantern generate` and `lantern import` each write in one transaction, so
a SIGKILL while they are busy writing leaves every table as it was, and the next run starts from a clean database.

The generator runs in a subprocess against a scratch database (an SQLite file in the SQLite pass, a database
of its own in the PostgreSQL pass) and is killed midway through its one transaction: in the SQLite pass while
it reports writing families, in the PostgreSQL pass once its backend holds a transaction id.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from contextlib import closing

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


def start_generate(env: dict[str, str], command: list[str] = GENERATE) -> subprocess.Popen:
    job = subprocess.Popen(  # noqa: S603 (our own interpreter and manage.py)
        [sys.executable, "manage.py", *command],
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
                raise AssertionError(f"the job ended (exit {job.returncode}) before it could be killed:\n{output}")
            if time.monotonic() > deadline:
                raise AssertionError(f"the job wrote nothing visible within {BUSY_TIMEOUT:.0f} s")
            time.sleep(0.1)
        assert job.poll() is None, "the job finished before the kill"
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


# The import: a CIN census of many children whose records Lantern does not hold yet, so that writing them takes
# long enough to kill midway. A return carries no names, so the children are put on the record first.
IMPORTED_CHILDREN = 1500
CHILD_XML = (
    "<Child><ChildIdentifiers><LAchildID>K{i:07d}</LAchildID><UPNunknown>UN5</UPNunknown>"
    "<PersonBirthDate>2015-05-{day:02d}</PersonBirthDate><Sex>{sex}</Sex></ChildIdentifiers>"
    "<ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics><CINdetails>"
    "<CINreferralDate>2025-06-02</CINreferralDate><ReferralSource>5A</ReferralSource>"
    "<PrimaryNeedCode>N1</PrimaryNeedCode><Assessments><AssessmentActualStartDate>2025-06-03"
    "</AssessmentActualStartDate><AssessmentAuthorisationDate>2025-07-01</AssessmentAuthorisationDate>"
    "<FactorsIdentifiedAtAssessment><AssessmentFactors>2A</AssessmentFactors></FactorsIdentifiedAtAssessment>"
    "</Assessments><ReferralNFA>false</ReferralNFA></CINdetails></Child>"
)
PUT_CHILDREN_ON_RECORD = f"""
from datetime import date
from lantern.core.models import AuthoritySettings
from lantern.people.models import Child
from tests.factories import fixture_writes
AuthoritySettings.current()  # made on first use, outside the import's transaction
with fixture_writes():
    Child.objects.bulk_create([
        Child(la_child_id=f"K{{i:07d}}", upn_unknown="UN5", first_name="Test", last_name=f"Child{{i}}",
              date_of_birth=date(2015, 5, 1 + i % 28), sex="MF"[i % 2], ethnicity="WBRI")
        for i in range({IMPORTED_CHILDREN})
    ])
"""


def cin_census(path, children: range) -> str:
    header = (
        '<?xml version="1.0" encoding="utf-8"?><Message><Header><CollectionDetails><Collection>CIN</Collection>'
        "<Year>2026</Year><ReferenceDate>2026-03-31</ReferenceDate></CollectionDetails><Source>"
        "<SourceLevel>L</SourceLevel><LEA>887</LEA><SoftwareCode>Lantern</SoftwareCode><Release>0.1.0</Release>"
        "<SerialNo>001</SerialNo><DateTime>2026-04-02T09:00:00</DateTime></Source></Header><Children>"
    )
    body = "".join(CHILD_XML.format(i=i, day=1 + i % 28, sex="MF"[i % 2]) for i in children)
    path.write_text(header + body + "</Children></Message>", encoding="utf-8")
    return str(path)


def holds_the_write_lock(database) -> bool:
    """Another connection holds SQLite's write lock: only the import's one transaction takes it."""
    with closing(sqlite3.connect(database, timeout=0, isolation_level=None)) as probe:
        try:
            probe.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError:
            return True
        probe.execute("ROLLBACK")
        return False


def writing_for_a_second(check: Callable[[], bool]) -> Callable[[], bool]:
    since: list[float] = []

    def busy() -> bool:
        if not check():
            since.clear()
            return False
        if not since:
            since.append(time.monotonic())
        return time.monotonic() - since[0] >= 1.0

    return busy


def assert_a_fresh_import_works(env: dict[str, str], tmp_path) -> None:
    result = lantern("import", "cin-census", cin_census(tmp_path / "few.xml", range(20)), env=env)
    assert "created: 20 assessment factors, 20 assessments, 20 referrals" in result.stdout


@sqlite_pass_only
def test_killed_import_leaves_the_sqlite_database_as_it_was(tmp_path):
    database = tmp_path / "lantern.sqlite3"
    env = lantern_env(f"sqlite:///{database}", tmp_path)
    lantern("migrate", "--noinput", "-v0", env=env)
    lantern("shell", "-c", PUT_CHILDREN_ON_RECORD, env=env)
    before = sqlite_state(database)
    assert before["people_child"].rows == IMPORTED_CHILDREN and before["journey_referral"].rows == 0

    job = start_generate(env, ["import", "cin-census", cin_census(tmp_path / "all.xml", range(IMPORTED_CHILDREN))])
    kill_when_busy(job, writing_for_a_second(lambda: holds_the_write_lock(database)))

    after = sqlite_state(database)
    assert after == before
    assert after["journey_referral"].rows == 0

    assert_a_fresh_import_works(env, tmp_path)
    assert sqlite_state(database)["journey_referral"].rows == 20


@needs_postgresql
def test_killed_import_leaves_the_postgresql_database_as_it_was(request, tmp_path):
    template = migrated_postgres_template(request, tmp_path)
    with scratch_postgres_database("lantern_killed_import", template) as database:
        env = lantern_env(database.url, tmp_path)
        lantern("shell", "-c", PUT_CHILDREN_ON_RECORD, env=env)
        before = postgres_state(database)
        assert before["journey_referral"].rows == 0

        with database.connect(autocommit=True) as watcher:

            def writing() -> bool:
                (count,) = watcher.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND backend_xid IS NOT NULL",
                    [database.name],
                ).fetchone()
                return bool(count)

            command = ["import", "cin-census", cin_census(tmp_path / "all.xml", range(IMPORTED_CHILDREN))]
            kill_when_busy(start_generate(env, command), writing_for_a_second(writing))

        after = postgres_state(database)
        assert tables(after) == tables(before)
        assert after["journey_referral"].rows == 0

        assert_a_fresh_import_works(env, tmp_path)
        assert postgres_state(database)["journey_referral"].rows == 20
