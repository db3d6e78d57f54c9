"""Many users at once against a real server: requests a second, p50 and p95, errors.

    .venv/bin/python bench/many_users.py --database sqlite:///path/to/demo.sqlite3 [--server gunicorn|runserver]
        [--users 50] [--seconds 30]

Signs in a team manager (sessions made in the database, as a sign-in makes them), then
`--users` threads each loop over My work, a child's record, a search and the team view for `--seconds`.
Timings are printed, never asserted.
"""

import argparse
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _sessions_and_paths() -> tuple[list[str], list[str]]:
    import django

    django.setup()
    from django.test import Client

    from lantern.accounts.models import User
    from lantern.accounts.roles import Role
    from lantern.workforce.models import Allocation

    # The team manager of a team with open work: My work, the team view, and a child of the team's.
    allocation = (
        Allocation.objects.filter(end_date__isnull=True, team__isnull=False).select_related("child").order_by("pk")
    )
    managers = User.objects.filter(groups__name=Role.TEAM_MANAGER.value, is_active=True)
    user = child = None
    for candidate in allocation[:500]:
        user = managers.filter(worker__team=candidate.team_id).first()
        if user is not None:
            child = candidate.child
            break
    client = Client()
    client.force_login(user)
    cookies = [client.cookies["sessionid"].value]
    paths = ["/work/", f"/children/{child.la_child_id}/", f"/children/?q={child.last_name[:3]}", "/work/team/"]
    return cookies, paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", required=True)
    parser.add_argument("--server", default="gunicorn", choices=["gunicorn", "runserver"])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    args = parser.parse_args()
    env = dict(os.environ, LANTERN_DATABASE_URL=args.database, LANTERN_REQUIRE_2FA="0", LANTERN_ASK_REASON="0")
    os.environ.update(env, DJANGO_SETTINGS_MODULE="lantern.settings")
    cookies, paths = _sessions_and_paths()
    port = _free_port()
    bin_dir = Path(sys.executable).parent
    if args.server == "gunicorn":
        command = [str(bin_dir / "gunicorn"), "-c", "python:lantern.web_server", "lantern.wsgi"]
        env["LANTERN_PORT"] = str(port)
    else:
        command = [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(base + "/sign-in/", timeout=5).read()  # noqa: S310 - our own http://127.0.0.1
                break
            except OSError:
                time.sleep(0.2)
        timings: list[float] = []
        errors: list[str] = []
        stop = time.monotonic() + args.seconds

        def user(n: int) -> None:
            cookie = f"sessionid={cookies[n % len(cookies)]}"
            i = n
            while time.monotonic() < stop:
                path = paths[i % len(paths)]
                i += 1
                started = time.monotonic()
                try:
                    request = urllib.request.Request(base + path, headers={"Cookie": cookie})  # noqa: S310 - as above
                    with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310 - as above
                        response.read()
                        if response.status != 200:
                            errors.append(f"{path} {response.status}")
                except Exception as failed:  # noqa: BLE001 - every failure is counted and shown
                    errors.append(f"{path} {failed}")
                timings.append(time.monotonic() - started)

        began = time.monotonic()
        threads = [threading.Thread(target=user, args=(n,)) for n in range(args.users)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        took = time.monotonic() - began
    finally:
        server.terminate()
        server.wait(timeout=30)
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1] if timings else float("nan")
    print(
        f"{args.server}: {args.users} users, {len(timings)} requests in {took:.1f} s = {len(timings) / took:.1f}/s, "
        f"p50 {statistics.median(timings):.2f} s, p95 {p95:.2f} s, errors {len(errors)}"
    )
    for error in sorted(set(errors))[:5]:
        print("  ", error)


if __name__ == "__main__":
    main()
