"""The missing episode pages: the child's return and the return home interview."""

import html
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.urls import reverse

from lantern.accounts.roles import Role
from lantern.missing.models import MissingEpisode
from lantern.timescales.selectors import child_timescales
from tests.factories import AllocationFactory, UserFactory, WorkerFactory, make, resave

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_monday")]
TODAY = date(2026, 3, 2)


@pytest.fixture
def still_missing(people):
    return make(MissingEpisode, child=people["amy"], kind="M", started_at=datetime(2026, 2, 26, 22, 0, tzinfo=UTC))


@pytest.fixture
def returned(people):
    return make(
        MissingEpisode,
        child=people["amy"],
        kind="A",
        started_at=datetime(2026, 2, 26, 22, 0, tzinfo=UTC),
        returned_at=datetime(2026, 2, 27, 8, 15, tzinfo=UTC),
    )


def a_moment(name: str, day: date, at: str) -> dict[str, str]:
    return {f"{name}-day": str(day.day), f"{name}-month": str(day.month), f"{name}-year": str(day.year)} | {
        f"{name}-time": at
    }


def assert_refused(response, *, link: str, message: str) -> None:
    assert response.status_code == 200
    text = html.unescape(response.content.decode())
    assert "<title>Error: " in text
    summary = text[text.index("There is a problem") : text.index("</h1>")]
    assert f'href="#{link}"' in summary
    assert message in summary
    assert text.count(message) == 2


def interview_clock(child):
    return next(c for c in child_timescales(child=child, as_of=TODAY) if c.rule.id == "return_interview")


def test_it_keeps_the_contracted_url_paths():
    assert reverse("missing:return", args=[4]) == "/missing-episodes/4/return/"
    assert reverse("missing:return_interview", args=[4]) == "/missing-episodes/4/return-interview/"


# The child's return ---------------------------------------------------------------------------------------------


def test_it_shows_the_return_form_to_the_allocated_social_worker(alice, still_missing):
    response = alice.get(reverse("missing:return", args=[still_missing.pk]))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Record the child’s return" in text
    assert "26 February 2026 at 22:00" in text


def test_it_records_the_return_and_starts_the_interview_clock(alice, still_missing):
    response = alice.post(
        reverse("missing:return", args=[still_missing.pk]),
        a_moment("returned_at", date(2026, 2, 27), "7:30"),
        follow=True,
    )
    assert response.redirect_chain == [("/children/A1/", 302)]
    assert "Return recorded" in response.content.decode()
    still_missing.refresh_from_db()
    assert still_missing.returned_at == datetime(2026, 2, 27, 7, 30, tzinfo=UTC)
    running = interview_clock(still_missing.child)
    assert (running.due, running.done) == (datetime(2026, 3, 2, 7, 30, tzinfo=UTC), None)


@pytest.mark.parametrize(
    ("posted", "message"),
    [
        (
            a_moment("returned_at", date(2026, 3, 4), "10:00"),
            "Date and time the child returned must be today or in the past",
        ),
        (
            a_moment("returned_at", date(2026, 2, 26), "21:00"),
            "The child must return after they went missing, on 26 February",
        ),
        (
            a_moment("returned_at", date(2026, 2, 27), "25:10"),
            "Date and time the child returned must include a real time",
        ),
        (a_moment("returned_at", date(2026, 2, 27), ""), "Date and time the child returned must include a time"),
        ({}, "Enter the date and time the child returned"),
    ],
)
def test_it_refuses_a_bad_return_and_saves_nothing(alice, still_missing, posted, message):
    response = alice.post(reverse("missing:return", args=[still_missing.pk]), posted)
    assert_refused(response, link="id_returned_at-day", message=message)
    still_missing.refresh_from_db()
    assert still_missing.returned_at is None


def test_it_refuses_a_second_return(alice, returned):
    response = alice.post(
        reverse("missing:return", args=[returned.pk]), a_moment("returned_at", date(2026, 2, 28), "10:00")
    )
    assert_refused(
        response,
        link="id_returned_at-day",
        message="The child’s return was already recorded, on 27 February 2026 at 08:15",
    )


# The return home interview --------------------------------------------------------------------------------------


def test_it_records_the_return_home_interview_and_stops_its_clock(alice, returned):
    url = reverse("missing:return_interview", args=[returned.pk])
    assert "Record the return home interview" in alice.get(url).content.decode()
    response = alice.post(
        url, {"offered": "yes", "accepted": "yes"} | a_moment("held_at", date(2026, 2, 28), "14:00"), follow=True
    )
    assert "Return home interview recorded" in response.content.decode()
    returned.refresh_from_db()
    assert (returned.return_interview_offered, returned.return_interview_accepted) == (True, True)
    assert returned.return_interview_at == datetime(2026, 2, 28, 14, 0, tzinfo=UTC)
    assert interview_clock(returned.child).status == "done on time"


def test_an_interview_declined_stops_the_clock_when_the_child_declined(alice, returned):
    response = alice.post(
        reverse("missing:return_interview", args=[returned.pk]),
        {"offered": "yes", "accepted": "no"} | a_moment("declined_at", date(2026, 2, 27), "16:45"),
    )
    assert response.status_code == 302
    returned.refresh_from_db()
    assert (returned.return_interview_offered, returned.return_interview_accepted) == (True, False)
    assert returned.return_interview_at is None
    clock = interview_clock(returned.child)
    # Stopped at the moment the child said no (within 72 hours), not when it was written down (2 March).
    assert (clock.done, clock.status) == (datetime(2026, 2, 27, 16, 45, tzinfo=UTC), "done on time")


def test_an_interview_not_offered_leaves_the_clock_running(alice, returned):
    assert alice.post(reverse("missing:return_interview", args=[returned.pk]), {"offered": "no"}).status_code == 302
    clock = interview_clock(returned.child)
    assert (clock.done, clock.status) == (None, "due soon")


@pytest.mark.parametrize(
    ("posted", "link", "message"),
    [
        (
            {"offered": "yes", "accepted": "yes"} | a_moment("held_at", date(2026, 2, 27), "08:00"),
            "id_held_at-day",
            "The interview must be after the child returned",
        ),
        (
            {"offered": "yes", "accepted": "yes"}
            | a_moment("held_at", date(2026, 2, 28), "08:00")
            | {"held_at-day": "30"},
            "id_held_at-day",
            "Date and time of the interview must be a real date",
        ),
        (
            {"offered": "yes", "accepted": "no"} | a_moment("held_at", date(2026, 2, 28), "10:00"),
            "id_held_at-day",
            "An interview can only be held if the child accepted it",
        ),
        ({"offered": "no", "accepted": "yes"}, "id_accepted", "An interview can only be accepted if it was offered"),
        (
            {"offered": "yes", "accepted": "no"},
            "id_declined_at-day",
            "Enter the date and time the child declined the interview",
        ),
        (
            {"offered": "yes", "accepted": "no"} | a_moment("declined_at", date(2026, 2, 27), "07:00"),
            "id_declined_at-day",
            "The child can only decline an interview after they returned",
        ),
        ({"offered": "yes"}, "id_accepted", "Select yes if the child accepted the interview"),
        ({"offered": "perhaps"}, "id_offered", "Was the child offered a return home interview?: answer yes or no"),
    ],
)
def test_it_refuses_a_bad_interview_and_saves_nothing(alice, returned, posted, link, message):
    response = alice.post(reverse("missing:return_interview", args=[returned.pk]), posted)
    assert_refused(response, link=link, message=message)
    returned.refresh_from_db()
    assert returned.return_interview_offered is None
    assert returned.return_interview_at is None


def test_it_refuses_an_interview_before_the_child_has_returned(alice, still_missing):
    response = alice.post(
        reverse("missing:return_interview", args=[still_missing.pk]),
        {"offered": "yes", "accepted": "yes"} | a_moment("held_at", date(2026, 2, 28), "10:00"),
    )
    assert_refused(response, link="id_held_at-day", message="Record the child's return before the return interview")


# Who may record -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["missing:return", "missing:return_interview"])
def test_it_answers_not_found_to_a_worker_outside_the_childs_team(client, people, returned, name):
    client.force_login(people["carl"])
    assert client.get(reverse(name, args=[returned.pk])).status_code == 404
    assert client.post(reverse(name, args=[returned.pk]), {"offered": "no"}).status_code == 404
    returned.refresh_from_db()
    assert returned.return_interview_offered is None


@pytest.mark.parametrize("role", ["inspector", "director"])
@pytest.mark.parametrize("name", ["missing:return", "missing:return_interview"])
def test_it_refuses_read_only_roles(client, people, returned, name, role):
    client.force_login(people[role])
    response = client.get(reverse(name, args=[returned.pk]))
    assert response.status_code == 403
    assert "Your role cannot record casework" in response.content.decode()
    assert client.post(reverse(name, args=[returned.pk]), {"offered": "no"}).status_code == 403
    returned.refresh_from_db()
    assert returned.return_interview_offered is None


@pytest.mark.parametrize("name", ["missing:return", "missing:return_interview"])
def test_it_sends_an_unauthenticated_visitor_to_sign_in(client, returned, name):
    response = client.get(reverse(name, args=[returned.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_second_person_saving_over_a_change_is_refused_and_keeps_their_entries(client):

    first = UserFactory(roles=[Role.SOCIAL_WORKER])
    worker = WorkerFactory(user=first)
    allocation = AllocationFactory(worker=worker)
    second = UserFactory(roles=[Role.SOCIAL_WORKER])
    WorkerFactory(user=second, team=worker.team)
    episode = make(MissingEpisode, child=allocation.child, kind="M", started_at=datetime(2026, 3, 1, 20, tzinfo=UTC))
    url = reverse("missing:return", args=[episode.pk])
    client.force_login(second)
    opened = client.get(url).content.decode()
    version = opened.split('name="version" value="')[1].split('"')[0]

    client.force_login(first)
    with time_machine.travel(datetime(2026, 3, 2, 12, 5, tzinfo=UTC), tick=False):
        page = client.get(url).content.decode()
        first_version = page.split('name="version" value="')[1].split('"')[0]
        client.post(
            url,
            {
                "version": first_version,
                "returned_at-day": "2",
                "returned_at-month": "3",
                "returned_at-year": "2026",
                "returned_at-time": "09:00",
            },
        )
    episode.refresh_from_db()
    assert episode.returned_at is not None

    client.force_login(second)
    with time_machine.travel(datetime(2026, 3, 2, 12, 10, tzinfo=UTC), tick=False):
        refused = client.post(
            url,
            {
                "version": version,
                "returned_at-day": "2",
                "returned_at-month": "3",
                "returned_at-year": "2026",
                "returned_at-time": "10:30",
            },
        )
    text = refused.content.decode()
    assert "Someone else saved a change to this record" in text
    assert 'value="10:30"' in text  # what the second person typed is still there
    episode.refresh_from_db()
    assert episode.returned_at == datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # the first person's entry stands


def test_an_interview_still_owed_at_18_leaves_the_worklists(people):
    amy = people["amy"]
    resave(amy, date_of_birth=date(2008, 1, 1))  # 18 on 1 January 2026
    make(
        MissingEpisode,
        child=amy,
        kind="M",
        started_at=datetime(2025, 12, 20, 22, tzinfo=UTC),
        returned_at=datetime(2025, 12, 21, 8, tzinfo=UTC),
    )
    clock = interview_clock(amy)
    assert (clock.status, clock.live) == ("overdue", False)
