"""The second pass of the test suite: everything but the browser tests, on PostgreSQL.

With LANTERN_TEST_POSTGRES set (CI sets it), the suite runs against that server: the role in the URL needs
CREATEDB, since pytest-django creates and drops a `test_…` database beside the one named.

Without it, this script starts a throwaway server of its own (initdb + pg_ctl in a temporary directory,
trust auth on 127.0.0.1 and a free port), runs the suite against it and always stops it afterwards. As root
the server runs as the `postgres` user through runuser, because PostgreSQL refuses to run as root. With no
PostgreSQL binaries at all it says the pass did not run and exits 0: a convenience for a developer's machine.

Arguments after the script's name go to pytest as they are (e.g. `-x -q tests/test_settings_env.py`).
"""

import glob
import os
import pwd
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from collections import deque
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO_ROOT = Path(__file__).resolve().parent.parent
PYTEST_ARGS = ["-m", "not browser", "-p", "no:cacheprovider"]
NO_TESTS_COLLECTED = 5
DATABASE = "lantern"


def say(message: str) -> None:
    print(f"PostgreSQL pass: {message}", flush=True)


def without_password(url: str) -> str:
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


def run_pytest(database_url: str) -> int:
    """Run the suite with LANTERN_DATABASE_URL set; stream its output and return its exit code."""
    env = dict(os.environ, LANTERN_DATABASE_URL=database_url)
    command = [sys.executable, "-m", "pytest", *PYTEST_ARGS, *sys.argv[1:]]
    say(f"running {shlex.join(['python', *command[1:]])} on {without_password(database_url)}")
    tail: deque[str] = deque(maxlen=20)
    with subprocess.Popen(  # noqa: S603 (our own interpreter and arguments)
        command,
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        errors="replace",
    ) as process:
        assert process.stdout is not None
        try:
            for line in process.stdout:
                sys.stdout.write(line)
                sys.stdout.flush()
                tail.append(line)
        except BaseException:  # Ctrl-C or SIGTERM: stop pytest before the server goes away under it
            process.terminate()
            raise
    code = process.returncode
    if code == NO_TESTS_COLLECTED:
        closing = "".join(tail)
        # Exit 5 also covers "every test deselected" (only browser tests exist); both mean nothing ran.
        if "no tests ran" in closing or "collected 0 items" in closing or "deselected" in closing:
            say("no tests collected for this pass (pytest exit 5), counted as success")
            return 0
    return code


def find_postgres_bin() -> Path | None:
    """The directory that holds initdb, pg_ctl and postgres: PATH first, then Debian's versioned dirs."""
    candidates = []
    on_path = shutil.which("pg_ctl")
    if on_path:
        candidates.append(Path(os.path.realpath(on_path)).parent)
    versioned = glob.glob("/usr/lib/postgresql/*/bin")
    versioned.sort(key=lambda path: int(Path(path).parent.name) if Path(path).parent.name.isdigit() else 0)
    candidates.extend(Path(path) for path in reversed(versioned))
    for directory in candidates:
        if all((directory / name).is_file() for name in ("initdb", "pg_ctl", "postgres")):
            return directory
    return None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ThrowawayServer:
    """A PostgreSQL cluster in a temporary directory, for this one run."""

    def __init__(self, bin_dir: Path):
        self.bin_dir = bin_dir
        self.tmp = Path(tempfile.mkdtemp(prefix="lantern-pg-"))
        self.data = self.tmp / "data"
        self.log = self.tmp / "server.log"
        self.port = free_port()
        self.run_as: list[str] = []
        self.started = False
        if os.geteuid() == 0:
            user = "postgres"
            try:
                pwd.getpwnam(user)
            except KeyError:
                user = "nobody"
            shutil.chown(self.tmp, user=user, group=pwd.getpwnam(user).pw_gid)
            self.run_as = ["runuser", "-u", user, "--"]

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{DATABASE}"

    def _run(self, *command: str) -> None:
        result = subprocess.run(  # noqa: S603 (PostgreSQL's own binaries, fixed arguments)
            [*self.run_as, *command],
            cwd=self.tmp,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
            check=False,
        )
        if result.returncode != 0:
            sys.stdout.write(result.stdout)
            if self.log.exists():
                sys.stdout.write(self.log.read_text(errors="replace"))
            raise RuntimeError(f"{Path(command[0]).name} failed (exit {result.returncode})")

    def start(self) -> None:
        say(f"starting a throwaway server from {self.bin_dir} on 127.0.0.1:{self.port} in {self.tmp}")
        self._run(
            str(self.bin_dir / "initdb"),
            "--pgdata",
            str(self.data),
            "--username",
            "postgres",
            "--auth",
            "trust",
            "--encoding",
            "UTF8",
            "--no-locale",
            "--no-sync",
        )
        # Durability is pointless for a database thrown away in a minute; these make the run faster.
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='{self.tmp}'"
            " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self.started = True
        self._run(
            str(self.bin_dir / "pg_ctl"),
            "start",
            "--wait",
            "-D",
            str(self.data),
            "-l",
            str(self.log),
            "-o",
            options,
        )
        import psycopg  # the project's own dependency, in the venv that runs this script

        with psycopg.connect(
            host="127.0.0.1", port=self.port, user="postgres", dbname="postgres", autocommit=True
        ) as connection:
            connection.execute(f'CREATE DATABASE "{DATABASE}"')

    def stop(self) -> None:
        try:
            if self.started:
                say("stopping the throwaway server")
                self._run(str(self.bin_dir / "pg_ctl"), "stop", "--wait", "-D", str(self.data), "-m", "fast")
        except RuntimeError as error:  # keep the suite's own result; the message says what went wrong
            say(f"could not stop the throwaway server cleanly: {error}")
        finally:
            shutil.rmtree(self.tmp, ignore_errors=True)


def main() -> int:
    url = os.environ.get("LANTERN_TEST_POSTGRES", "").strip()
    if url:
        return run_pytest(url)

    bin_dir = find_postgres_bin()
    if bin_dir is None:
        print("PostgreSQL pass NOT RUN: no server (set LANTERN_TEST_POSTGRES or install postgresql)", flush=True)
        return 0

    # Ctrl-C raises KeyboardInterrupt; make SIGTERM unwind the same way so the server is always stopped.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    server = ThrowawayServer(bin_dir)
    try:
        server.start()
        return run_pytest(server.url)
    finally:
        server.stop()


if __name__ == "__main__":
    sys.exit(main())
