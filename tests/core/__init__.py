"""Helpers shared by tests/core: run `lantern` in a subprocess against a scratch database of its own, and
describe a database's contents (every table's row count and a digest of its rows) without going through Django.

The backup and killed-job tests need a real database file or a database of their own: pytest-django's SQLite
test database may live in memory, and a restore or a SIGKILL must not touch the database the suite runs on.
"""

import hashlib
import os
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator, Mapping
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.db import connection

REPO_ROOT = Path(__file__).resolve().parents[2]
ON_POSTGRESQL = connection.vendor == "postgresql"

# The SQLite scratch-file tests prove nothing new in the PostgreSQL pass, so they run once, in the SQLite pass.
sqlite_pass_only = pytest.mark.skipif(ON_POSTGRESQL, reason="SQLite scratch-file test: runs in the SQLite pass")
needs_postgresql = pytest.mark.skipif(not ON_POSTGRESQL, reason="needs PostgreSQL: runs in the PostgreSQL pass")


@dataclass(frozen=True)
class Table:
    rows: int
    digest: str


State = dict[str, Table]


# A fixed backup key for the commands the tests run (a real one: made by Fernet.generate_key()).
BACKUP_KEY = "wNh4mB0o2rYp9dT6Jw1kVx3zQe8aLs5uHf7gCi2nRt0="


def lantern_env(database_url: str, var_dir: Path) -> dict[str, str]:
    return dict(
        os.environ, LANTERN_DATABASE_URL=database_url, LANTERN_VAR_DIR=str(var_dir), LANTERN_BACKUP_KEY=BACKUP_KEY
    )


def lantern(
    *args: str, env: Mapping[str, str], check: bool = True, timeout: float = 180
) -> subprocess.CompletedProcess:
    """`lantern ARGS` (manage.py under this interpreter) in a subprocess; fails the test on error if `check`."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO_ROOT,
        env=dict(env),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"lantern {' '.join(args)} exited {result.returncode}\n{result.stdout}\n{result.stderr}")
    return result


def _digest(columns: list[str], rows: list[tuple[Any, ...]]) -> str:
    lines = sorted(repr(row) for row in rows)
    return hashlib.sha256("\n".join([repr(columns), *lines]).encode()).hexdigest()


def sqlite_state(path: Path) -> State:
    """Every table in the file (django_migrations and sqlite_sequence too): its row count and content digest."""
    with closing(sqlite3.connect(path)) as db:
        names = [n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        state = {}
        for name in names:
            cursor = db.execute(f'SELECT * FROM "{name}"')
            rows = cursor.fetchall()
            state[name] = Table(len(rows), _digest([c[0] for c in cursor.description], rows))
        return state


def sqlite_file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# PostgreSQL: scratch databases on the server the PostgreSQL pass runs on.


def _server_parameters() -> dict[str, Any]:
    from django.conf import settings

    base = settings.DATABASES["default"]
    parameters = {
        "host": base.get("HOST") or None,
        "port": base.get("PORT") or None,
        "user": base.get("USER") or None,
        "password": base.get("PASSWORD") or None,
        "dbname": base["NAME"],
    }
    sslmode = (base.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        parameters["sslmode"] = sslmode
    return {key: value for key, value in parameters.items() if value is not None}


@dataclass(frozen=True)
class ScratchPostgres:
    name: str
    url: str
    parameters: dict[str, Any]

    def connect(self, **kwargs: Any):
        import psycopg

        return psycopg.connect(**self.parameters, **kwargs)


def _maintenance_parameters() -> dict[str, Any]:
    # The server's own "postgres" database: the configured one may be the test database that pytest-django has
    # already dropped by the time the run's clean-up drops the scratch databases.
    return {**_server_parameters(), "dbname": "postgres"}


def _create_database(name: str, template: str | None = None) -> None:
    import psycopg
    from psycopg import sql

    statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
    if template:
        statement += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
    with psycopg.connect(**_maintenance_parameters(), autocommit=True) as admin:
        admin.execute(statement)


def _drop_database(name: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(**_maintenance_parameters(), autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


_MIGRATED_TEMPLATE = pytest.StashKey[str]()


def migrated_postgres_template(request: pytest.FixtureRequest, var_dir: Path) -> str:
    """The name of a migrated, empty database to copy scratch databases from: migrating PostgreSQL takes
    seconds, so it happens once per test run; the template is dropped when the run ends."""
    config = request.config
    if _MIGRATED_TEMPLATE not in config.stash:
        name = f"lantern_core_template_{uuid.uuid4().hex[:12]}"
        _create_database(name)
        config.add_cleanup(lambda: _drop_database(name))
        env = lantern_env(_url({**_server_parameters(), "dbname": name}), var_dir)
        lantern("migrate", "--noinput", "-v0", env=env)
        config.stash[_MIGRATED_TEMPLATE] = name
    return config.stash[_MIGRATED_TEMPLATE]


def _url(parameters: dict[str, Any]) -> str:
    credentials = quote(parameters.get("user", ""), safe="")
    if parameters.get("password"):
        credentials += ":" + quote(parameters["password"], safe="")
    location = quote(str(parameters.get("host", "localhost")), safe="")
    if parameters.get("port"):
        location += f":{parameters['port']}"
    url = f"postgres://{credentials}@{location}/{parameters['dbname']}"
    if parameters.get("sslmode"):
        url += f"?sslmode={parameters['sslmode']}"
    return url


@contextmanager
def scratch_postgres_database(prefix: str, template: str | None = None) -> Iterator[ScratchPostgres]:
    """A database of its own on the suite's PostgreSQL server (the role has CREATEDB), a copy of `template`
    if given, dropped afterwards."""
    server = _server_parameters()
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    _create_database(name, template)
    parameters = {**server, "dbname": name}
    try:
        yield ScratchPostgres(name=name, url=_url(parameters), parameters=parameters)
    finally:
        _drop_database(name)


def postgres_state(database: ScratchPostgres) -> State:
    """Every table in the public schema (row count, content digest), and every sequence's position."""
    from psycopg import sql

    with database.connect() as db:
        names = [
            n
            for (n,) in db.execute(
                "SELECT table_name FROM information_schema.tables"
                " WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name"
            )
        ]
        state = {}
        for name in names:
            cursor = db.execute(sql.SQL("SELECT * FROM {}").format(sql.Identifier(name)))
            rows = cursor.fetchall()
            state[name] = Table(len(rows), _digest([c.name for c in cursor.description], rows))
        for sequence, last_value in db.execute(
            "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'"
        ):
            state[f"sequence {sequence}"] = Table(0, repr(last_value))
        return state


def row_counts(state: State) -> dict[str, int]:
    return {name: table.rows for name, table in state.items() if not name.startswith("sequence ")}
