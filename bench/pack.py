"""The performance pack's build time and the snapshot job's time per week, on a generated authority.

    .venv/bin/python bench/pack.py --database sqlite:////tmp/demo.sqlite3 [--as-of 2026-12-04] [--weeks 4]

Builds the pack authority-wide (every measure, the trends from the snapshots) and as a team manager's scope, then
keeps `--weeks` weeks of snapshots. Timings and query counts are printed, never asserted. The snapshots it writes
replace any kept for the same weeks.
"""

import argparse
import os
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", required=True, help="LANTERN_DATABASE_URL of a generated authority")
    parser.add_argument("--as-of", type=date.fromisoformat, default=None)
    parser.add_argument("--weeks", type=int, default=4)
    args = parser.parse_args()
    os.environ["LANTERN_DATABASE_URL"] = args.database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lantern.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from lantern.accounts.models import User
    from lantern.accounts.roles import Role
    from lantern.core.services import local_today
    from lantern.performance.selectors import pack
    from lantern.performance.services import snapshot_measures, week_ends
    from lantern.workforce.access import visible_children

    as_of = args.as_of or local_today()
    manager = next(u for u in User.objects.all() if u.has_role(Role.TEAM_MANAGER))
    for who, children in (("authority", None), (f"team manager {manager.username}", visible_children(manager))):
        started = time.monotonic()
        with CaptureQueriesContext(connection) as queries:
            sections = pack(as_of, children)
        measures = sum(len(rows) for _, _, rows in sections)
        elapsed = time.monotonic() - started
        print(f"pack as at {as_of} ({who}): {measures} measures in {elapsed:.2f} s, {len(queries)} queries")
    days = week_ends(as_of, args.weeks)
    started = time.monotonic()
    for day in days:
        snapshot_measures(as_of=day)
    elapsed = time.monotonic() - started
    print(f"snapshots: {args.weeks} weeks in {elapsed:.2f} s ({elapsed / args.weeks:.2f} s a week)")


if __name__ == "__main__":
    main()
