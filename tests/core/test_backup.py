"""`lantern backup` and `lantern restore`: a round trip gives back every table exactly, and every refusal
(bad checksum, missing checksum, wrong kind of file, existing file, no --yes) changes nothing.

The commands run in subprocesses against a scratch database (a file for SQLite, a database of its own for
PostgreSQL), never against the database the suite itself runs on.
"""

import shutil
import sqlite3
import subprocess
import textwrap
from contextlib import closing
from pathlib import Path

import pytest

from lantern.core import backup
from lantern.core.backup import CHECKSUM_MISMATCH, BackupError
from lantern.core.backup_crypto import MAGIC
from tests.core import (
    BACKUP_KEY,
    lantern,
    lantern_env,
    migrated_postgres_template,
    needs_postgresql,
    postgres_state,
    row_counts,
    scratch_postgres_database,
    sqlite_file_sha256,
    sqlite_pass_only,
    sqlite_state,
)

SEED = """
from django.conf import settings

# As in tests/conftest.py: Argon2 is deliberately slow and these users never sign in.
settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

from lantern.accounts.roles import Role
from tests.factories import AllocationFactory, ChildFactory, ReferralFactory, UserFactory, VisitFactory

for n in range(4):
    child = ChildFactory(first_name=f"Róisín {n}")
    ReferralFactory(child=child)
    VisitFactory(child=child, seen_alone=bool(n % 2))
    AllocationFactory(child=child)
UserFactory(roles=[Role.SOCIAL_WORKER])
UserFactory(roles=[Role.TEAM_MANAGER])
"""

CHANGE = """
from lantern.accounts.models import User
from lantern.journey.models import Referral, Visit
from lantern.people.models import Child
from tests.factories import ChildFactory

Visit.objects.filter(pk__in=Visit.objects.order_by("pk").values("pk")[:2]).delete()
Referral.objects.order_by("pk").first().delete()
Child.objects.filter(pk=Child.objects.order_by("pk").first().pk).update(first_name="Changed")
ChildFactory(la_child_id="C9000001", first_name="Added after the backup")
User.objects.order_by("pk").last().delete()
"""


@pytest.fixture(autouse=True)
def _backup_key(settings):
    """The key for the backups made in this process (the commands get it from lantern_env)."""
    settings.LANTERN_BACKUP_KEY = BACKUP_KEY


SQLITE_DB = "live.sqlite3"
BACKUP = "backup.sqlite3"


def shell(code: str, env: dict[str, str]) -> None:
    """Run `code` in `lantern shell` as a test fixture (records written directly, not through a service)."""
    fixture = "from tests.factories import fixture_writes\nwith fixture_writes():\n" + textwrap.indent(code, "    ")
    lantern("shell", "--no-imports", "-c", fixture, env=env)


def sqlite_env(directory: Path) -> dict[str, str]:
    return lantern_env(f"sqlite:///{directory / SQLITE_DB}", directory)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Path:
    """A migrated SQLite file with the SEED rows in it (migrating takes seconds: done once per module)."""
    directory = tmp_path_factory.mktemp("backup-seeded")
    env = sqlite_env(directory)
    lantern("migrate", "--noinput", "-v0", env=env)
    shell(SEED, env)
    return directory / SQLITE_DB


@pytest.fixture(scope="module")
def template(seeded: Path, tmp_path_factory) -> Path:
    """The seeded file, a backup of it (BACKUP + .sha256), then changes made after the backup, so that a
    restore which wrongly went ahead would show. Tests take copies of it; nobody writes to it."""
    directory = tmp_path_factory.mktemp("backup-template")
    shutil.copy2(seeded, directory / SQLITE_DB)
    env = sqlite_env(directory)
    lantern("backup", str(directory / BACKUP), env=env)
    shell(CHANGE, env)
    return directory


@pytest.fixture
def scratch(template: Path, tmp_path: Path) -> Path:
    """This test's own copy of the template: the live database, the backup and its checksum."""
    for name in (SQLITE_DB, BACKUP, BACKUP + ".sha256"):
        shutil.copy2(template / name, tmp_path / name)
    return tmp_path


def assert_restore_refused(directory: Path, *args: str, message: str) -> None:
    """`lantern restore ARGS` fails with `message`, and the live database is byte for byte as it was."""
    live = directory / SQLITE_DB
    bytes_before, state_before = sqlite_file_sha256(live), sqlite_state(live)
    result = lantern("restore", *args, env=sqlite_env(directory), check=False)
    assert result.returncode == 1, result.stdout + result.stderr
    assert message in result.stderr
    assert sqlite_file_sha256(live) == bytes_before
    assert sqlite_state(live) == state_before


# Round trips.


@sqlite_pass_only
def test_sqlite_round_trip_gives_back_every_table(seeded, tmp_path):
    env = sqlite_env(tmp_path)
    live, saved = tmp_path / SQLITE_DB, tmp_path / BACKUP
    shutil.copy2(seeded, live)
    before = sqlite_state(live)
    assert before["people_child"].rows == 4 and before["journey_visit"].rows == 4

    made = lantern("backup", str(saved), env=env)
    digest = backup.file_sha256(saved)
    assert (tmp_path / f"{BACKUP}.sha256").read_text() == f"{digest}  {BACKUP}\n"
    assert digest in made.stdout
    # Encrypted: neither SQLite's header nor a child's name is in the file.
    body = saved.read_bytes()
    assert body.startswith(MAGIC) and backup.SQLITE_HEADER not in body
    assert "Róisín".encode() not in body and b"people_child" not in body
    assert saved.stat().st_mode & 0o077 == 0, "a backup of children's records is readable by its owner only"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")] == []

    shell(CHANGE, env)
    changed = sqlite_state(live)
    assert changed != before
    assert row_counts(changed) != row_counts(before)

    restored = lantern("restore", str(saved), "--yes", env=env)
    assert digest in restored.stdout
    assert sqlite_state(live) == before
    # The restored database is the app's again: Django reads it, in WAL mode.
    names = "from lantern.people.models import Child; print(sorted(Child.objects.values_list('first_name', flat=True)))"
    check = lantern("shell", "--no-imports", "-c", names, env=env)
    assert check.stdout.strip() == str([f"Róisín {n}" for n in range(4)])


@needs_postgresql
def test_postgresql_round_trip_gives_back_every_table(request, tmp_path):
    saved = tmp_path / "backup.pgdump"
    template = migrated_postgres_template(request, tmp_path)
    with scratch_postgres_database("lantern_backup", template) as database:
        env = lantern_env(database.url, tmp_path)
        shell(SEED, env)
        before = postgres_state(database)
        assert before["people_child"].rows == 4 and before["journey_visit"].rows == 4

        lantern("backup", str(saved), env=env)
        assert saved.read_bytes().startswith(MAGIC) and backup.PG_DUMP_HEADER not in saved.read_bytes()[:4096]
        assert backup.verify_checksum(saved) == backup.file_sha256(saved)

        shell(CHANGE, env)
        changed = postgres_state(database)
        assert changed != before
        assert row_counts(changed) != row_counts(before)

        lantern("restore", str(saved), "--yes", env=env)
        assert postgres_state(database) == before  # the sequences' positions too: new rows get new ids

        # A pg_dump archive offered to an SQLite database is refused (the reverse case runs in every pass).
        sqlite_dir = tmp_path / "sqlite"
        sqlite_dir.mkdir()
        result = lantern("restore", str(saved), "--yes", env=sqlite_env(sqlite_dir), check=False)
        assert result.returncode == 1
        assert "is a PostgreSQL dump" in result.stderr
        assert not (sqlite_dir / SQLITE_DB).exists()


# Restore refusals: each leaves the live database exactly as it was.


@sqlite_pass_only
def test_restore_refuses_a_tampered_backup(scratch):
    saved = scratch / BACKUP
    data = bytearray(saved.read_bytes())
    data[len(data) // 2] ^= 0x01
    saved.write_bytes(bytes(data))
    assert_restore_refused(scratch, str(saved), "--yes", message=CHECKSUM_MISMATCH)


@sqlite_pass_only
def test_restore_refuses_a_backup_without_its_checksum(scratch):
    (scratch / f"{BACKUP}.sha256").unlink()
    assert_restore_refused(scratch, str(scratch / BACKUP), "--yes", message="No checksum file")


@sqlite_pass_only
def test_restore_refuses_a_postgresql_dump_for_an_sqlite_database(scratch):
    dump = scratch / "backup.pgdump"
    dump.write_bytes(backup.PG_DUMP_HEADER + bytes(range(256)) * 8)
    backup.write_checksum(dump)
    assert_restore_refused(
        scratch, str(dump), "--yes", message="is a PostgreSQL dump (pg_dump custom format), but the configured"
    )


@sqlite_pass_only
def test_restore_refuses_a_file_that_is_no_backup(scratch):
    other = scratch / "notes.txt"
    other.write_text("not a database\n")
    backup.write_checksum(other)
    assert_restore_refused(scratch, str(other), "--yes", message="neither an SQLite database nor a pg_dump")


@sqlite_pass_only
def test_restore_needs_yes(scratch):
    assert_restore_refused(scratch, str(scratch / BACKUP), message="run again with --yes")
    # With --yes the same backup restores: the refusal was only the missing confirmation.
    lantern("restore", str(scratch / BACKUP), "--yes", env=sqlite_env(scratch))
    assert sqlite_state(scratch / SQLITE_DB)["people_child"].rows == 4


def test_restore_refuses_an_sqlite_file_for_a_postgresql_database(tmp_path):
    saved = tmp_path / BACKUP
    with closing(sqlite3.connect(saved)) as db:
        db.execute("CREATE TABLE t (x)")
    backup.write_checksum(saved)
    postgres = {"ENGINE": "django.db.backends.postgresql", "NAME": "lantern", "HOST": "127.0.0.1", "PORT": 1}
    with pytest.raises(BackupError, match="is an SQLite database, but the configured database is PostgreSQL"):
        backup.restore_database(saved, confirmed=True, database=postgres)


def test_restore_gives_up_while_another_process_holds_the_database(tmp_path):
    live, saved = tmp_path / "live.sqlite3", tmp_path / "saved.sqlite3"
    for path, value in ((saved, "from the backup"), (live, "live")):
        with closing(sqlite3.connect(path)) as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("CREATE TABLE t (x)")
            db.execute("INSERT INTO t VALUES (?)", [value])
            db.commit()
    backup.write_checksum(saved)
    sqlite = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(live)}
    with closing(sqlite3.connect(live, isolation_level=None)) as writer:
        writer.execute("BEGIN IMMEDIATE")  # a job in the middle of its transaction
        writer.execute("INSERT INTO t VALUES ('uncommitted')")
        with pytest.raises(BackupError, match="stayed busy for 0.5 s .*nothing restored"):
            backup.restore_database(saved, confirmed=True, database=sqlite, busy_seconds=0.5)
        writer.execute("ROLLBACK")
    assert sqlite_state(live)["t"].rows == 1
    with closing(sqlite3.connect(live)) as db:
        assert db.execute("SELECT x FROM t").fetchall() == [("live",)]


# Backup refusals and failures.


@sqlite_pass_only
def test_backup_will_not_overwrite_without_force(scratch):
    env = sqlite_env(scratch)
    saved, checksum = scratch / BACKUP, scratch / f"{BACKUP}.sha256"
    old_bytes, old_checksum = saved.read_bytes(), checksum.read_text()

    result = lantern("backup", str(saved), env=env, check=False)
    assert result.returncode == 1
    assert "already exists; nothing backed up. Use --force" in result.stderr
    assert saved.read_bytes() == old_bytes and checksum.read_text() == old_checksum

    lantern("backup", str(saved), "--force", env=env)
    assert saved.read_bytes() != old_bytes  # the live database changed after the template's backup
    assert backup.verify_checksum(saved) == backup.file_sha256(saved)
    assert sorted(p.name for p in scratch.iterdir() if p.name.startswith(".")) == [], "no partial files left"


def test_backup_into_a_missing_directory_is_refused(tmp_path):
    live = tmp_path / "live.sqlite3"
    with closing(sqlite3.connect(live)) as db:
        db.execute("CREATE TABLE t (x)")
    sqlite = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(live)}
    with pytest.raises(BackupError, match="directory .*nowhere does not exist"):
        backup.backup_database(tmp_path / "nowhere" / "b.sqlite3", database=sqlite)


POSTGRES = {
    "ENGINE": "django.db.backends.postgresql",
    "NAME": "lantern",
    "USER": "lantern",
    "PASSWORD": "correct-horse-battery-staple",
    "HOST": "127.0.0.1",
    "PORT": 1,
}


def test_backup_without_pg_dump_says_so(tmp_path, monkeypatch):
    monkeypatch.setattr(backup.shutil, "which", lambda name: None)
    monkeypatch.setattr(backup.glob, "glob", lambda pattern: [])
    with pytest.raises(BackupError, match="pg_dump was not found on PATH or in /usr/lib/postgresql"):
        backup.backup_database(tmp_path / "b.pgdump", database=POSTGRES)
    assert list(tmp_path.iterdir()) == []


def test_pg_dump_gets_the_password_in_its_environment_only(tmp_path, monkeypatch):
    calls = []

    def fake_run(command, **kwargs):
        calls.append((command, kwargs["env"]))
        return subprocess.CompletedProcess(command, 1, "", f"FATAL: no entry for password {POSTGRES['PASSWORD']}")

    monkeypatch.setattr(backup, "find_pg_tool", lambda name: Path(f"/usr/bin/{name}"))
    monkeypatch.setattr(backup.subprocess, "run", fake_run)
    with pytest.raises(BackupError) as failure:
        backup.backup_database(tmp_path / "b.pgdump", database=POSTGRES)
    (command, env), *_ = calls
    assert command[:2] == ["/usr/bin/pg_dump", "--format=custom"]
    assert not any(POSTGRES["PASSWORD"] in part for part in command)
    assert env["PGPASSWORD"] == POSTGRES["PASSWORD"]
    assert (env["PGHOST"], env["PGPORT"], env["PGUSER"]) == ("127.0.0.1", "1", "lantern")
    assert "FATAL: no entry for password ***" in str(failure.value)
    assert POSTGRES["PASSWORD"] not in str(failure.value)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(backup.find_pg_tool("pg_dump") is None, reason="needs pg_dump (PostgreSQL's client tools)")
def test_a_failing_pg_dump_shows_its_error(tmp_path):
    with pytest.raises(BackupError) as failure:
        backup.backup_database(tmp_path / "b.pgdump", database=POSTGRES)
    message = str(failure.value)
    assert "pg_dump could not back up lantern on 127.0.0.1:1; nothing backed up" in message
    assert "127.0.0.1" in message.split("\n", 1)[1]  # pg_dump's own words: it could not connect
    assert POSTGRES["PASSWORD"] not in message
    assert list(tmp_path.iterdir()) == []


# Encryption.


@sqlite_pass_only
def test_restore_with_the_wrong_key_is_refused_and_changes_nothing(scratch):
    live = scratch / SQLITE_DB
    bytes_before = sqlite_file_sha256(live)
    env = sqlite_env(scratch) | {"LANTERN_BACKUP_KEY": "s8Hq3bJd0Lk5Vn2Pz7Wc4Xr9Ty1Ua6Me0Fg3Hi5Jo8Q="}
    result = lantern("restore", str(scratch / BACKUP), "--yes", env=env, check=False)
    assert result.returncode == 1
    assert "could not be decrypted with LANTERN_BACKUP_KEY: it is the wrong key" in result.stderr
    assert sqlite_file_sha256(live) == bytes_before
    assert [p.name for p in scratch.iterdir() if p.name.endswith(".partial")] == []


@sqlite_pass_only
def test_backup_and_restore_without_a_key_are_refused_naming_the_variable(scratch):
    env = {k: v for k, v in sqlite_env(scratch).items() if k != "LANTERN_BACKUP_KEY"}
    made = lantern("backup", str(scratch / "again.sqlite3"), env=env, check=False)
    assert made.returncode == 1 and "LANTERN_BACKUP_KEY is not set" in made.stderr
    assert not (scratch / "again.sqlite3").exists()
    restored = lantern("restore", str(scratch / BACKUP), "--yes", env=env, check=False)
    assert restored.returncode == 1 and "LANTERN_BACKUP_KEY is not set" in restored.stderr


def test_a_new_key_is_printed_and_works(tmp_path):
    result = lantern("backup", "--new-key", env=sqlite_env(tmp_path))
    key = result.stdout.strip()
    from cryptography.fernet import Fernet

    assert Fernet(key.encode()).decrypt(Fernet(key.encode()).encrypt(b"x")) == b"x"
    assert "LANTERN_BACKUP_KEY" in result.stderr


@sqlite_pass_only
def test_a_backup_from_before_encryption_still_restores(seeded, tmp_path):
    env = sqlite_env(tmp_path)
    shutil.copy2(seeded, tmp_path / SQLITE_DB)
    old = tmp_path / "old.sqlite3"
    shutil.copy2(seeded, old)  # a plain SQLite copy, as `lantern backup` wrote before
    backup.write_checksum(old)
    shell(CHANGE, env)
    lantern("restore", str(old), "--yes", env=env)
    assert sqlite_state(tmp_path / SQLITE_DB)["people_child"].rows == 4
