"""Missing now, the repeat-missing tracker, and whose work a missing episode is (the child's worker, or the
missing coordinator when the child has none)."""

import html
import re
from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from lantern.accounts.roles import Role
from lantern.missing.models import ExploitationScreening, MissingEpisode
from tests.factories import ChildFactory, TeamFactory, UserFactory, WorkerFactory, make
from tests.missing.test_views import a_moment

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_monday")]


def text_of(response) -> str:
    assert response.status_code == 200
    return html.unescape(response.content.decode())


@pytest.fixture
def unallocated():
    """Zak, known to nobody: no open allocation. He went missing and came back on Friday night."""
    zak = ChildFactory(first_name="Zak", last_name="Zed", la_child_id="Z9")
    make(
        MissingEpisode,
        child=zak,
        kind="M",
        started_at=datetime(2026, 2, 27, 18, tzinfo=UTC),
        returned_at=datetime(2026, 2, 27, 23, tzinfo=UTC),
    )
    return zak


@pytest.fixture
def coordinator(client, people):
    user = UserFactory(username="mc", first_name="Mo", last_name="Coordinator", roles=[Role.MISSING_COORDINATOR])
    WorkerFactory(user=user, team=TeamFactory(name="Missing and exploitation"), first_name="Mo", last_name="Coord")
    client.force_login(user)
    return client


def test_missing_now_lists_only_the_children_within_the_viewers_scope(client, people, unallocated):
    make(MissingEpisode, child=people["amy"], kind="A", started_at=datetime(2026, 3, 1, 22, tzinfo=UTC))
    make(MissingEpisode, child=unallocated, kind="M", started_at=datetime(2026, 3, 2, 1, tzinfo=UTC))
    client.force_login(people["alice"])
    team = text_of(client.get(reverse("missing:now")))
    assert "1 child missing now" in team
    assert "Amy Adams" in team and "Zak Zed" not in team
    assert "14" in team  # hours missing at midday
    client.force_login(people["carl"])
    assert "0 children missing now" in text_of(client.get(reverse("missing:now")))
    client.force_login(people["director"])
    authority = text_of(client.get(reverse("missing:now")))
    assert "2 children missing now" in authority
    assert "Missing coordinator" in authority  # Zak's owner: he has no allocated worker
    # Read-only roles are not offered the form.
    assert "Record the return" not in authority
    by_team = text_of(client.get(reverse("missing:now"), {"team": people["team"].pk}))
    assert "1 child missing now" in by_team and "Zak Zed" not in by_team


def test_a_team_outside_the_viewers_scope_is_not_found(client, people):
    client.force_login(people["carl"])
    assert client.get(reverse("missing:now"), {"team": people["team"].pk}).status_code == 404
    client.force_login(people["admin"])
    assert client.get(reverse("missing:now")).status_code == 403


def test_the_tracker_lists_children_with_three_or_more_episodes_in_90_days(client, people):
    amy = people["amy"]
    for day in (date(2025, 11, 1), date(2026, 1, 10), date(2026, 2, 1), date(2026, 2, 20)):
        make(
            MissingEpisode,
            child=amy,
            kind="M",
            started_at=datetime(day.year, day.month, day.day, 20, tzinfo=UTC),
            returned_at=datetime(day.year, day.month, day.day, 23, tzinfo=UTC),
            return_interview_at=datetime(day.year, day.month, day.day, 23, 30, tzinfo=UTC) if day.month == 1 else None,
        )
    make(
        ExploitationScreening,
        child=amy,
        screened_on=date(2026, 2, 21),
        sexual=True,
        level="high",
        review_on=date(2026, 4, 1),
    )
    client.force_login(people["alice"])
    page = text_of(client.get(reverse("missing:repeated")))
    assert "1 child missing repeatedly" in page
    row = " ".join(re.sub(r"<[^>]+>", " ", page[page.index("Amy Adams") :]).split())
    assert row.startswith("Amy Adams A1 3 20 Feb 2026")  # the November episode is outside the 90 days
    assert "1 held, 0 declined, 2 outstanding" in row
    assert "High (21 Feb 2026; review 1 Apr 2026)" in row
    assert "At risk, no plan" in row


def test_the_coordinator_owns_the_interview_of_a_child_with_no_worker(coordinator, people, unallocated):
    work = text_of(coordinator.get(reverse("worklists:my_work")))
    assert "Zak Zed" in work
    assert "Return home interview" in work
    assert f'href="{reverse("missing:return_interview", args=[unallocated.missing_episodes.get().pk])}?next=' in work
    # Amy's interview is Alice's, her social worker's: not on the coordinator's list.
    make(
        MissingEpisode,
        child=people["amy"],
        kind="M",
        started_at=datetime(2026, 2, 28, 18, tzinfo=UTC),
        returned_at=datetime(2026, 2, 28, 23, tzinfo=UTC),
    )
    assert "Amy Adams" not in text_of(coordinator.get(reverse("worklists:my_work")))
    client = coordinator
    client.force_login(people["alice"])
    assert "Amy Adams" in text_of(client.get(reverse("worklists:my_work")))


def test_the_coordinator_records_the_interview_and_it_leaves_their_list(coordinator, unallocated):
    episode = unallocated.missing_episodes.get()
    response = coordinator.post(
        reverse("missing:return_interview", args=[episode.pk]),
        {"offered": "yes", "accepted": "yes"} | a_moment("held_at", date(2026, 3, 1), "11:00"),
    )
    assert response.status_code == 302
    assert "Zak Zed" not in text_of(coordinator.get(reverse("worklists:my_work")))


def test_the_coordinator_records_nothing_but_missing_work(coordinator, unallocated):
    response = coordinator.get(reverse("journey:visit", args=["Z9"]) + "?reason=Missing+from+home")
    assert response.status_code in (302, 403)
    assert coordinator.post(reverse("journey:visit", args=["Z9"]), {}).status_code == 403
