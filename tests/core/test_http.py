"""Headers on every response (lantern/core/http.py) and a request log without query strings."""

import logging

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


def test_every_response_to_a_signed_in_user_is_not_to_be_stored(client, people):
    from tests.factories import AllocationFactory, ChildFactory

    alice, tina = people["alice"], people["tina"]
    AllocationFactory(worker=alice.worker, child=ChildFactory(la_child_id="A9"))
    client.force_login(alice)
    record = client.get(reverse("child", args=["A9"]))
    api = client.get(reverse("api-1:child_timescales_api", kwargs={"la_child_id": "A9"}))
    export = client.get(reverse("worklists:my_work"), {"format": "csv"})
    assert (record.status_code, api.status_code, export.status_code) == (200, 200, 200)
    assert no_store(record) and no_store(api) and no_store(export)
    client.force_login(tina)
    log = client.get(reverse("child_access_log", args=["A9"]))
    assert log.status_code == 200 and no_store(log)
    # A 404 to a signed-in user is not kept either.
    assert no_store(client.get("/children/NOBODY/"))


def test_every_page_carries_the_permissions_policy_even_before_sign_in(client):
    page = client.get(reverse("login"))
    policy = page["Permissions-Policy"]
    assert "camera=()" in policy and "microphone=()" in policy and "geolocation=()" in policy


def test_the_api_docs_load_swagger_from_lanterns_own_static_files(client, people):
    client.force_login(people["alice"])
    page = client.get("/api/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "cdn." not in page and "https://" not in page
    assert client.get("/static/ninja/swagger-ui-bundle.js").status_code == 200


def test_a_failed_search_logs_the_path_and_not_the_name_searched(client, people, caplog):
    client.force_login(people["admin"])
    with caplog.at_level(logging.INFO, logger="lantern.requests"):
        response = client.get("/children/", {"q": "Quartermaine"})
    assert response.status_code == 404
    lines = [r.getMessage() for r in caplog.records if r.name == "lantern.requests"]
    assert lines and lines[-1].startswith('"GET /children/" 404')
    assert not any("Quartermaine" in r.getMessage() for r in caplog.records)
