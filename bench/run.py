"""Benchmarks against the synthetic authority: build time, row counts, all clocks, pages.

    .venv/bin/python bench/run.py [--size large|small] [--seed 1] [--reuse]
        [--only generate,clocks,store,exports,pages,ratios]

`make bench` runs it as it is; LANTERN_BENCH_ONLY sets --only's default, so on a demo already built:
    LANTERN_BENCH_DATABASE_URL=sqlite:////tmp/large.sqlite3 LANTERN_BENCH_ONLY=ratios make bench
The ratios step (bench/ratios.py) times each page, all clocks, the store refresh and each export against the same
SELECTs sent raw, alternating the two, and prints a table.

Runs on its own SQLite file (var/bench/<size>.sqlite3) unless LANTERN_BENCH_DATABASE_URL is set, so the demo
database is never touched. Timings are printed, never asserted: tests do not depend on them.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", default="large", choices=["tiny", "small", "large"])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reuse", action="store_true", help="keep an existing benchmark database")
    parser.add_argument("--only", default=os.environ.get("LANTERN_BENCH_ONLY", "generate,clocks,store,exports,pages"))
    parser.add_argument("--page-repeat", type=int, default=9, help="runs of each page in the ratios step")
    parser.add_argument("--ratios", default="", help="only the ratios whose label holds one of these words (a,b)")
    parser.add_argument("--heavy-repeat", type=int, default=3, help="runs of clocks, refresh and exports in ratios")
    parser.add_argument("--as-of", default=None, help="date the clocks are evaluated on (default: the build date)")
    args = parser.parse_args()
    steps = set(args.only.split(","))

    database = os.environ.get("LANTERN_BENCH_DATABASE_URL")
    if database is None:
        path = ROOT / "var" / "bench" / f"{args.size}.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        if not args.reuse and "generate" in steps:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        database = f"sqlite:///{path}"
    os.environ["LANTERN_DATABASE_URL"] = database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lantern.settings")
    lantern = [sys.executable, str(ROOT / "manage.py")]
    print(f"benchmark database: {database.split('@')[-1]}")

    if "generate" in steps:
        subprocess.run([*lantern, "migrate", "--noinput", "-v0"], check=True)
        started = time.perf_counter()
        subprocess.run([*lantern, "generate", "--size", args.size, "--seed", str(args.seed), "--force"], check=True)
        print(f"generate --size {args.size}: {time.perf_counter() - started:.1f} s (wall, including start-up)")

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from lantern.people.models import Child

    print(f"children: {Child.objects.count()}")
    as_of = date.fromisoformat(args.as_of) if args.as_of else date.today()

    if "clocks" in steps:
        from lantern.timescales.selectors import authority_clocks

        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            clocks = authority_clocks(as_of=as_of, live_only=False)
        elapsed = time.perf_counter() - started
        live = sum(1 for c in clocks if c.live and c.is_open)
        overdue = sum(1 for c in clocks if c.live and c.status.value == "overdue")
        print(
            f"all clocks for the whole authority on {as_of}: {len(clocks)} clocks ({live} running, {overdue} overdue) "
            f"in {elapsed:.1f} s with {len(queries.captured_queries)} queries"
        )

    if "store" in steps:
        from lantern.timescales.store import refresh_all

        with CaptureQueriesContext(connection) as queries:
            refresh = refresh_all(as_of=as_of)
        print(
            f"stored open clocks rebuilt for {as_of}: {refresh.clocks} open clocks of {refresh.children} children "
            f"in {refresh.seconds:.1f} s with {len(queries.captured_queries)} queries"
        )

    if "exports" in steps:
        _exports(as_of)

    if "pages" in steps:
        _pages()

    if "ratios" in steps:
        from bench.ratios import run_ratios

        only = {word for word in args.ratios.split(",") if word}
        run_ratios(as_of, page_repeat=args.page_repeat, heavy_repeat=args.heavy_repeat, only=only or None)


def _exports(as_of: date) -> None:
    """The three returns for the collection year that ended before `as_of`, and Annex A on `as_of`."""
    import tempfile

    from lantern.returns.annex_a import export_annex_a
    from lantern.returns.cin_census import export_cin_census
    from lantern.returns.ssda903 import export_ssda903

    year = as_of.year if as_of.month > 3 else as_of.year - 1

    def to_file(path: Path, export):
        with path.open("wb") as stream:
            export(stream)

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        (folder / "ssda903").mkdir()
        for label, run in [
            (f"CIN census {year}", lambda: to_file(folder / "cin.xml", lambda out: export_cin_census(year, out))),
            (f"SSDA903 {year}", lambda: export_ssda903(year, folder / "ssda903")),
            (f"Annex A on {as_of}", lambda: to_file(folder / "annex-a.xlsx", lambda out: export_annex_a(as_of, out))),
        ]:
            started = time.perf_counter()
            run()
            elapsed = time.perf_counter() - started
            size = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
            print(f"export {label}: {elapsed:.1f} s ({size / 1e6:.1f} MB written so far)")


def _pages() -> None:
    from django.test import Client
    from django.test.utils import override_settings

    from lantern.accounts.models import User
    from lantern.people.models import Child

    client = Client()
    from lantern.workforce.access import visible_children

    quiet = {
        "ALLOWED_HOSTS": ["testserver"],
        "LANTERN_ASK_REASON_OUTSIDE_OWN_WORK": False,
        "LANTERN_REQUIRE_2FA": False,
    }
    with override_settings(**quiet):
        for username in ["sw.demo", "director.demo"]:
            user = User.objects.filter(username=username).first()
            if user is None:
                print(f"pages: no user {username}")
                continue
            client.force_login(user)
            child = visible_children(user).order_by("pk").first() or Child.objects.order_by("pk").first()
            for label, url in [
                ("home", "/"),
                ("search by surname", f"/children/?q={child.last_name}"),
                ("child's record", f"/children/{child.la_child_id}/"),
                ("my work", "/work/"),
                ("service view", "/work/service/"),
                ("overdue drill-down", "/work/clocks/?status=overdue"),
                ("drill-down as CSV", "/work/clocks/?status=overdue&format=csv"),
            ]:
                timings = []
                for _ in range(5):
                    started = time.perf_counter()
                    response = client.get(url)
                    if response.streaming:
                        b"".join(response.streaming_content)
                    timings.append(time.perf_counter() - started)
                print(
                    f"page {label:<18} as {username:<14} status {response.status_code}: "
                    f"median {statistics.median(timings) * 1000:.0f} ms over 5"
                )


if __name__ == "__main__":
    main()
