"""Refused requests (403 anywhere, 404 on a record's URL) become security events in the access log, which the data
protection officer and administrators read at /audit/refused/ and which a child's access log lists for its pages."""

import pytest
from django.urls import reverse

from lantern.accounts import audit
from lantern.accounts.models import AccessEvent
from lantern.accounts.roles import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _refusals() -> list[tuple[str, str, int]]:
    events = AccessEvent.objects.filter(action=AccessEvent.Action.REFUSED).order_by("sequence")
    return list(events.values_list("user__username", "path", "status"))


def test_a_403_is_recorded_with_user_path_without_query_string_and_status(client, people):
    client.force_login(people["alice"])
    response = client.get(reverse("child_access_log", args=["A1"]), {"page": "2", "q": "Amy Adams"})
    assert response.status_code == 403
    assert _refusals() == [("alice", "/children/A1/access-log/", 403)]
    event = AccessEvent.objects.get(action=AccessEvent.Action.REFUSED)
    assert event.remote_addr == "127.0.0.1"
    assert event.at is not None


def test_a_404_on_a_record_outside_the_users_access_is_recorded(client, people):
    client.force_login(people["carl"])
    assert client.get(reverse("child", args=["A1"])).status_code == 404
    assert client.get("/children/NOSUCH/visits/new/").status_code == 404
    assert client.get("/api/children/A1/timescales").status_code == 404
    assert _refusals() == [
        ("carl", "/children/A1/", 404),
        ("carl", "/children/NOSUCH/visits/new/", 404),
        ("carl", "/api/children/A1/timescales", 404),
    ]
    # Nothing was viewed.
    assert not AccessEvent.objects.filter(action=AccessEvent.Action.VIEW).exists()


def test_a_404_on_a_page_that_is_not_a_record_and_a_visitor_are_not_security_events(client, people):
    client.get(reverse("child", args=["A1"]))  # a visitor: sent to sign in
    client.force_login(people["carl"])
    assert client.get("/no-such-page/").status_code == 404
    assert client.get(reverse("child_access_log", args=["A1"])).status_code == 403  # this one is
    assert _refusals() == [("carl", "/children/A1/access-log/", 403)]


def test_security_events_are_links_in_the_chain(client, people):
    client.force_login(people["carl"])
    client.get(reverse("child", args=["A1"]))
    client.force_login(people["alice"])
    client.get(reverse("child", args=["A1"]))  # her own child: a view
    assert str(audit.verify()) == "intact, 2 rows"


def test_the_data_protection_officer_and_administrators_read_the_refused_requests(client, people):
    client.force_login(people["carl"])
    client.get(reverse("child", args=["A1"]))
    client.force_login(people["alice"])
    client.get(reverse("child_access_log", args=["A1"]))
    for role in (Role.DATA_PROTECTION, Role.ADMINISTRATOR):
        client.force_login(UserFactory(roles=[role]))
        page = client.get(reverse("refused_requests")).content.decode()
        assert "2 refused requests, newest first" in page
        assert "/children/A1/access-log/" in page
        assert "Not allowed (403)" in page
        assert "Not found (404)" in page
        assert "(carl)" in page and "(alice)" in page
    # Their home page leads there.
    assert 'href="/audit/refused/"' in client.get(reverse("home")).content.decode()


def test_others_may_not_read_the_refused_requests(client, people):
    client.force_login(UserFactory(username="tm", roles=[Role.TEAM_MANAGER]))
    assert client.get(reverse("refused_requests")).status_code == 403
    assert _refusals() == [("tm", "/audit/refused/", 403)]


def test_a_childs_access_log_lists_refused_requests_for_its_pages(client, people):
    client.force_login(people["carl"])
    client.get(reverse("child", args=["A1"]), {"tab": "visits"})
    client.get("/children/B2/")  # another child's ID: not on A1's log
    client.force_login(UserFactory(roles=[Role.DATA_PROTECTION]))
    page = client.get(reverse("child_access_log", args=["A1"])).content.decode()
    assert "1 entry, newest first" in page
    assert "Refused: not found (404)" in page
    assert "/children/A1/" in page
    assert "/children/B2/" not in page
