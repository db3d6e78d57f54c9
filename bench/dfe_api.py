"""The DfE child-level API at the size of a demo authority: working out who is pending, and a whole send to a
stand-in endpoint on 127.0.0.1 (the one the tests use).

    .venv/bin/python bench/dfe_api.py --database sqlite:////tmp/large.sqlite3 [--today 2026-12-04]

The database must hold a built demo (`lantern generate`); this empties its DfE API tables first, so never point
it at a council's database. Timings are printed, never asserted.
"""

import argparse
import os
import sys
import threading
import time
from datetime import date
from http.server import ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", required=True)
    parser.add_argument("--today", default="2026-12-04")
    args = parser.parse_args()
    os.environ["LANTERN_DATABASE_URL"] = args.database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lantern.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from lantern.core.writing import writing
    from lantern.dfe_api.models import ChildSubmission, PayloadRefresh, PayloadState, SendRun
    from lantern.dfe_api.services import dfe_api_send
    from lantern.dfe_api.tracking import bring_up_to_date, counts, pending, refresh_states
    from lantern.people.models import Child
    from tests.dfe_api.conftest import SUPPLIER_KEY, StandIn, _handler

    call_command("migrate", "dfe_api", verbosity=0)
    for model in (ChildSubmission, PayloadState, PayloadRefresh, SendRun):
        model.objects.all().delete()
    today = date.fromisoformat(args.today)
    stand_in = StandIn()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(stand_in))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    os.environ.update(
        LANTERN_DFE_API_URL=f"{base}/api",
        LANTERN_DFE_API_TOKEN_URL=f"{base}/token",
        LANTERN_DFE_API_CLIENT_ID="bench",
        LANTERN_DFE_API_CLIENT_SECRET="secret",
        LANTERN_DFE_API_SCOPE="bench",
        LANTERN_DFE_API_SUPPLIER_KEY=SUPPLIER_KEY,
    )

    def timed(label: str, work):
        started = time.perf_counter()
        result = work()
        print(f"{label:<58} {time.perf_counter() - started:8.2f} s")
        return result

    print(f"children on the record: {Child.objects.count():,}")
    refresh = timed("first working-out of every cohort child's payload", lambda: refresh_states(today))
    print(f"  cohort: {refresh.children:,} children; pending {counts()}")
    items = timed("pending (a whole working-out, payloads, partials)", lambda: pending(today))
    print(f"  pending: {len(items):,}")
    run = timed("send every pending child to the stand-in", lambda: dfe_api_send(today=today, delays=(0, 0, 0)))
    print(f"  {run.sent:,} sent in {run.batches:,} batches, {run.requests:,} requests, {run.failed} failed")
    after = timed("pending after the send (a whole working-out)", lambda: pending(today))
    print(f"  pending: {len(after):,}")
    child = Child.objects.filter(pk=PayloadState.objects.values("child_id")[:1]).get()
    with writing("bench"):
        child.first_name = child.first_name + "x"
        child.save()
    changed = timed("the page's bring-up-to-date after one child's change", lambda: bring_up_to_date(today))
    print(f"  children worked out: {changed.children}; pending {counts()}")
    server.shutdown()


if __name__ == "__main__":
    main()
