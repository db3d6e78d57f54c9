"""The wire to the DfE: an OAuth2 client-credentials token, then batches POSTed with the supplier key, retried with
back-off on 401, 403 and 429 as D2I's sender does (docs/domain/dfe-api.md). Credentials come from the environment
at the moment of sending, never from the database; nothing here logs a payload or a secret."""

import os
import time
from collections.abc import Sequence
from dataclasses import dataclass

import requests

from lantern.dfe_api.spec import Payload

SETTINGS = {
    "url": "LANTERN_DFE_API_URL",
    "token_url": "LANTERN_DFE_API_TOKEN_URL",
    "client_id": "LANTERN_DFE_API_CLIENT_ID",
    "client_secret": "LANTERN_DFE_API_CLIENT_SECRET",
    "scope": "LANTERN_DFE_API_SCOPE",
    "supplier_key": "LANTERN_DFE_API_SUPPLIER_KEY",
}
RETRY_STATUSES = {401, 403, 429}
RETRY_DELAYS = (5.0, 10.0, 20.0)  # seconds before each of the three retries
TIMEOUT = 60


class ApiNotConfigured(Exception):
    """A setting the DfE API needs is missing: nothing can be sent."""


@dataclass(frozen=True)
class Credentials:
    url: str
    token_url: str
    client_id: str
    client_secret: str
    scope: str
    supplier_key: str


def credentials() -> Credentials:
    values = {key: os.environ.get(name, "").strip() for key, name in SETTINGS.items()}
    missing = [SETTINGS[key] for key, value in values.items() if not value]
    if missing:
        raise ApiNotConfigured("Set " + ", ".join(missing) + " to send to the DfE: nothing was sent")
    return Credentials(**values)


@dataclass
class Answer:
    ok: bool
    responses: list[str]
    error: str = ""


class DfeClient:
    def __init__(self, creds: Credentials, *, delays: Sequence[float] = RETRY_DELAYS) -> None:
        self.creds = creds
        self.delays = delays
        self.session = requests.Session()
        self.requests = 0
        self._token: str | None = None

    def _post(self, url: str, **kwargs) -> requests.Response:
        self.requests += 1
        return self.session.post(url, timeout=TIMEOUT, **kwargs)

    def token(self) -> str:
        response = self._post(
            self.creds.token_url,
            data={
                "client_id": self.creds.client_id,
                "client_secret": self.creds.client_secret,
                "scope": self.creds.scope,
                "grant_type": "client_credentials",
            },
        )
        if response.status_code != 200:
            raise requests.HTTPError(f"the token service answered HTTP {response.status_code}")
        try:
            self._token = response.json()["access_token"]
        except (ValueError, KeyError, TypeError) as exc:
            raise requests.HTTPError("the token service's answer has no access_token") from exc
        return self._token

    def send_batch(self, la_code: int, records: list[Payload]) -> Answer:
        url = f"{self.creds.url.rstrip('/')}/children_social_care_data/{la_code}/children"
        for attempt in range(len(self.delays) + 1):
            if self._token is None:
                self.token()
            response = self._post(
                url,
                json=records,
                headers={"Authorization": f"Bearer {self._token}", "SupplierKey": self.creds.supplier_key},
            )
            if response.status_code in RETRY_STATUSES and attempt < len(self.delays):
                if response.status_code == 401:
                    self._token = None  # expired: ask for a new one
                time.sleep(self.delays[attempt])
                continue
            return _answer(response, len(records))
        raise AssertionError("unreachable")


def _answer(response: requests.Response, sent: int) -> Answer:
    if response.status_code != 200:
        return Answer(False, [], f"the DfE answered HTTP {response.status_code}")
    try:
        items = response.json()
    except ValueError:
        return Answer(False, [], "the DfE's answer was not JSON")
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        return Answer(False, [], "the DfE's answer was not a list of received items")
    if len(items) != sent:
        return Answer(False, [], f"the DfE acknowledged {len(items)} of {sent} records: the batch is kept pending")
    return Answer(True, items)
