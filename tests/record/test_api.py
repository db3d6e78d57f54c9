"""The children API's date parameter: one rule for every day that comes in, and a plain 422 when it is refused."""

from datetime import date

import pytest

from lantern.accounts.models import AccessEvent
from lantern.accounts.roles import Role
from lantern.core.dates import DayRefused, parse_day
from tests.factories import AllocationFactory, ReferralFactory, UserFactory, WorkerFactory

pytestmark = pytest.mark.django_db

URL = "/api/children/C77/timescales"


@pytest.fixture
def social_worker(client):
    referral = ReferralFactory(referral_date=date(2025, 12, 19), child__la_child_id="C77")
    worker = WorkerFactory(user=UserFactory(roles=[Role.SOCIAL_WORKER]))
    AllocationFactory(child=referral.child, worker=worker)
    client.force_login(worker.user)
    return worker.user


@pytest.mark.parametrize(
    ("as_of", "message"),
    [
        ("9999-12-31", "as_of must be between 1900-01-01 and 2199-12-31, not 9999-12-31"),
        ("0001-01-01", "as_of must be between 1900-01-01 and 2199-12-31, not 0001-01-01"),
        ("2026-02-30", "as_of must be a real date, like 2026-03-31"),
        ("tomorrow", "as_of must be a date in the form YYYY-MM-DD, like 2026-03-31"),
        ("20260226", "as_of must be a date in the form YYYY-MM-DD, like 2026-03-31"),
    ],
)
def test_the_api_refuses_a_day_it_cannot_count_to_with_a_plain_422(client, social_worker, as_of, message):
    client.raise_request_exception = False  # the old code's 500 must show as a status, not an exception
    response = client.get(URL, {"as_of": as_of})
    assert response.status_code == 422
    assert response.json() == {"detail": message}
    # Refused before the record was read, so nothing was viewed.
    assert not AccessEvent.objects.filter(action=AccessEvent.Action.VIEW).exists()


@pytest.mark.parametrize("as_of", ["1900-01-01", "2199-12-31"])
def test_the_api_answers_for_the_first_and_last_days_it_can_count(client, social_worker, as_of):
    response = client.get(URL, {"as_of": as_of})
    assert response.status_code == 200
    assert response.json()["as_of"] == as_of


def test_the_api_still_defaults_to_today_with_no_day(client, social_worker):
    response = client.get(URL)
    assert response.status_code == 200
    assert date.fromisoformat(response.json()["as_of"]) >= date(2025, 1, 1)


def test_the_api_describes_as_of_as_a_date_with_its_limits(client, social_worker):
    parameters = client.get("/api/openapi.json").json()["paths"]["/api/children/{la_child_id}/timescales"]["get"][
        "parameters"
    ]
    as_of = next(p for p in parameters if p["name"] == "as_of")
    assert as_of["example"] == "2026-03-31"
    assert "1900-01-01 to 2199-12-31" in as_of["description"]


@pytest.mark.parametrize("text", ["9999-12-31", "0001-01-01", "2026-02-30", "tomorrow", "", "2026-2-3"])
def test_parse_day_names_the_field_and_the_reason(text):
    with pytest.raises(DayRefused, match=r"^start must be "):
        parse_day(text, field="start")


def test_parse_day_reads_an_iso_date():
    assert parse_day(" 2026-02-28 ", field="as_of") == date(2026, 2, 28)


# Outside one's own work the API asks why, as the record page does ---------------------------------------------


@pytest.fixture
def director(client, social_worker):
    user = UserFactory(username="director", roles=[Role.DIRECTOR])
    client.force_login(user)
    return user


def test_outside_own_work_the_api_refuses_without_a_reason_and_logs_no_view(client, director):
    response = client.get(URL)
    assert response.status_code == 403
    assert "outside your own work" in response.json()["detail"]
    assert "?reason=" in response.json()["detail"]
    assert not AccessEvent.objects.filter(action=AccessEvent.Action.VIEW).exists()
    assert client.get(URL, {"reason": "   "}).status_code == 403


def test_the_reason_is_logged_once_and_then_the_session_needs_no_other(client, director):
    response = client.get(URL, {"reason": "Preparing the Ofsted case sample"})
    assert response.status_code == 200 and response.json()["la_child_id"] == "C77"
    assert client.get(URL).status_code == 200  # the session gave its reason for this child
    details = list(
        AccessEvent.objects.filter(action=AccessEvent.Action.VIEW, user=director)
        .order_by("sequence")
        .values_list("detail", flat=True)
    )
    assert details == ["Reason: Preparing the Ofsted case sample", "timescales via API", "timescales via API"]


def test_a_reason_longer_than_the_log_keeps_is_refused(client, director):
    response = client.get(URL, {"reason": "x" * 201})
    assert response.status_code == 422
    assert not AccessEvent.objects.exists()


def test_the_childs_own_social_worker_is_not_asked(client, social_worker):
    assert client.get(URL).status_code == 200
