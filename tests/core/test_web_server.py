"""The production server (`make serve-production`): gunicorn with Lantern's settings serves the pages and assets."""

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.core import REPO_ROOT, lantern, lantern_env

GUNICORN = Path(sys.executable).with_name("gunicorn")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> tuple[int, dict[str, str], str]:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode(errors="replace")
    except urllib.error.HTTPError as answered:
        return answered.code, dict(answered.headers), answered.read().decode(errors="replace")


def _children_of(pid: int) -> list[int]:
    """Processes whose parent is `pid` (from /proc, as pgrep -P would say)."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            children.append(int(stat.parent.name))
    return children


@pytest.fixture
def server(tmp_path):
    env = lantern_env(f"sqlite:///{tmp_path / 'live.sqlite3'}", tmp_path)
    lantern("migrate", "--noinput", "-v0", env=env)
    port = _free_port()
    env.update(LANTERN_PORT=str(port), LANTERN_WEB_WORKERS="2", LANTERN_DEBUG="0")
    process = subprocess.Popen(
        [str(GUNICORN), "-c", "python:lantern.web_server", "lantern.wsgi"],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            _get(base + "/sign-in/")
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"gunicorn did not start:\n{process.communicate()[0]}")
            time.sleep(0.3)
    yield base, process
    process.terminate()
    process.wait(timeout=30)


def test_gunicorn_serves_the_sign_in_page_the_assets_and_guards_a_record(server):
    base, process = server
    status, headers, page = _get(base + "/sign-in/")
    assert status == 200
    assert "Sign in" in page
    assert "Content-Security-Policy" in headers
    # Two worker processes under the master, as LANTERN_WEB_WORKERS asked.
    assert len(_children_of(process.pid)) == 2
    status, headers, css = _get(base + "/static/lantern.css")
    assert status == 200 and headers["Content-Type"].startswith("text/css") and len(css) > 1000
    status, headers, _ = _get(base + "/children/A1/")
    assert status == 302 and "/sign-in/" in headers["Location"]


def test_requests_are_logged_once_by_lantern_without_their_query_string(server):
    base, process = server
    _get(base + "/children/?q=Amelia+Smith")
    process.terminate()
    output = process.communicate(timeout=30)[0]
    assert "Booting worker" in output
    # lantern.requests logs the path alone; gunicorn's access log (the whole request line) is off by default.
    assert output.count('"GET /children/" 302') == 1
    assert "Amelia" not in output and "HTTP/1.1" not in output
