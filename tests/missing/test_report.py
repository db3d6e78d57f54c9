"""Reporting a child missing from home, care or education: any child, from their record's page."""

import html
from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from lantern.missing.models import MissingEpisode
from tests.factories import make
from tests.missing.test_views import a_moment, assert_refused

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_monday")]


def test_it_reports_a_child_missing_and_lists_them_as_missing_now(alice, people):
    url = reverse("missing:report", args=["A1"])
    assert "Report the child missing" in alice.get(url).content.decode()
    response = alice.post(
        url, {"kind": "M", "missing_from": "education"} | a_moment("started_at", date(2026, 3, 2), "09:15"), follow=True
    )
    assert response.redirect_chain == [("/children/A1/", 302)]
    episode = MissingEpisode.objects.get(child=people["amy"])
    assert (episode.started_at, episode.missing_from, episode.returned_at) == (
        datetime(2026, 3, 2, 9, 15, tzinfo=UTC),
        "education",
        None,
    )
    now = html.unescape(alice.get(reverse("missing:now")).content.decode())
    assert "1 child missing now" in now
    assert "Amy Adams" in now
    assert "2 March 2026 at 09:15" in now
    assert "Missing, education (school or college)" in now
    assert "Alice Archer (Team A)" in now  # the owner: her social worker


@pytest.mark.parametrize(
    ("posted", "message"),
    [
        (a_moment("started_at", date(2026, 3, 3), "09:00"), "Date and time missing from must be today or in the past"),
        # Later today is the future too (the test's now is 12:00).
        (a_moment("started_at", date(2026, 3, 2), "15:00"), "Date and time missing from must be now or in the past"),
        ({}, "Enter the date and time missing from"),
    ],
)
def test_it_refuses_a_missing_report_in_the_future_and_saves_nothing(alice, people, posted, message):
    response = alice.post(reverse("missing:report", args=["A1"]), {"kind": "M", "missing_from": "home"} | posted)
    assert_refused(response, link="id_started_at-day", message=message)
    assert not MissingEpisode.objects.exists()


def test_it_refuses_a_second_report_while_the_child_is_still_missing(alice, people):
    make(MissingEpisode, child=people["amy"], kind="M", started_at=datetime(2026, 3, 1, 20, tzinfo=UTC))
    response = alice.post(
        reverse("missing:report", args=["A1"]),
        {"kind": "M", "missing_from": "home"} | a_moment("started_at", date(2026, 3, 2), "08:00"),
    )
    assert_refused(
        response,
        link="id_started_at-day",
        message="Amy Adams is already recorded as missing since 1 March 2026 at 20:00: record their return first",
    )
    assert MissingEpisode.objects.count() == 1


def test_it_asks_where_the_child_went_missing_from(alice):
    response = alice.post(reverse("missing:report", args=["A1"]), a_moment("started_at", date(2026, 3, 2), "08:00"))
    text = html.unescape(response.content.decode())
    assert "Select whether the child is missing or away without authorisation" in text
    assert "Select where the child went missing from" in text
    assert not MissingEpisode.objects.exists()


def test_a_worker_outside_the_childs_team_cannot_report_them(client, people):
    client.force_login(people["carl"])
    assert client.get(reverse("missing:report", args=["A1"])).status_code == 404
