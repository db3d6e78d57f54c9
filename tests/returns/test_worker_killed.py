"""A return run whose worker is killed outright (SIGKILL: no `except` runs) stops saying "running" once the lease
passes without a heartbeat, a restarted worker leaves it alone, and the run started again finishes.

The real `lantern db_worker` runs in a subprocess against a scratch SQLite file (the SQLite pass only): the test
database may live in memory, where another process cannot see it.
"""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing

from tests.core import REPO_ROOT, lantern, lantern_env, sqlite_pass_only

RUN_SHELL = """
import json
from lantern.accounts.models import User
from lantern.returns import jobs, services
from lantern.returns.models import ReturnJob
{body}
"""


def shell(env, body: str) -> dict:
    result = lantern("shell", "-c", RUN_SHELL.format(body=body), env=env)
    return json.loads(result.stdout.strip().splitlines()[-1])


def job_row(database, pk: int) -> tuple[str, str, str]:
    with closing(sqlite3.connect(database, timeout=30)) as db:
        return db.execute("SELECT status, stage, error FROM returns_returnjob WHERE id = ?", [pk]).fetchone()


@sqlite_pass_only
def test_a_killed_worker_s_run_is_failed_after_the_lease_and_runs_again(tmp_path):
    database = tmp_path / "lantern.sqlite3"
    env = lantern_env(f"sqlite:///{database}", tmp_path) | {
        "LANTERN_JOB_HEARTBEAT_SECONDS": "1",
        "LANTERN_JOB_LEASE_SECONDS": "4",
        "PYTHONUNBUFFERED": "1",
    }
    lantern("migrate", "--noinput", "-v0", env=env)
    lantern("generate", "--size", "tiny", "--seed", "1", "--today", "2026-06-01", env=env, timeout=300)
    first = shell(
        env,
        "ana = User.objects.create_user('ana', password='x')\n"
        "job = services.return_job_request(by=ana, kind='cin-census', year=2026)\n"
        "print(json.dumps({'pk': job.pk}))",
    )["pk"]

    worker = subprocess.Popen(  # noqa: S603 (our own interpreter and manage.py)
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay"],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        # Killed in the validator, the longest step, where the run says nothing for a while.
        deadline = time.monotonic() + 120
        while "validator" not in (job_row(database, first)[1] or ""):
            assert worker.poll() is None, "the worker ended before the run reached the validator"
            assert time.monotonic() < deadline, f"the run never reached the validator: {job_row(database, first)}"
            time.sleep(0.2)
    finally:
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)
    status, stage, _ = job_row(database, first)
    assert status == "running"  # nothing in the worker could say otherwise

    time.sleep(5)  # the lease (4 s) passes with no heartbeat
    marked = shell(env, "print(json.dumps({'marked': jobs.return_jobs_fail_stopped()}))")
    assert marked == {"marked": 1}
    status, _, error = job_row(database, first)
    assert status == "failed"
    assert error.startswith("The worker running this return stopped while checking the return with the DfE validator")
    assert error.endswith("No file was kept. Start the run again.")
    assert not (tmp_path / "returns" / str(first)).exists()

    again = shell(
        env,
        f"job = services.return_job_again(by=User.objects.get(username='ana'), job=ReturnJob.objects.get(pk={first}))\n"
        "print(json.dumps({'pk': job.pk}))",
    )["pk"]
    lantern("db_worker", "--batch", "--no-reload", "--no-startup-delay", env=env, timeout=300)
    assert job_row(database, first)[0] == "failed"  # the restarted worker did not take the killed run again
    assert job_row(database, again)[0] == "done"
