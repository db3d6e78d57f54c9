"""Ratios to bare baselines (issue 18): each piece of Lantern against the same SELECTs run raw.

The baseline of all clocks, of the stored-clock refresh and of each export: every SELECT the real run sent (its
SQL and parameters, caught with `connection.execute_wrapper`) sent again on a plain cursor, every row fetched and
printed to a text buffer. The baseline of a page is a bare Django view (bench/urls.py) requested the same way,
through the same middleware, that sends the page's SELECTs less those the middleware sends itself, and prints
the rows. Writes the real run makes (the access log, the stored clocks) are not replayed: the baseline is the
read. Real run and baseline alternate, so load from other work on the machine falls on both; the ratio is median
against median.

Needs Django set up (bench/run.py does it). Timings are printed, never asserted.
"""

import io
import logging
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.db import connection


@dataclass
class Ratio:
    label: str
    real: list[float]
    bare: list[float]
    queries: int
    rows: int

    @property
    def ratio(self) -> float:
        return statistics.median(self.real) / max(statistics.median(self.bare), 1e-9)


def _is_read(sql: str) -> bool:
    head = sql.lstrip().split(None, 1)[0].upper() if sql.strip() else ""
    return head in ("SELECT", "WITH")


def capture(run: Callable[[], object]) -> list[tuple[str, object]]:
    """Run once, keeping every SELECT it sent with its parameters."""
    sent: list[tuple[str, object]] = []

    def keep(execute, sql, params, many, context):
        if not many and _is_read(sql):
            sent.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(keep):
        run()
    return sent


def bare(sent: list[tuple[str, object]]) -> tuple[int, str]:
    """The baseline: send the same SELECTs on a plain cursor, fetch every row and print it. Returns the rows read
    and what was printed."""
    out = io.StringIO()
    rows = 0
    with connection.cursor() as cursor:
        for sql, params in sent:
            cursor.execute(sql, params)
            for row in cursor.fetchall():
                out.write("\t".join(map(str, row)))
                out.write("\n")
                rows += 1
    return rows, out.getvalue()


def measure(label: str, run: Callable[[], object], repeat: int, client=None) -> Ratio:
    """Warm up and catch the SELECTs, then alternate the real run and its baseline `repeat` times. With a test
    client the baseline is the bare view requested by it; without, the SELECTs sent from here."""
    sent = capture(run)
    if client is None:

        def baseline_run() -> object:
            return bare(sent)

    else:
        from bench import urls

        urls.REPLAY[:] = []
        own = capture(lambda: client.get("/bench/bare/"))
        for query in own:
            if query in sent:
                sent.remove(query)
        urls.REPLAY[:] = sent

        def baseline_run() -> object:
            response = client.get("/bench/bare/")
            if response.status_code != 200:
                raise RuntimeError(f"the bare view answered {response.status_code}")
            return response.content

    rows, _ = bare(sent)
    baseline_run()
    real, baseline = [], []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        real.append(time.perf_counter() - started)
        started = time.perf_counter()
        baseline_run()
        baseline.append(time.perf_counter() - started)
    return Ratio(label, real, baseline, len(sent), rows)


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def table(results: list[Ratio]) -> str:
    lines = [
        f"| {'what':<34} | real p50 | real p95 | bare p50 | ratio | queries | rows read |",
        f"| {'-' * 34} | -------: | -------: | -------: | ----: | ------: | --------: |",
    ]
    for r in results:
        lines.append(
            f"| {r.label:<34} | {_ms(statistics.median(r.real)):>8} | {_ms(_p95(r.real)):>8} "
            f"| {_ms(statistics.median(r.bare)):>8} | {r.ratio:>4.1f}x | {r.queries:>7} | {r.rows:>9} |"
        )
    return "\n".join(lines)


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def page_runs() -> list[tuple[str, Callable[[], object], object]]:
    """The record, My work, the team view, the service view and a search, as a team manager with open work sees
    them (the manager of the first team with an open allocation, as bench/many_users.py chooses)."""
    from django.test import Client

    from lantern.accounts.models import User
    from lantern.accounts.roles import Role
    from lantern.workforce.models import Allocation

    allocations = (
        Allocation.objects.filter(end_date__isnull=True, team__isnull=False).select_related("child").order_by("pk")
    )
    managers = User.objects.filter(groups__name=Role.TEAM_MANAGER.value, is_active=True)
    user = child = None
    for candidate in allocations[:500]:
        user = managers.filter(worker__team=candidate.team_id).first()
        if user is not None:
            child = candidate.child
            break
    if user is None:
        return []
    client = Client()
    client.force_login(user)
    # The service view is for service managers: the one over that manager's team, if there is one.
    service_manager = (
        User.objects.filter(groups__name=Role.SERVICE_MANAGER.value, is_active=True)
        .filter(worker__team__service=user.worker.team.service_id)
        .first()
        or User.objects.filter(groups__name=Role.SERVICE_MANAGER.value, is_active=True).order_by("pk").first()
    )
    service_client = Client()
    if service_manager is not None:
        service_client.force_login(service_manager)

    def get(url: str, client: Client = client) -> Callable[[], object]:
        def run() -> object:
            response = client.get(url)
            if response.status_code != 200:
                raise RuntimeError(f"{url} answered {response.status_code}")
            return response.content

        return run

    pages = [
        ("child's record (team manager)", get(f"/children/{child.la_child_id}/"), client),
        ("My work (team manager)", get("/work/"), client),
        ("team view (team manager)", get("/work/team/"), client),
        ("search by surname (team manager)", get(f"/children/?q={child.last_name[:3]}"), client),
    ]
    if service_manager is not None:
        pages.append(("service view (service manager)", get("/work/service/", service_client), service_client))
    return pages


def heavy_runs(as_of: date, scratch: Path) -> list[tuple[str, Callable[[], object]]]:
    from lantern.returns.annex_a import export_annex_a
    from lantern.returns.cin_census import export_cin_census
    from lantern.returns.ssda903 import export_ssda903
    from lantern.timescales.selectors import authority_clocks
    from lantern.timescales.store import refresh_all

    year = as_of.year if as_of.month > 3 else as_of.year - 1

    def cin() -> None:
        with (scratch / "cin.xml").open("wb") as out:
            export_cin_census(year, out)

    def annex() -> None:
        with (scratch / "annex-a.xlsx").open("wb") as out:
            export_annex_a(as_of, out)

    def ssda() -> None:
        folder = scratch / "ssda903"
        folder.mkdir(exist_ok=True)
        export_ssda903(year, folder)

    return [
        (f"all clocks on {as_of}", lambda: authority_clocks(as_of=as_of, live_only=False)),
        (f"stored clocks refresh on {as_of}", lambda: refresh_all(as_of=as_of)),
        (f"CIN census {year} export", cin),
        (f"Annex A on {as_of} export", annex),
        (f"SSDA903 {year} export", ssda),
    ]


def run_ratios(as_of: date, *, page_repeat: int, heavy_repeat: int, only: set[str] | None = None) -> list[Ratio]:
    """Measure and print each ratio as it comes, then the whole table."""
    from django.test.utils import override_settings

    quiet = {
        "ROOT_URLCONF": "bench.urls",
        "ALLOWED_HOSTS": ["testserver"],
        "LANTERN_ASK_REASON_OUTSIDE_OWN_WORK": False,
        "LANTERN_REQUIRE_2FA": False,
    }
    # The request log line of every page would bury the table.
    logging.getLogger("lantern.requests").setLevel(logging.WARNING)
    results = []
    with override_settings(**quiet), tempfile.TemporaryDirectory() as scratch:
        runs = [(label, run, page_repeat, client) for label, run, client in page_runs()]
        runs += [(label, run, heavy_repeat, None) for label, run in heavy_runs(as_of, Path(scratch))]
        for label, run, repeat, client in runs:
            if only and not any(word in label for word in only):
                continue
            result = measure(label, run, repeat, client)
            print(f"ratio {label}: {result.ratio:.1f}x ({result.queries} queries, {result.rows} rows)", flush=True)
            results.append(result)
    print(table(results))
    return results
