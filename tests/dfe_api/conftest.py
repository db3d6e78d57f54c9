"""A stand-in for the DfE's endpoint on 127.0.0.1: it checks what Lantern sends as the protocol says
(docs/domain/dfe-api.md) and answers as the DfE would, including 429 and 413 when a test asks."""

import json
import threading
import uuid
from datetime import UTC, date, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest

from tests.factories import AllocationFactory, CareEpisodeFactory, ChildFactory, ReferralFactory, WorkerFactory

TOKEN = "stand-in-token"
SUPPLIER_KEY = "supplier-key-1"


class StandIn:
    def __init__(self) -> None:
        self.tokens = 0
        self.batches: list[list[dict]] = []  # every children POST the stand-in accepted as well-formed
        self.script: list[int] = []  # statuses to answer next, one per children POST (then 200)
        self.short_answer = False  # answer one item fewer than sent
        self.max_records = 100
        self.refusals: list[str] = []


def _handler(stand_in: StandIn):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # keep the test output clean
            pass

        def _answer(self, status: int, body) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            if self.path == "/token":
                form = parse_qs(body.decode())
                if form.get("grant_type") != ["client_credentials"] or form.get("client_secret") != ["secret"]:
                    return self._answer(400, {"error": "invalid_client"})
                stand_in.tokens += 1
                return self._answer(200, {"access_token": TOKEN, "token_type": "Bearer", "expires_in": 3600})
            if self.path != "/api/children_social_care_data/887/children":
                return self._answer(404, {"error": "not found"})
            authorised = self.headers.get("Authorization") == f"Bearer {TOKEN}"
            if not authorised or self.headers.get("SupplierKey") != SUPPLIER_KEY:
                return self._answer(401, {"error": "unauthorised"})
            if stand_in.script:
                status = stand_in.script.pop(0)
                if status != 200:
                    return self._answer(status, {"error": f"scripted {status}"})
            records = json.loads(body)
            if not isinstance(records, list) or len(records) > stand_in.max_records:
                return self._answer(413, {"error": "too many records"})
            for record in records:
                if not record.get("la_child_id") or not record.get("mis_child_id"):
                    stand_in.refusals.append("a record without its ids")
                    return self._answer(400, {"error": "ids required"})
                if not record.get("purge") and "child_details" not in record:
                    stand_in.refusals.append("a record without child_details")
                    return self._answer(400, {"error": "child_details required"})
            stand_in.batches.append(records)
            now = datetime.now(UTC).strftime("%Y-%m-%d_%H:%M:%S.%f")
            answers = [f"{now}_{uuid.uuid4()}" for _ in records]
            return self._answer(200, answers[:-1] if stand_in.short_answer else answers)

    return Handler


@pytest.fixture
def dfe(monkeypatch):
    """The stand-in, running, with Lantern's LANTERN_DFE_API_* settings pointing at it."""
    stand_in = StandIn()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(stand_in))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_port}"
    for name, value in {
        "LANTERN_DFE_API_URL": f"{base}/api",
        "LANTERN_DFE_API_TOKEN_URL": f"{base}/token",
        "LANTERN_DFE_API_CLIENT_ID": "lantern",
        "LANTERN_DFE_API_CLIENT_SECRET": "secret",
        "LANTERN_DFE_API_SCOPE": "api://dfe/.default",
        "LANTERN_DFE_API_SUPPLIER_KEY": SUPPLIER_KEY,
    }.items():
        monkeypatch.setenv(name, value)
    yield stand_in
    server.shutdown()
    server.server_close()


TODAY = date(2026, 12, 4)


@pytest.fixture
def in_care(db):
    """Two children in the cohort: Cara, referred and in care in a U4 placement; Ben, referred, with an allocated
    social worker; and Old, whose episode closed before the cohort's window (not in it)."""
    cara = ChildFactory(la_child_id="CARA1", first_name="Cara", upn="")
    referral = ReferralFactory(child=cara, referral_date=date(2026, 5, 1))
    episode = CareEpisodeFactory(period__child=cara, period__start_date=date(2026, 6, 1))
    ben = ChildFactory(la_child_id="BEN1", first_name="Ben")
    ReferralFactory(child=ben, referral_date=date(2026, 9, 1))
    AllocationFactory(child=ben, worker=WorkerFactory(registration_number="SW000123"), start_date=date(2026, 9, 2))
    old = ChildFactory(la_child_id="OLD1")
    ReferralFactory(child=old, referral_date=date(2023, 1, 1), closure_date=date(2024, 3, 1), reason_for_closure="RC1")
    return {"cara": cara, "ben": ben, "old": old, "referral": referral, "episode": episode}
