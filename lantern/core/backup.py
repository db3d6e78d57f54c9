"""Backup and restore of the configured database: the logic behind `lantern backup` and `lantern restore`.

SQLite: Python's sqlite3 online backup API copies a consistent snapshot page by page, so a backup is safe
while the app runs (WAL mode is on, readers and writers carry on); a restore copies the backup back the
same way, in one transaction. PostgreSQL: `pg_dump --format=custom` and
`pg_restore --clean --if-exists --no-owner --single-transaction`, with the password passed in PGPASSWORD
(never on a command line, where any user could read it in the process list).

Every backup gets a checksum beside it, `FILE.sha256` in sha256sum's format (`<hex>  <name>`, so
`sha256sum -c FILE.sha256` also checks it). A restore checks, in this order and before it touches the
database: the checksum, that the file is of the right kind for the configured engine, and that the caller
confirmed; any refusal leaves the database exactly as it was.

Backups hold personal data about children: they are encrypted with LANTERN_BACKUP_KEY (backup_crypto.py; the
checksum is of the encrypted file) and created readable by their owner only (0600). A restore decrypts to an
owner-only file beside the backup, checks it, restores from it and removes it; a wrong key restores nothing.
A backup from before encryption is still restored.
"""

import glob
import hashlib
import os
import shutil
import sqlite3
import subprocess
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connections

from lantern.core.backup_crypto import configured_fernet, decrypt_file, encrypt_file, is_encrypted

Engine = Literal["sqlite", "postgresql"]
DatabaseSettings = Mapping[str, Any]

SQLITE_HEADER = b"SQLite format 3\x00"
PG_DUMP_HEADER = b"PGDMP"
CHECKSUM_SUFFIX = ".sha256"
CHECKSUM_MISMATCH = "Checksum mismatch: the backup is damaged or was changed; nothing restored"
ENGINE_NAMES: dict[Engine, str] = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
SQLITE_ENGINES = {"django.db.backends.sqlite3"}
POSTGRESQL_ENGINES = {"django.db.backends.postgresql", "django.contrib.gis.db.backends.postgis"}
# Connection settings Django keeps in OPTIONS that libpq tools read from the environment.
LIBPQ_OPTIONS = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "sslpassword": "PGSSLPASSWORD",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "options": "PGOPTIONS",
    "passfile": "PGPASSFILE",
    "service": "PGSERVICE",
    "target_session_attrs": "PGTARGETSESSIONATTRS",
}
# How long a restore (or backup) waits for other SQLite connections to let go before giving up.
SQLITE_BUSY_SECONDS = 20.0


class BackupError(CommandError):
    """A backup or restore that could not go ahead; the message says why and what (not) happened."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    checksum_path: Path
    sha256: str
    size: int
    engine: Engine
    database: str


@dataclass(frozen=True)
class RestoreResult:
    path: Path
    sha256: str
    engine: Engine
    database: str


# Which database, and of which kind.


def configured_database(alias: str = "default") -> DatabaseSettings:
    try:
        return settings.DATABASES[alias]
    except KeyError as error:
        raise BackupError(f"No database called {alias!r} is configured") from error


def engine_of(database: DatabaseSettings) -> Engine:
    engine = database.get("ENGINE", "")
    if engine in SQLITE_ENGINES:
        return "sqlite"
    if engine in POSTGRESQL_ENGINES:
        return "postgresql"
    raise BackupError(f"Backup and restore support SQLite and PostgreSQL, not {engine or 'an unset ENGINE'}")


def describe(database: DatabaseSettings) -> str:
    """Where the database is, for messages: a file, or name@host:port (never the password)."""
    if engine_of(database) == "sqlite":
        return str(database.get("NAME", ""))
    host = database.get("HOST") or "localhost"
    port = f":{database['PORT']}" if database.get("PORT") else ""
    return f"{database.get('NAME', '')} on {host}{port}"


def sqlite_path(database: DatabaseSettings) -> Path:
    name = str(database.get("NAME") or "")
    if not name or name == ":memory:" or name.startswith("file:"):
        raise BackupError(f"The configured SQLite database ({name or 'no NAME'}) is not a plain file")
    return Path(name)


def file_kind(path: Path) -> Engine | None:
    """What a backup file holds, from its first bytes: an SQLite database, a pg_dump archive, or neither."""
    with path.open("rb") as handle:
        head = handle.read(len(SQLITE_HEADER))
    if head == SQLITE_HEADER:
        return "sqlite"
    if head.startswith(PG_DUMP_HEADER):
        return "postgresql"
    return None


# Checksums.


def checksum_path(path: Path) -> Path:
    return path.with_name(path.name + CHECKSUM_SUFFIX)


def file_sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def write_checksum(path: Path, sha256: str | None = None) -> Path:
    """Write `<hex>  <name>` to FILE.sha256 (replacing any old one in one step) and return its path."""
    digest = sha256 or file_sha256(path)
    target = checksum_path(path)
    partial = target.with_name(f".{target.name}.partial")
    partial.write_text(f"{digest}  {path.name}\n", encoding="utf-8")
    os.replace(partial, target)
    return target


def recorded_checksum(path: Path) -> str:
    target = checksum_path(path)
    if not target.is_file():
        raise BackupError(
            f"No checksum file {target} beside the backup, so it cannot be verified; nothing restored. "
            "`lantern backup` writes one beside every backup: keep the two files together."
        )
    fields = target.read_text(encoding="utf-8", errors="replace").split()
    digest = fields[0].lower() if fields else ""
    if len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
        raise BackupError(f"{target} does not hold a SHA-256 checksum; nothing restored")
    return digest


def verify_checksum(path: Path) -> str:
    """The backup's SHA-256 when it matches FILE.sha256; BackupError otherwise."""
    expected = recorded_checksum(path)
    actual = file_sha256(path)
    if actual != expected:
        raise BackupError(CHECKSUM_MISMATCH)
    return actual


# PostgreSQL's client tools.


def find_pg_tool(name: str) -> Path | None:
    """pg_dump or pg_restore: on PATH first, then Debian's /usr/lib/postgresql/<version>/bin, newest first."""
    on_path = shutil.which(name)
    if on_path:
        return Path(on_path)

    def version(directory: str) -> int:
        label = Path(directory).parent.name
        return int(label) if label.isdigit() else 0

    for directory in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=version, reverse=True):
        candidate = Path(directory) / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def require_pg_tool(name: str) -> Path:
    tool = find_pg_tool(name)
    if tool is None:
        raise BackupError(
            f"{name} was not found on PATH or in /usr/lib/postgresql/*/bin; "
            "install PostgreSQL's client tools (Debian: apt-get install postgresql-client)"
        )
    return tool


def libpq_environment(database: DatabaseSettings) -> dict[str, str]:
    """The environment for pg_dump/pg_restore: the connection settings as PG* variables, password included."""
    env = dict(os.environ)
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if database.get(key):
            env[variable] = str(database[key])
    for option, variable in LIBPQ_OPTIONS.items():
        value = (database.get("OPTIONS") or {}).get(option)
        if value not in (None, ""):
            env[variable] = str(value)
    return env


def dbname_conninfo(database: DatabaseSettings) -> str:
    """`dbname='…'` quoted as libpq wants, so that a name is never read as a connection string."""
    name = str(database.get("NAME") or "")
    if not name:
        raise BackupError("The configured PostgreSQL database has no NAME")
    quoted = name.replace("\\", "\\\\").replace("'", "\\'")
    return f"dbname='{quoted}'"


def run_pg_tool(command: list[str], database: DatabaseSettings, *, failed: str) -> None:
    result = subprocess.run(  # noqa: S603 (PostgreSQL's own tool, arguments built here, no shell)
        command,
        env=libpq_environment(database),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        errors="replace",
        check=False,
    )
    if result.returncode != 0:
        message = (result.stderr or result.stdout or "").strip()
        password = str(database.get("PASSWORD") or "")
        if password:
            message = message.replace(password, "***")
        tool = Path(command[0]).name
        raise BackupError(f"{failed}: {tool} exited with status {result.returncode}:\n{message or '(no output)'}")


# Backup.


def backup_database(
    destination: Path, *, force: bool = False, database: DatabaseSettings | None = None
) -> BackupResult:
    """Back up the database to `destination` and write `destination.sha256` beside it."""
    database = database if database is not None else configured_database()
    engine = engine_of(database)
    destination = Path(destination)
    directory = destination.parent
    if not directory.is_dir():
        raise BackupError(f"The directory {directory} does not exist; nothing backed up")
    if destination.is_dir():
        raise BackupError(f"{destination} is a directory; give a file name for the backup")
    if destination.exists() and not force:
        raise BackupError(f"{destination} already exists; nothing backed up. Use --force to overwrite it.")
    if engine == "sqlite":
        source = sqlite_path(database)
        if not source.is_file():
            raise BackupError(f"The SQLite database {source} does not exist; nothing backed up")
        if destination.exists() and destination.resolve() == source.resolve():
            raise BackupError(f"{destination} is the live database itself; choose another file")

    fernet = configured_fernet()  # before any work: no key, no backup

    # Write beside the destination and rename into place, so a failed backup never leaves half a file. The
    # plain copy lives only until it is encrypted (owner-only, in the same directory), then goes.
    plain, sealed = _partial(destination, "plain"), _partial(destination, "sealed")
    try:
        if engine == "sqlite":
            _backup_sqlite(sqlite_path(database), plain)
        else:
            _backup_postgresql(database, plain)
        encrypt_file(plain, sealed, fernet)
        sha256 = file_sha256(sealed)
        os.replace(sealed, destination)
    finally:
        plain.unlink(missing_ok=True)
        sealed.unlink(missing_ok=True)
    return BackupResult(
        path=destination,
        checksum_path=write_checksum(destination, sha256),
        sha256=sha256,
        size=destination.stat().st_size,
        engine=engine,
        database=describe(database),
    )


def _partial(beside: Path, what: str) -> Path:
    handle, name = tempfile.mkstemp(prefix=f".{beside.name}.", suffix=f".{what}.partial", dir=beside.parent)
    os.close(handle)
    os.chmod(name, 0o600)
    return Path(name)


class _StillBusy(Exception):
    pass


def _give_up_after(seconds: float) -> Callable[[int, int, int], None]:
    """A progress callback for Connection.backup, which otherwise retries a locked database for ever."""
    deadline = time.monotonic() + seconds

    def progress(status: int, remaining: int, total: int) -> None:
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) and time.monotonic() > deadline:
            raise _StillBusy

    return progress


def _backup_sqlite(source: Path, target: Path, busy_seconds: float = SQLITE_BUSY_SECONDS) -> None:
    try:
        live = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True, timeout=1)
        try:
            copy = sqlite3.connect(target)
            try:
                # One step: a consistent snapshot, taken under a read lock (WAL: writers carry on meanwhile).
                live.backup(copy, progress=_give_up_after(busy_seconds))
                # A self-contained file: no -wal beside it when it is opened later.
                copy.execute("PRAGMA journal_mode=DELETE")
            finally:
                copy.close()
        finally:
            live.close()
    except _StillBusy as error:
        raise BackupError(
            f"The SQLite database {source} stayed locked for {busy_seconds:g} s; nothing backed up"
        ) from error
    except sqlite3.Error as error:
        raise BackupError(f"The SQLite backup of {source} failed: {error}; nothing backed up") from error


def _backup_postgresql(database: DatabaseSettings, target: Path) -> None:
    pg_dump = require_pg_tool("pg_dump")
    run_pg_tool(
        [str(pg_dump), "--format=custom", "--no-password", f"--file={target}", f"--dbname={dbname_conninfo(database)}"],
        database,
        failed=f"pg_dump could not back up {describe(database)}; nothing backed up",
    )


# Restore.


def check_restorable(source: Path, database: DatabaseSettings, *, plain: Path | None = None) -> str:
    """Every check a restore makes before touching anything; returns the verified SHA-256.

    `plain` is the decrypted copy of an encrypted backup, whose kind is what is checked.
    """
    engine = engine_of(database)
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"No backup file {source}; nothing restored")
    sha256 = verify_checksum(source)
    kind = file_kind(plain or source)
    if kind != engine:
        what = {
            "sqlite": "an SQLite database",
            "postgresql": "a PostgreSQL dump (pg_dump custom format)",
            None: "neither an SQLite database nor a pg_dump custom-format archive",
        }[kind]
        raise BackupError(
            f"{source} is {what}, but the configured database is {ENGINE_NAMES[engine]}; nothing restored"
        )
    return sha256


def restore_database(
    source: Path,
    *,
    confirmed: bool,
    database: DatabaseSettings | None = None,
    busy_seconds: float = SQLITE_BUSY_SECONDS,
) -> RestoreResult:
    """Replace the database's data with the backup's, after `check_restorable` and the caller's confirmation."""
    database = database if database is not None else configured_database()
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"No backup file {source}; nothing restored")
    verify_checksum(source)  # a damaged file is named as such before any key is tried
    if not is_encrypted(source):
        # A backup from before encryption: still restorable, so that a council's older backups are not lost.
        return _restore_plain(source, source, confirmed=confirmed, database=database, busy_seconds=busy_seconds)
    fernet = configured_fernet()
    plain = _partial(
        source if os.access(source.parent, os.W_OK) else Path(tempfile.gettempdir()) / source.name, "plain"
    )
    try:
        decrypt_file(source, plain, fernet)
        return _restore_plain(source, plain, confirmed=confirmed, database=database, busy_seconds=busy_seconds)
    finally:
        plain.unlink(missing_ok=True)


def _restore_plain(
    source: Path, plain: Path, *, confirmed: bool, database: DatabaseSettings, busy_seconds: float
) -> RestoreResult:
    engine = engine_of(database)
    sha256 = check_restorable(source, database, plain=plain)
    if not confirmed:
        raise BackupError(
            f"Restoring replaces all the current data in the {ENGINE_NAMES[engine]} database "
            f"{describe(database)} with the backup's. Nothing restored: run again with --yes to go ahead."
        )
    if engine == "sqlite":
        target = sqlite_path(database)
        if not target.parent.is_dir():
            raise BackupError(f"The directory {target.parent} does not exist; nothing restored")
        _close_django_connections_to(database)
        _restore_sqlite(plain, target, busy_seconds)
    else:
        pg_restore = require_pg_tool("pg_restore")
        _close_django_connections_to(database)
        run_pg_tool(
            [
                str(pg_restore),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--no-password",
                f"--dbname={dbname_conninfo(database)}",
                str(plain),
            ],
            database,
            failed=f"pg_restore could not restore into {describe(database)}; the restore was rolled back",
        )
    return RestoreResult(path=source, sha256=sha256, engine=engine, database=describe(database))


def _close_django_connections_to(database: DatabaseSettings) -> None:
    """This process's own connections must not hold the database (or a stale view of it) while it is replaced."""
    where = ("ENGINE", "NAME", "HOST", "PORT")
    for connection in connections.all(initialized_only=True):
        if all(connection.settings_dict.get(key) == database.get(key) for key in where):
            connection.close()


def _restore_sqlite(source: Path, target: Path, busy_seconds: float) -> None:
    try:
        backup = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
        try:
            (verdict,) = backup.execute("PRAGMA quick_check").fetchone()
            if verdict != "ok":
                raise BackupError(f"{source} fails SQLite's integrity check ({verdict}); nothing restored")
            live = sqlite3.connect(target, timeout=1)
            try:
                # One step, in one write transaction on the live database: all of the backup or none of it.
                backup.backup(live, progress=_give_up_after(busy_seconds))
            finally:
                live.close()
        finally:
            backup.close()
    except _StillBusy as error:
        raise BackupError(
            f"The SQLite database {target} stayed busy for {busy_seconds:g} s (another process is writing to "
            "it); nothing restored. Stop the app, or wait for the job to finish, and try again."
        ) from error
    except sqlite3.Error as error:
        raise BackupError(f"The SQLite restore into {target} failed: {error}; nothing restored") from error
